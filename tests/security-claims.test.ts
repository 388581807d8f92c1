/**
 * SECURITY.md's "What the bot stores", checked against the code: the only file a start writes is the
 * validation marker it describes, an unwritable marker folder costs nothing but the speed-up, and every
 * place in the sources that writes to disk is one the section accounts for.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DATA_FILES, loadDataset, validationKey } from '../src/data/load.js';
import { DATA_DIR, PROJECT_ROOT } from '../src/kernel/paths.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
afterEach(() => vi.restoreAllMocks());

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'security-claims-'));
  dirs.push(dir);
  return dir;
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

const section = (() => {
  const text = readFileSync(join(PROJECT_ROOT, 'SECURITY.md'), 'utf8');
  const start = text.indexOf('## What the bot stores');
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end === -1 ? undefined : end).replace(/\s+/g, ' ');
})();

/** The marker's documented path, `<hash>` standing for the 32 hex digits of the validation key. */
const MARKER_DOC = /`node_modules\/\.cache\/city-alliance-bot\/data-<hash>\.ok`/;
const MARKER_NAME = /^data-[0-9a-f]{32}\.ok$/;

describe('SECURITY.md: what the bot stores', () => {
  it('names the validation marker, what it holds, that it may be deleted and that read-only works', () => {
    expect(section).not.toMatch(/nothing on disk/i);
    expect(section).toMatch(MARKER_DOC);
    expect(section).toMatch(/32 hex digits/);
    expect(section).toMatch(/ISO 8601 timestamp/);
    expect(section).toMatch(/safe to delete/);
    expect(section).toMatch(/read-only `node_modules`/);
    // The other writes, each made on someone's request.
    expect(section).toMatch(/`--out`/);
    expect(section).toMatch(/`\.discord-commands\.json`/);
  });

  it('a start with the default folder leaves its marker exactly where the section says', async () => {
    await loadDataset(DATA_DIR);
    const texts = Object.values(DATA_FILES).map((n) => readFileSync(join(DATA_DIR, n), 'utf8'));
    const documented = join(PROJECT_ROOT, 'node_modules/.cache/city-alliance-bot', `data-${validationKey(texts)}.ok`);
    expect(existsSync(documented)).toBe(true);
  });

  it('a load writes only the documented marker, holding only a timestamp, and once', async () => {
    const root = scratch();
    const data = join(root, 'data');
    cpSync(DATA_DIR, data, { recursive: true });
    const before = filesUnder(root).map((f) => [f, readFileSync(join(root, f), 'utf8')]);
    const cacheDir = join(root, 'cache', 'city-alliance-bot'); // not there yet: the load makes it

    await loadDataset(data, { cacheDir });
    const added = filesUnder(root).filter((f) => !before.some(([b]) => b === f));
    expect(added).toHaveLength(1);
    const [marker] = added as [string];
    expect(relative('cache/city-alliance-bot', marker)).toMatch(MARKER_NAME);
    const held = readFileSync(join(root, marker), 'utf8');
    expect(held).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(new Date(held).getTime()).not.toBeNaN();
    // The data is read, never written.
    for (const [f, text] of before) expect(readFileSync(join(root, f!), 'utf8'), f).toBe(text);

    // A second start trusts the marker and writes nothing more.
    await loadDataset(data, { cacheDir });
    expect(filesUnder(root)).toHaveLength(before.length + 1);
    expect(readFileSync(join(root, marker), 'utf8')).toBe(held);
  });

  it('a marker folder that cannot be written costs only the speed-up: every start succeeds, silently', async () => {
    const root = scratch();
    const file = join(root, 'not-a-folder');
    writeFileSync(file, '');
    const readOnly = join(root, 'read-only');
    mkdirSync(readOnly, { mode: 0o555 });
    const said = [
      vi.spyOn(process.stderr, 'write'),
      vi.spyOn(process.stdout, 'write'),
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m)),
    ];
    // ENOTDIR (a file in the way, or the folder itself a file), and EACCES where the user is not root.
    for (const cacheDir of [join(file, 'city-alliance-bot'), file, join(readOnly, 'city-alliance-bot')]) {
      for (let start = 0; start < 2; start++) {
        const data = await loadDataset(DATA_DIR, { cacheDir });
        expect(data.organizations.length, cacheDir).toBeGreaterThan(0);
      }
    }
    for (const spy of said) expect(spy).not.toHaveBeenCalled();
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});

describe('no other write at run time', () => {
  /** node:fs calls that create or change files. */
  const WRITE =
    /\b(?:writeFile|appendFile|mkdir|mkdtemp|createWriteStream|copyFile|cp|rename|rm|rmdir|unlink|truncate|symlink|link|utimes|chmod)(?:Sync)?\(/;
  /** Each file that writes, and what in SECURITY.md's section accounts for it. */
  const ACCOUNTED: Record<string, RegExp> = {
    'src/data/load.ts': MARKER_DOC,
    'src/doors/console/session.ts': /`--out`/,
    'src/doors/shared/command-ids.ts': /`\.discord-commands\.json`/,
  };

  it('every source file that writes to disk is one the section describes', () => {
    const writers: string[] = [];
    for (const top of ['src', 'commands']) {
      for (const f of filesUnder(join(PROJECT_ROOT, top))) {
        if (!f.endsWith('.ts')) continue;
        const text = readFileSync(join(PROJECT_ROOT, top, f), 'utf8');
        if (text.split('\n').some((line) => WRITE.test(line) && !/^\s*(?:\/\/|\*)/.test(line)))
          writers.push(`${top}/${f}`);
      }
    }
    expect(writers.sort()).toEqual(Object.keys(ACCOUNTED).sort());
    for (const [file, claim] of Object.entries(ACCOUNTED)) expect(section, file).toMatch(claim);
  });
});
