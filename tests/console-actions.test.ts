/**
 * The console's own words: paging a paged answer (n, p, a page number), the other buttons as numbered or
 * named actions (full, cite, csv; share means nothing offline), menus (pick N), help / exit / quit / clear,
 * and files (a CSV export) written to disk. Driven through ConsoleSession with the real services, and the
 * `npm run ask` stdin contract (one JSON line per line in) through the real process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runComponent } from '../src/app/dispatch.js';
import { CITE, FULL } from '../src/answers/actions.js';
import { ButtonStyle, ComponentType } from '../src/kernel/discord-enums.js';
import type { Payload } from '../src/kernel/types.js';
import { controlsOf } from '../src/doors/console/controls.js';
import { CONSOLE_USER, parseConsoleWord } from '../src/doors/console/parse.js';
import { completer } from '../src/doors/console/repl.js';
import { ConsoleSession, type Turn } from '../src/doors/console/session.js';
import { PROJECT_ROOT } from '../src/kernel/paths.js';
import { run, services, text } from './helpers/services.js';

const scratch = mkdtempSync(join(tmpdir(), 'console-actions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const session = (opts: ConstructorParameters<typeof ConsoleSession>[1] = {}) =>
  new ConsoleSession(services, { locale: 'en', outDir: join(scratch, 'out'), ...opts });

/** The "Page x of y" label of a payload's pager. */
const pageLabel = (p: Payload | undefined): string | undefined => controlsOf(p).pager?.label;

const en = services.translator.t('en');
const zh = services.translator.t('zh-TW');

describe('parseConsoleWord', () => {
  it('knows the console words, case and spaces aside, and nothing else', async () => {
    expect(parseConsoleWord(' N ')).toEqual({ kind: 'next' });
    expect(parseConsoleWord('prev')).toEqual({ kind: 'prev' });
    expect(parseConsoleWord('p')).toEqual({ kind: 'prev' });
    expect(parseConsoleWord('3')).toEqual({ kind: 'number', n: 3 });
    expect(parseConsoleWord('３')).toEqual({ kind: 'number', n: 3 }); // full-width, as an IME types it
    expect(parseConsoleWord('page 12')).toEqual({ kind: 'page', page: 12 });
    expect(parseConsoleWord('#2')).toEqual({ kind: 'action', n: 2 });
    expect(parseConsoleWord('pick 4')).toEqual({ kind: 'pick', n: 4 });
    expect(parseConsoleWord('pick')).toEqual({ kind: 'pick', n: undefined });
    expect(parseConsoleWord('Cite')).toEqual({ kind: 'named', name: 'cite' });
    expect(parseConsoleWord('csv')).toEqual({ kind: 'named', name: 'csv' });
    expect(parseConsoleWord('share')).toEqual({ kind: 'named', name: 'share' });
    for (const w of ['help', 'exit', 'quit', 'clear']) expect(parseConsoleWord(w)).toBeDefined();
    for (const q of ['help me', 'next year', 'ICLEI', '/help', 'constructor', 'toString', 'page one', 'pick ICLEI'])
      expect(parseConsoleWord(q), q).toBeUndefined();
  });

  it('tab completion offers the console words', async () => {
    expect(completer('he')).toEqual([['help '], 'he']);
    expect(completer('c')).toEqual([['clear ', 'cite ', 'csv '], 'c']);
    const [all] = completer('') as [string[], string];
    expect(all).toEqual(expect.arrayContaining(['help ', 'exit ', 'quit ', 'clear ', 'next ', '/about ']));
    expect(completer('/fo')).toEqual([['/founded '], '/fo']); // commands still complete as before
  });
});

describe('paging', () => {
  it('/about, then n, p and 3 reach the right pages; page N and the ends are checked', async () => {
    const s = session();
    const first = await s.handle('/about');
    expect(first.kind).toBe('answer');
    expect(pageLabel(first.payload)).toMatch(/^Page 1 of \d+$/);
    const pages = controlsOf(first.payload).pager!.pages!;
    expect(pages).toBeGreaterThanOrEqual(10);
    expect(first.text).toMatch(/\[n\]/);

    const second = await s.handle('n');
    expect(second.kind).toBe('click');
    expect(pageLabel(second.payload)).toBe(`Page 2 of ${pages}`);
    expect(s.current).toBe(second.payload); // an update replaces the shown answer
    expect(pageLabel((await s.handle('p')).payload)).toBe(`Page 1 of ${pages}`);
    const third = await s.handle('3');
    expect(pageLabel(third.payload)).toBe(`Page 3 of ${pages}`);
    // The same page Discord shows for that button.
    const id = controlsOf(first.payload).pager!.idFor(2);
    const direct = runComponent(services, { customId: id, locale: 'en', user: CONSOLE_USER, message: first.payload });
    expect(third.payload).toEqual(direct.value.payload);

    expect(pageLabel((await s.handle(`page ${pages}`)).payload)).toBe(`Page ${pages} of ${pages}`);
    expect((await s.handle('n')).text).toBe(en('console:lastPage'));
    expect((await s.handle(String(pages + 1))).text).toBe(en('console:pageRange', { page: pages + 1, pages }));
    expect(pageLabel(s.current)).toBe(`Page ${pages} of ${pages}`); // a refusal changes nothing
    expect(pageLabel((await s.handle('1')).payload)).toBe(`Page 1 of ${pages}`);
    expect((await s.handle('p')).text).toBe(en('console:firstPage'));
  });

  it('an n with no paged answer says so politely, in the console language', async () => {
    const s = session({ locale: 'zh-TW' });
    const none = await s.handle('n');
    expect(none.kind).toBe('console');
    expect(none.text).toBe(zh('console:noAnswer'));
    expect(none.text).toMatch(/\p{Script=Han}/u);
    await s.handle('/taiwan 高雄');
    expect((await s.handle('n')).text).toBe(zh('console:notPaged'));
    expect((await s.handle('p')).text).toBe(zh('console:notPaged'));
    expect((await s.handle('page 2')).text).toBe(zh('console:notPaged'));
  });

  it('a hidden answer keeps paging, its Share button is no numbered action, and share is meaningless offline', async () => {
    const s = session();
    const first = await s.handle('/about hide:true');
    const c = controlsOf(first.payload);
    expect(c.pager?.label).toMatch(/^Page 1 of/);
    expect(c.share).toBeDefined();
    // Cite is the only numbered action: Share is not one offline.
    expect(c.actions.map((a) => a.customId)).toEqual(['cite:e:-']);
    expect(pageLabel((await s.handle('n')).payload)).toMatch(/^Page 2 of/);
    expect(controlsOf(s.current).share).toBeDefined(); // kept across pages
    expect((await s.handle('share')).text).toBe(en('console:share'));
  });
});

describe('actions', () => {
  /** An answer carrying Full record and Cite buttons, built as the answers build them. */
  const built = (): Payload => ({
    ...run('org', { query: 'ICLEI' }, { locale: 'en' }),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            custom_id: FULL.encode({ lang: 'en', id: 'iclei' }),
            label: 'Full record',
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            custom_id: CITE.encode({ lang: 'en', id: 'iclei' }),
            label: 'Cite',
          },
        ],
      },
    ],
  });

  it('numbers the buttons under an answer, and a number or a word clicks one (built answer)', async () => {
    const s = session();
    const shown = s.show(built());
    expect(shown.text).toMatch(/\[1\] Full record {2}\[2\] Cite/);
    // cite: a new, ephemeral reply; the answer it cites stays the one the words act on.
    const cite = await s.handle('cite');
    expect(cite.kind).toBe('click');
    expect((cite.payload?.flags ?? 0) & 64).toBe(64);
    expect(text(cite.payload!)).toMatch(/APA/);
    expect((await s.handle('2')).payload).toEqual(cite.payload);
    // full: the whole record in place of the short answer.
    const full = await s.handle('1');
    expect(s.current).toBe(full.payload);
    expect(full.payload?.embeds?.[0]?.title).toMatch(/ICLEI/);
    expect(controlsOf(full.payload).actions.map((a) => a.name)).toEqual(['cite']);
    expect((await s.handle('full')).text).toBe(en('console:noNamed', { name: 'full' }));
    expect((await s.handle('5')).text).toBe(en('console:actionRange', { n: 5, choices: '1' }));
  });

  it('/org ICLEI: full and cite by word', async () => {
    // The Full record and Cite buttons come from src/answers/actions.ts (skip this if they ever go).
    const s = session();
    const answer = await s.handle('/org ICLEI');
    const names = controlsOf(answer.payload).actions.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['full', 'cite']));
    const cite = await s.handle('cite');
    expect(cite.payload).toEqual(
      runComponent(services, {
        customId: CITE.encode({ lang: 'en', id: 'iclei' }),
        locale: 'en',
        user: CONSOLE_USER,
        message: answer.payload,
      }).value.payload,
    );
    expect(s.current).toBe(answer.payload);
    const full = await s.handle('full');
    expect(full.payload?.embeds?.[0]?.title).toMatch(/ICLEI/);
    expect(s.current).toBe(full.payload);
  });

  it('a paged answer numbers its buttons #1, #2 (a bare number turns its pages); csv writes the file', async () => {
    const out = join(scratch, 'csv-out');
    const s = session({ outDir: out });
    const list = await s.handle('/list');
    expect(list.text).toMatch(/\[#1\] Cite {2}\[#2\] Export CSV/);
    const csvIndex = controlsOf(list.payload).actions.findIndex((a) => a.name === 'csv');
    expect(csvIndex).toBeGreaterThanOrEqual(0);
    const csvId = controlsOf(list.payload).actions[csvIndex]!.customId;
    const expected = runComponent(services, {
      customId: csvId,
      locale: 'en',
      user: CONSOLE_USER,
      message: list.payload,
    }).value.files?.[0];
    expect(expected).toBeDefined();

    const csv = await s.handle('csv');
    expect(csv.files).toHaveLength(1);
    const file = csv.files[0]!;
    expect(file.path).toBe(join(out, expected!.name));
    expect(new Uint8Array(readFileSync(file.path!))).toEqual(expected!.data);
    expect(csv.text).toContain(en('console:fileSaved', { path: file.path! }));
    // The export was a new reply with nothing to click: the list is still what n pages.
    expect(pageLabel((await s.handle('n')).payload)).toMatch(/^Page 2 of/);
    // #N clicks the Nth button of a paged answer, and the same export comes again.
    expect((await s.handle(`#${csvIndex + 1}`)).files[0]?.path).toBe(file.path);
  });

  it('files go to a new folder under the OS temp folder when no --out is given', async () => {
    const s = new ConsoleSession(services, { locale: 'en' });
    await s.handle('/list');
    const path = (await s.handle('csv')).files[0]?.path;
    expect(path).toBeDefined();
    expect(path!.startsWith(tmpdir())).toBe(true);
    expect(existsSync(path!)).toBe(true);
    rmSync(join(path!, '..'), { recursive: true, force: true });
  });

  it('pick N chooses option N of the answer menu', async () => {
    const s = session();
    const answer = await s.handle('/org cities');
    const menu = controlsOf(answer.payload).menus[0];
    expect(menu?.options.length).toBeGreaterThanOrEqual(2);
    expect(answer.text).toContain('[pick 2]');
    expect((await s.handle('pick 99')).text).toBe(
      en('console:pickRange', { n: 99, choices: `1–${menu!.options.length}` }),
    );
    expect((await s.handle('pick')).text).toBe(en('console:pickUsage'));
    const picked = await s.handle('pick 2');
    const direct = runComponent(services, {
      customId: menu!.customId,
      values: [menu!.options[1]!.value],
      locale: 'en',
      user: CONSOLE_USER,
      message: answer.payload,
    });
    expect(picked.payload).toEqual(direct.value.payload);
    // The chosen organization is shown in place of the menu's answer.
    expect(direct.value.update).toBe(s.current === picked.payload);
  });

  it('a bare number with nothing to act on is a question, as before', async () => {
    const s = session();
    const turn = await s.handle('1998');
    expect(turn.kind).toBe('answer');
    expect((await s.handle('1')).kind).toBe(controlsOf(turn.payload).actions.length > 0 ? 'click' : 'answer');
  });
});

describe('console words', () => {
  it('help, exit, quit and clear are the console’s, never sent as questions', async () => {
    const s = session();
    const about = await s.handle('/about');
    const help = await s.handle('help');
    expect(help.kind).toBe('console');
    expect(help.text).toMatch(/exit, quit/);
    expect(help.text).toContain(join(scratch, 'out'));
    expect(await s.handle('quit')).toMatchObject({ kind: 'console', exit: true, text: en('console:bye') });
    expect(await s.handle('EXIT')).toMatchObject({ kind: 'console', exit: true });
    expect(await s.handle('clear')).toMatchObject({ kind: 'console', text: en('console:noScreen') });
    expect(await session({ canClear: true }).handle('clear')).toMatchObject({ kind: 'console', clear: true, text: '' });
    expect(s.current).toBe(about.payload);
    expect(pageLabel((await s.handle('n')).payload)).toMatch(/^Page 2 of/); // still the answer to act on
    // /help is still the bot's own help command.
    expect((await s.handle('/help')).kind).toBe('answer');
  });

  it('speaks the console language: the banner names help and exit', async () => {
    for (const [locale, t] of [
      ['zh-TW', zh],
      ['en-US', en],
    ] as const) {
      const s = session({ locale });
      expect(s.banner()).toBe(t('console:banner'));
      expect(s.banner()).toMatch(/help/);
      expect(s.banner()).toMatch(/exit/);
      expect((await s.handle('help')).text).toBe(t('console:help', { dir: join(scratch, 'out') }));
    }
    expect((await new ConsoleSession(services).handle('n')).text).toBe(zh('console:noAnswer')); // zh-TW by default
  });

  it('with json, every line gives exactly one JSON line, files included', async () => {
    const s = session({ json: true, outDir: join(scratch, 'json-out') });
    const lines: Turn[] = [];
    for (const l of ['/list', 'n', 'csv', 'help', 'clear', 'nope', 'share', 'exit']) lines.push(await s.handle(l));
    for (const t of lines) {
      expect(t.text.includes('\n')).toBe(false);
      expect(() => JSON.parse(t.text) as unknown).not.toThrow();
    }
    expect(JSON.parse(lines[0]!.text)).toEqual(run('list', {}, { locale: 'en', user: CONSOLE_USER }));
    const csv = JSON.parse(lines[2]!.text) as { files: { name: string; path: string }[] };
    expect(csv.files[0]?.path).toBe(lines[2]!.files[0]?.path);
    expect(JSON.parse(lines[3]!.text)).toMatchObject({ flags: 64 });
  });
});

describe('npm run -s ask, stdin mode', () => {
  it('--json: one JSON line per line in, console words acting on the previous answer; exit 0', async () => {
    const out = join(scratch, 'cli-out');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/doors/console/ask-cli.ts', '--json', '--locale', 'en', '--out', out],
      {
        cwd: PROJECT_ROOT,
        input: '/about\nn\n3\n\n/list\ncsv\ncite\nn\nhelp\nclear\n/org ICLEI\nfull\nquit\n/about\n',
        encoding: 'utf8',
        env: { ...process.env, DISCORD_TOKEN: '' },
        timeout: 60_000,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // 14 lines in, one blank (skipped) and the rest after quit unread: 12 answers.
    expect(lines).toHaveLength(12);
    const payloads = lines.map((l) => JSON.parse(l) as Payload & { files?: { name: string; path: string }[] });
    expect(pageLabel(payloads[0])).toMatch(/^Page 1 of/);
    expect(pageLabel(payloads[1])).toMatch(/^Page 2 of/);
    expect(pageLabel(payloads[2])).toMatch(/^Page 3 of/);
    const file = payloads[4]!.files?.[0];
    expect(file?.path.startsWith(out)).toBe(true);
    expect(readFileSync(file!.path, 'utf8')).toMatch(/^\uFEFF/); // the CSV, with its byte-order mark
    expect(text(payloads[5]!)).toMatch(/APA/);
    expect(pageLabel(payloads[6])).toMatch(/^Page 2 of/); // n pages the list, not the citation
    expect(payloads[7]!.content).toBe(en('console:help', { dir: out }));
    expect(payloads[8]!.content).toBe(en('console:noScreen'));
    expect(payloads[10]!.embeds?.[0]?.title).toMatch(/ICLEI/);
    expect(payloads[11]!.content).toBe(en('console:bye'));
  }, 60_000);

  it('without --json, the actions are shown numbered and the file path printed', async () => {
    const out = join(scratch, 'cli-text');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/doors/console/ask-cli.ts', '--locale', 'en', '--out', out],
      {
        cwd: PROJECT_ROOT,
        input: '/list\ncsv\n',
        encoding: 'utf8',
        env: { ...process.env, DISCORD_TOKEN: '' },
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[#1\] Cite {2}\[#2\] Export CSV/);
    expect(r.stdout).toContain(`File saved: ${join(out, 'city-alliances-all.csv')}`);
    expect(r.stdout.includes(String.fromCharCode(27))).toBe(false);
  }, 60_000);
});
