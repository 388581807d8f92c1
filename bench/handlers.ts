/**
 * Section 2, speed per request on the real dataset: the full handler path (runCommand / runAutocomplete:
 * parse options → search → render the payload) next to raw engine and baseline search time, and the same
 * handler rows re-run in a child process with V8's default worker pool. The request builders here are
 * also what the scale section sends.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Services } from '../src/app/services.js';
import { runAutocomplete, runCommand } from '../src/app/dispatch.js';
import type { AutocompleteRequest, CommandRequest } from '../src/kernel/types.js';
import { PROJECT_ROOT } from '../src/kernel/paths.js';
import { datasetDocs } from '../src/data/search-docs.js';
import { QUERIES } from '../tests/fixtures/queries.js';
import { SCOPE_KINDS, fuseDefault, fuseTuned, miniSearchIndex } from './quality.js';
import type { Report } from './report.js';
import { lastLines, load, progress, row, timeEach, type TimingRow } from './timing.js';

// ─── Requests ──────────────────────────────────────────────────────────────────────────────────

const USER = { id: 'bench' };
const locale = (i: number): string => (i % 2 === 0 ? 'zh-TW' : 'en-US');

export function orgRequests(queries: readonly string[]): CommandRequest[] {
  return queries.map((q, i) => ({ command: 'org', options: { query: q }, locale: locale(i), user: USER }));
}

function taiwanRequests(queries: readonly string[]): CommandRequest[] {
  return queries.map((q, i) => ({ command: 'taiwan', options: { city: q }, locale: locale(i), user: USER }));
}

/** Questions built from the labelled queries: the bare text, "…是什麼？", "When was … founded?". */
function askRequests(queries: readonly string[]): CommandRequest[] {
  return queries.map((q, i) => {
    const question = i % 3 === 0 ? q : i % 3 === 1 ? `${q}是什麼？` : `When was ${q} founded?`;
    return { command: 'ask', options: { question }, locale: locale(i), user: USER };
  });
}

/** What a user types letter by letter: prefixes of each query (every length up to 4, then 6, 8, 12, …). */
export function prefixes(queries: readonly string[]): string[] {
  const out = new Set<string>();
  const lengths = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48];
  for (const q of queries) {
    const chars = [...q];
    for (const n of lengths) if (n < chars.length) out.add(chars.slice(0, n).join('').trim());
    out.add(q);
  }
  out.delete('');
  return [...out];
}

export function autocompleteRequests(values: readonly string[]): AutocompleteRequest[] {
  return values.map((value, i) => ({
    command: 'org',
    focused: { name: 'query', value },
    options: { query: value },
    locale: locale(i),
    user: USER,
  }));
}

/** Wraps a handler call so that outcomes other than 'ok' are counted (a failing handler is fast, and wrong). */
export function counting<T, R extends { outcome: string }>(
  fn: (item: T) => R,
): { fn: (item: T) => R; errors: () => number } {
  let errors = 0;
  return {
    fn: (item) => {
      const r = fn(item);
      if (r.outcome !== 'ok') errors += 1;
      return r;
    },
    errors: () => errors,
  };
}

// ─── Speed on the real dataset ─────────────────────────────────────────────────────────────────

export interface SpeedReport {
  rows: TimingRow[];
  /** The same handler rows from a child process with V8's default worker pool, run right after. */
  defaultPool?: { rows: TimingRow[] } | { error: string };
  warmup: number;
  passes: number;
  load: { start: number; end: number };
}

export function speed(services: Services): SpeedReport {
  const loadStart = load();
  const orgQ = QUERIES.filter((q) => q.scope === 'org').map((q) => q.q);
  const twQ = QUERIES.filter((q) => q.scope === 'taiwan').map((q) => q.q);
  const allQ = QUERIES.map((q) => q.q);
  const org = orgRequests(orgQ);
  const tw = taiwanRequests(twQ);
  const ask = askRequests(allQ);
  const ac = autocompleteRequests(prefixes(orgQ));
  const o = { warmup: 3, passes: 10 };
  const rows: TimingRow[] = [];
  const handler = <T>(label: string, what: string, items: T[], call: (item: T) => { outcome: string }) => {
    progress(`speed: ${label} (${items.length} requests × ${o.passes})`);
    const c = counting(call);
    rows.push(row(label, what, timeEach(items, c.fn, o), c.errors()));
  };
  handler('/org', 'runCommand', org, (r) => runCommand(services, r));
  handler('/taiwan', 'runCommand', tw, (r) => runCommand(services, r));
  handler('/ask', 'runCommand', ask, (r) => runCommand(services, r));
  handler('autocomplete org', 'runAutocomplete', ac, (r) => runAutocomplete(services, r));
  // The baselines' indexes are built only now, so their memory is not on the heap while handlers are timed.
  const docs = datasetDocs(services.data);
  const fuse = fuseDefault(docs);
  const tuned = fuseTuned(docs);
  const ms = miniSearchIndex(docs);
  progress('speed: raw searches');
  rows.push(
    row(
      'engine search',
      'search.search(), all queries',
      timeEach(QUERIES, (q) => services.search.search(q.q, { kinds: SCOPE_KINDS[q.scope] }), o),
    ),
  );
  rows.push(
    row(
      'MiniSearch CJK',
      'ms.search(), all queries',
      timeEach(allQ, (q) => ms.search(q), o),
    ),
  );
  rows.push(
    row(
      'Fuse tuned',
      'fuseTuned(docs).search(), all queries',
      timeEach(allQ, (q) => tuned.search(q), o),
    ),
  );
  // Fuse defaults take milliseconds per query even here: one timed pass, warmed on 40 queries.
  rows.push(
    row(
      'Fuse default',
      'fuse.search(), all queries, 1 pass',
      timeEach(allQ, (q) => fuse.search(q), { warmup: 0, warmupItems: 40, passes: 1 }),
    ),
  );
  return { rows, ...o, load: { start: loadStart, end: load() } };
}

/**
 * Section 2 again in a child process with V8's default worker pool, for the side-by-side rows: `npm start`,
 * `serve` and `ask` run with --v8-pool-size=1 (see package.json), and this shows what that flag buys.
 */
export function speedWithDefaultPool(): SpeedReport['defaultPool'] {
  const env = { ...process.env, NODE_OPTIONS: (process.env.NODE_OPTIONS ?? '').replace(/--v8-pool-size=\d+/g, '') };
  const child = spawnSync(
    process.execPath,
    [join(PROJECT_ROOT, 'bin/run.mjs'), 'bench', '--only', 'speed', '--json', '--no-pool-baseline'],
    {
      cwd: PROJECT_ROOT,
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
      timeout: 300_000,
    },
  );
  if (child.status !== 0) return { error: `exit ${child.status}: ${lastLines(child.stderr ?? '')}` };
  try {
    const report = JSON.parse(child.stdout) as Report;
    if (!report.speed) return { error: 'no speed section in the child report' };
    return { rows: report.speed.rows.filter((x) => x.what.startsWith('run')) };
  } catch (err) {
    return { error: `unreadable child report: ${String(err)}` };
  }
}
