/** Each validation rule rejects a deliberately broken copy of the real data, naming file, record and field. */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_FILES, DataError, loadDataset, moduleSources, validationKey } from '../src/data/load.js';
import type * as Load from '../src/data/load.js';
import { DATA_DIR, PROJECT_ROOT } from '../src/kernel/paths.js';

type Json = Record<string, unknown> & { [k: string]: unknown };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function read(name: string): Json {
  return JSON.parse(readFileSync(join(DATA_DIR, name), 'utf8')) as Json;
}

/** A copy of data/ with one file changed by `mutate` (or replaced by raw text). */
function brokenCopy(file: keyof typeof DATA_FILES, mutate: ((j: Json) => void) | string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'data-'));
  dirs.push(dir);
  for (const [key, name] of Object.entries(DATA_FILES)) {
    if (key !== file) writeFileSync(join(dir, name), readFileSync(join(DATA_DIR, name)));
  }
  const name = DATA_FILES[file];
  if (typeof mutate === 'string') writeFileSync(join(dir, name), mutate);
  else if (mutate) {
    const j = read(name);
    mutate(j);
    writeFileSync(join(dir, name), JSON.stringify(j));
  }
  return dir;
}

async function problemsOf(dir: string): Promise<string> {
  try {
    await loadDataset(dir, { cache: false });
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return (err as DataError).message;
  }
  throw new Error('the broken dataset loaded without complaint');
}

const orgs = (j: Json) => j.organizations as Json[];
const byId = (list: Json[], id: string) => list.find((o) => o.id === id)!;

describe('data validation', () => {
  it('accepts the real dataset', async () => {
    await expect(loadDataset(undefined, { cache: false })).resolves.toBeDefined();
  });

  it('a note whose kind does not fit its date: "later context" before the article, "background" after it', async () => {
    const early = brokenCopy('organizations', (j) => {
      const notes = byId(orgs(j), 'world-bank').notes as Json[];
      notes[0]!.kind = 'context';
      notes[0]!.effective = '2005-05';
    });
    expect(await problemsOf(early)).toMatch(
      /organizations\.json: record "world-bank", field notes\[0\]\.effective: a "context" note .* 2005-05 is not later/,
    );
    const late = brokenCopy('organizations', (j) => {
      const notes = byId(orgs(j), 'cities-alliance').notes as Json[];
      notes[0]!.kind = 'background';
    });
    expect(await problemsOf(late)).toMatch(
      /record "cities-alliance", field notes\[0\]\.effective: a "background" note/,
    );
    const reading = brokenCopy('taiwan', (j) => {
      const place = (j.places as Json[]).find((p) => p.id === 'kaohsiung-city')!;
      (place.notes as Json[]).at(-1)!.effective = '2006';
    });
    expect(await problemsOf(reading)).toMatch(
      /record "kaohsiung-city", field notes\[\d\]\.effective: a "reading" note has no effective date/,
    );
  });

  it('a membership without a kind, or with one the schema does not know', async () => {
    const dir = brokenCopy('taiwan', (j) => {
      const place = (j.places as Json[]).find((p) => p.id === 'tainan-city')!;
      (place.memberships as Json[])[1]!.kind = 'member-ish';
    });
    expect(await problemsOf(dir)).toMatch(/taiwan\.json: record "tainan-city", field memberships\[1\]\.kind/);
  });

  it("a topic tag whose basis is not the record's own words: file, record and field", async () => {
    const msg = await problemsOf(
      brokenCopy('organizations', (j) => {
        const tags = byId(orgs(j), 'iclei').topics as Json[];
        (tags[0]!.basis as Json).zh = '本文沒有這句話';
      }),
    );
    expect(msg).toMatch(/organizations\.json: record "iclei", field topics\[0\]\.basis\.zh: .*not a verbatim part/);
  });

  it('a tag naming a topic the vocabulary lacks, and a broader topic that loops', async () => {
    const unknown = await problemsOf(
      brokenCopy('organizations', (j) => ((byId(orgs(j), 'iclei').topics as Json[])[0]!.topic = 'no-such-topic')),
    );
    expect(unknown).toMatch(/record "iclei", field topics\[0\]: unknown topics id "no-such-topic"/);
    const loop = await problemsOf(
      brokenCopy('vocabulary', (j) => {
        const topics = j.topics as Json[];
        topics[0]!.broader = topics[1]!.id;
        topics[1]!.broader = topics[0]!.id;
      }),
    );
    expect(loop).toMatch(/vocabulary\.json: record "[a-z-]+", field broader: forms a cycle/);
  });

  it('a missing English name: file, record and field', async () => {
    const msg = await problemsOf(brokenCopy('organizations', (j) => ((byId(orgs(j), 'iclei').names as Json).en = '')));
    expect(msg).toContain('data-');
    expect(msg).toMatch(/organizations\.json: record "iclei", field names\.en: must not be empty/);
  });

  it('a missing Chinese summary on a Taiwan place', async () => {
    const msg = await problemsOf(
      brokenCopy(
        'taiwan',
        (j) => delete ((byId(j.places as Json[], 'kaohsiung-city').facts as Json[])[0]!.text as Json).zh,
      ),
    );
    expect(msg).toMatch(/taiwan\.json: record "kaohsiung-city", field facts\[0\]\.text\.zh/);
  });

  it('duplicate ids', async () => {
    const msg = await problemsOf(brokenCopy('organizations', (j) => (byId(orgs(j), 'wca').id = 'iclei')));
    expect(msg).toMatch(/record "iclei", field id: duplicate id/);
  });

  it('an alias that leads to two records (compared folded: Simplified, case, spacing)', async () => {
    const msg = await problemsOf(
      brokenCopy('organizations', (j) => (byId(orgs(j), 'wca').aliases as string[]).push('i c l e i')),
    );
    expect(msg).toMatch(
      /record "(wca|iclei)", field aliases: "i c l e i|ICLEI" is also a name or alias of "(iclei|wca)"/,
    );
  });

  it('a link to an organization that does not exist', async () => {
    const msg = await problemsOf(
      brokenCopy(
        'taiwan',
        (j) => ((byId(j.places as Json[], 'taipei-city').memberships as Json[])[0]!.org = 'no-such-org'),
      ),
    );
    expect(msg).toMatch(
      /record "taipei-city", field memberships\[0\]\.org: links to unknown organization "no-such-org"/,
    );
  });

  it('an alliance member that does not exist', async () => {
    const msg = await problemsOf(
      brokenCopy('taiwan', (j) =>
        (byId(j.alliances as Json[], 'north-taiwan-alliance').members as string[]).push('atlantis'),
      ),
    );
    expect(msg).toMatch(/record "north-taiwan-alliance", field members\[\d+\]: links to unknown place "atlantis"/);
  });

  it('a founding year out of range', async () => {
    const msg = await problemsOf(
      brokenCopy('organizations', (j) => {
        const o = byId(orgs(j), 'iclei');
        o.founded = { kind: 'year', year: 2150 };
      }),
    );
    expect(msg).toMatch(/record "iclei", field founded\.year: .*2006/);
  });

  it('a founding value coerced to a number', async () => {
    const msg = await problemsOf(brokenCopy('organizations', (j) => (byId(orgs(j), 'imcc').founded = 0)));
    expect(msg).toMatch(/record "imcc", field founded/);
  });

  it('a founding value that matches none of the table rows', async () => {
    const msg = await problemsOf(
      brokenCopy('organizations', (j) => (byId(orgs(j), 'iclei').founded = { kind: 'year', year: 1990 })),
    );
    expect(msg).toMatch(/record "iclei", field founded: does not match any of its table rows/);
  });

  it('two table rows with different years and no note', async () => {
    const msg = await problemsOf(brokenCopy('organizations', (j) => (byId(orgs(j), 'icsc').notes = [])));
    expect(msg).toMatch(/record "icsc", field notes: .*discrepancy note/);
  });

  it('an unknown section', async () => {
    const msg = await problemsOf(
      brokenCopy('organizations', (j) => (byId(orgs(j), 'iclei').sections as string[]).push('陸、一')),
    );
    expect(msg).toMatch(/record "iclei", field sections\[\d+\]: unknown section "陸、一"/);
  });

  it('a website that is not a URL', async () => {
    const msg = await problemsOf(
      brokenCopy(
        'organizations',
        (j) => (((byId(orgs(j), 'iclei').tableRows as Json[])[0]!.websites as Json[])[0]!.url = 'iclei dot org'),
      ),
    );
    expect(msg).toMatch(/record "iclei", field tableRows\[0\]\.websites\[0\]\.url/);
  });

  it('a context note without its source line', async () => {
    const msg = await problemsOf(
      brokenCopy(
        'taiwan',
        (j) => delete ((byId(j.places as Json[], 'taipei-county').notes as Json[])[0] as Json).source,
      ),
    );
    expect(msg).toMatch(/record "taipei-county", field notes\[0\]\.source/);
  });

  it('invalid JSON names the file', async () => {
    expect(await problemsOf(brokenCopy('article', '{ "title": '))).toMatch(
      /article\.json: field \(file\): is not valid JSON/,
    );
  });

  it('a missing file names the file', async () => {
    expect(await problemsOf(brokenCopy('taiwan', null))).toMatch(/taiwan\.json: field \(file\): file is missing/);
  });

  it('npm run validate-data exits non-zero naming the problem', async () => {
    const dir = brokenCopy('organizations', (j) => ((byId(orgs(j), 'uclg').names as Json).zh = ' '));
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts/validate-data.ts'), dir], {
        stdio: 'pipe',
      });
    } catch (err) {
      const e = err as { status: number; stderr: Buffer };
      status = e.status;
      stderr = e.stderr.toString();
    }
    expect(status).toBe(1);
    expect(stderr).toMatch(/record "uclg", field names\.zh: must not be empty/);
  });
});

/**
 * The validation marker must not outlive a change to the rules. Two copies of the source tree, the second
 * with a tighter bound in src/data/limits.ts (a file the schema imports): once the first copy has
 * validated the real data and left its marker, the second must still validate in full and refuse it.
 */
describe('the validation cache', () => {
  /** A copy of src/ that resolves its packages from this project's node_modules; `edit` changes it. */
  function sourceCopy(edit?: (root: string) => void): string {
    const root = mkdtempSync(join(tmpdir(), 'src-copy-'));
    dirs.push(root);
    cpSync(join(PROJECT_ROOT, 'src'), join(root, 'src'), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'package.json'), join(root, 'package.json'));
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
    symlinkSync(join(PROJECT_ROOT, 'locales'), join(root, 'locales'));
    edit?.(root);
    return root;
  }

  async function loaderOf(root: string): Promise<typeof Load> {
    return (await import(pathToFileURL(join(root, 'src/data/load.ts')).href)) as typeof Load;
  }

  it('a changed bound in a module the schema imports invalidates the marker', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'marker-'));
    dirs.push(cacheDir);
    const original = await loaderOf(sourceCopy());
    await original.loadDataset(DATA_DIR, { cacheDir });
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.ok'))).toHaveLength(1);

    const stricter = await loaderOf(
      sourceCopy((root) => {
        const file = join(root, 'src/data/limits.ts');
        writeFileSync(file, readFileSync(file, 'utf8').replace(/MAX_ARTICLE_YEAR = 2006/, 'MAX_ARTICLE_YEAR = 1990'));
      }),
    );
    await expect(stricter.loadDataset(DATA_DIR, { cacheDir })).rejects.toThrow(/expected number to be <=1990/);
  });

  it('the key covers the schema, every module it imports and zod’s version', () => {
    const names = moduleSources(new URL('../src/data/schema.js', import.meta.url)).map((m) => m.url.split('/').pop());
    expect(names).toEqual(expect.arrayContaining(['schema.ts', 'limits.ts', 'enums.ts']));
    const texts = ['{}', '{}', '{}'];
    expect(validationKey(texts)).toBe(validationKey(texts));
    expect(validationKey(['{}', '{}', '{ }'])).not.toBe(validationKey(texts));
  });
});
