/** The offline console contract of shared/DESIGN.md: `npm run -s ask -- [--json] [--locale zh-TW|en] [COMMAND]`. */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inputLines, parseLine } from '../src/doors/console/parse.js';
import { completer } from '../src/doors/console/repl.js';
import { LOCALES_DIR, PROJECT_ROOT } from '../src/kernel/paths.js';
import { run } from './helpers/services.js';
import { capture } from './helpers/output.js';

/** The payloads of `--json` output: one JSON line per command. */
function payloadsOf(stdout: string): Array<{ embeds?: { title?: string }[]; content?: string }> {
  return stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { embeds?: { title?: string }[]; content?: string });
}

function ask(args: string[], input?: string) {
  const r = spawnSync('npm', ['run', '-s', 'ask', '--', ...args], {
    cwd: PROJECT_ROOT,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, DISCORD_TOKEN: '' },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('parseLine', () => {
  it('takes the first option positionally, with spaces, or by name', () => {
    expect(parseLine('/org 城市聯盟', undefined).options).toEqual({ query: '城市聯盟' });
    expect(parseLine('/org query:城市聯盟', undefined).options).toEqual({ query: '城市聯盟' });
    expect(parseLine('/org Local Agenda 21', undefined).options).toEqual({ query: 'Local Agenda 21' });
    expect(parseLine('/founded 1990s type:thematic lang:en hide:true', 'zh-TW')).toMatchObject({
      command: 'founded',
      locale: 'zh-TW',
      options: { when: '1990s', type: 'thematic', lang: 'en', hide: true },
    });
    expect(parseLine('/taiwan', undefined).options).toEqual({});
    // A boolean that is neither yes nor no stays text, for the answer to point out.
    expect(parseLine('/org ICLEI hide:no', undefined).options).toEqual({ query: 'ICLEI', hide: false });
    expect(parseLine('/org ICLEI hide:maybe', undefined).options).toEqual({ query: 'ICLEI', hide: 'maybe' });
  });

  it('routes free text like /ask and keeps unknown commands for the polite answer', () => {
    expect(parseLine('高雄參加了哪些國際組織?', undefined)).toMatchObject({
      command: 'ask',
      options: { question: '高雄參加了哪些國際組織?' },
    });
    expect(parseLine('/nope x', undefined).command).toBe('nope');
  });

  it('splits input on LF only, whatever the chunks: CRLF across two, a character across two', async () => {
    const lines = async (...chunks: (string | Buffer)[]) => {
      const out: string[] = [];
      for await (const l of inputLines(chunks)) out.push(l);
      return out;
    };
    expect(await lines('a\r', '\nb\rc\n', '\n', 'd')).toEqual(['a', 'b\rc', '', 'd']);
    expect(await lines('x\n')).toEqual(['x']);
    expect(await lines('')).toEqual([]);
    const han = Buffer.from('高雄\n');
    expect(await lines(han.subarray(0, 2), han.subarray(2))).toEqual(['高雄']);
  });

  it('completes command and option names', () => {
    expect(completer('/fo')).toEqual([['/founded '], '/fo']);
    expect(completer('/founded 1990s ty')).toEqual([['type:'], 'ty']);
  });
});

describe('npm run -s ask', () => {
  it('--json prints exactly one payload line, the same payload the handlers return', () => {
    const r = ask(['--json', '--locale', 'en', '/org ICLEI']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual(run('org', { query: 'ICLEI' }, { locale: 'en', user: { id: 'console' } }));
  });

  it('reads one command per stdin line and answers each in order; a miss is an answer (exit 0)', () => {
    const r = ask(['--json', '--locale', 'zh-TW'], '/org query:UCLG\n\n/founded 1998\npizza\n/taiwan kaohsiung\n');
    expect(r.status).toBe(0);
    const payloads = payloadsOf(r.stdout);
    expect(payloads).toHaveLength(4);
    expect(payloads[0]!.embeds?.[0]?.title).toMatch(/UCLG/);
    expect(payloads[1]!.embeds?.[0]?.title).toMatch(/1998/);
    expect(payloads[2]!.content).toMatch(/本文未涵蓋/);
    expect(payloads[3]!.embeds?.[0]?.title).toBe('高雄市');
  });

  it('only LF (or CRLF) ends a line: a lone CR inside a line is whitespace, not a second command', () => {
    const r = ask(
      ['--json', '--locale', 'en'],
      '/org ICLEI\rfoo\n/org UCLG\r\n/about\r\rCities Alliance\n/taiwan 高雄\r',
    );
    expect(r.status).toBe(0);
    const payloads = payloadsOf(r.stdout);
    expect(payloads).toHaveLength(4);
    expect(payloads[0]!.embeds?.[0]?.title).toMatch(/ICLEI/);
    expect(payloads[1]!.embeds?.[0]?.title).toMatch(/UCLG/);
    expect(payloads[2]!.embeds?.[0]?.title).toMatch(/Cities Alliances/);
    expect(payloads[3]!.embeds?.[0]?.title).toMatch(/Kaohsiung/);
    expect(r.stdout).not.toMatch(/\r/);
  });

  it('every line with anything in it gets one payload: whitespace alone, U+3000 too, the empty query’s answer', () => {
    const r = ask(['--json', '--locale', 'en'], '   \n\u3000\u3000\n\t\n\n\r\n/about\n \u3000');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // Five lines with something in them; the empty line and the CRLF-only one are not commands.
    expect(lines).toHaveLength(5);
    const empty = run('ask', { question: '' }, { locale: 'en', user: { id: 'console' } });
    expect(empty.content).toMatch(/type something/);
    for (const i of [0, 1, 2, 4]) expect(JSON.parse(lines[i]!), `line ${i}`).toEqual(empty);
    expect(JSON.parse(lines[3]!)).toEqual(run('about', {}, { locale: 'en', user: { id: 'console' } }));
  });

  it('without --json prints a readable rendering', () => {
    const r = ask(['--locale', 'en', '/org', 'Cities', 'Alliance']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/▌ Cities Alliance/);
    expect(r.stdout).toMatch(/Washington/);
    expect(r.stdout.includes(String.fromCharCode(27))).toBe(false); // no colour escapes when not a TTY
  });

  it('a bad flag is a usage error (exit 2)', () => {
    const r = ask(['--locale', 'fr', '/org ICLEI']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/zh-TW or en/);
  });

  it('stops quietly when its reader closes the pipe early (`… | head -1`)', async () => {
    // Many commands in, and stdout closed after the first chunk: the rest must not crash with EPIPE.
    const child = spawn('npm', ['run', '-s', 'ask', '--', '--json'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DISCORD_TOKEN: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const { stderr } = capture(child, 'npm run -s ask -- --json');
    child.stdin.end('/about\n'.repeat(400));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr()).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  }, 60_000);
});

describe('.env', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'console-env-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** `npm run ask`'s entry, run in a directory of our own (npm needs package.json, the entry does not). */
  function askIn(cwd: string, env: NodeJS.ProcessEnv = {}) {
    return spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/run.mjs'), 'ask', '--json', '/help'], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...env },
      timeout: 60_000,
    });
  }

  it('npm run ask reads .env from the working directory (here: LOCALES_DIR at a broken copy), as every entry point does', () => {
    const locales = join(scratch, 'locales');
    cpSync(LOCALES_DIR, locales, { recursive: true });
    writeFileSync(join(locales, 'en', 'help.json'), '{ "title": ');
    writeFileSync(join(scratch, '.env'), `LOCALES_DIR=${locales}\n`);
    const r = askIn(scratch);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/locales\/en\/help\.json/);
    // ENV_FILE names another file; a variable set in the environment wins over the file.
    writeFileSync(join(scratch, 'other.env'), 'LOCALES_DIR=/nowhere\n');
    expect(askIn(scratch, { ENV_FILE: join(scratch, 'other.env') }).stderr).toMatch(/file is missing/);
    expect(askIn(scratch, { LOCALES_DIR }).status).toBe(0);
  });
});
