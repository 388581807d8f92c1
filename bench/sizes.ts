/**
 * Section 7, sizes: how the costs grow with the record count. At each size (default 1,000, 10,000 and
 * 100,000 synthetic organizations, bench/synthetic.ts, with topic and area tags, on top of the real
 * records) the index is built the way createServices builds it, and in the same process, side by side:
 *   - build time and memory (after a forced full GC), and the process's RSS once everything is built;
 *   - the first query that needs the description index, before prepare() (the stall a user would wait
 *     through if a door did not build it at start-up), and the same query again;
 *   - exact name hits next to a plain Map lookup of the same compact keys (the floor for "found by name");
 *   - the /org handler, autocomplete handler and /ask handler (filter, count and name questions).
 * Each size is dropped before the next is built, so one size's heap does not weigh on the next one's times.
 */
import { runAutocomplete, runCommand } from '../src/app/dispatch.js';
import type { Services } from '../src/app/services.js';
import { buildSearch, datasetDocs } from '../src/data/search-docs.js';
import type { AutocompleteRequest, CommandRequest, Lang } from '../src/kernel/types.js';
import { compact } from '../src/search/normalize.js';
import { QUERIES } from '../tests/fixtures/queries.js';
import { autocompleteRequests, counting, orgRequests, prefixes } from './handlers.js';
import { every, measureBuild, withOrganizations } from './scale.js';
import { syntheticQueries } from './synthetic.js';
import { SCALE_QUESTIONS, askRequest, syntheticOrganizations } from './understanding.js';
import { load, msSince, progress, row, settle, timeEach, type TimingRow } from './timing.js';

export const DEFAULT_SIZES = [1_000, 10_000, 100_000] as const;
/** A query only the description index answers (no name holds it): the first one pays for building it. */
export const CONTENT_QUERY = '無貧民區城市';

export interface SizeReport {
  synthetic: number;
  records: number;
  generateMs: number;
  build: { ms: number; heapMb: number | null; rssMb: number | null };
  /** Process RSS with this size's dataset and index built (and the description index too). */
  rssMb: number;
  firstContent: { ms: number; tier: string; againUs: number };
  exact: TimingRow;
  mapBaseline: TimingRow;
  /** exact median ÷ Map median, and the same for p99. */
  exactVsMap: { median: number; p99: number };
  rows: TimingRow[];
  queries: { org: number; autocomplete: number; ask: number; exact: number };
}

export interface SizesReport {
  seed: number;
  sizes: SizeReport[];
  load: { start: number; end: number };
}

function oneSize(services: Services, count: number, seed: number, passes: number): SizeReport {
  progress(`sizes: ${count.toLocaleString('en-US')} synthetic organizations (seed ${seed})`);
  const t0 = process.hrtime.bigint();
  const extra = syntheticOrganizations(services.data, count, seed);
  const generateMs = msSince(t0);
  const data = withOrganizations(services.data, extra);
  const built = measureBuild(() => buildSearch(data));
  const search = built.value;
  const big: Services = { ...services, data, search };

  progress(`sizes ${count}: first description query (builds the description index)`);
  const t1 = process.hrtime.bigint();
  const first = search.search(CONTENT_QUERY);
  const firstMs = msSince(t1);
  const t2 = process.hrtime.bigint();
  search.search(CONTENT_QUERY);
  const againUs = msSince(t2) * 1000;
  settle();
  const rssMb = process.memoryUsage().rss / 2 ** 20;

  const docs = datasetDocs(data);
  const syntheticDocs = docs.filter((d) => d.id.startsWith('syn-'));
  // Exact hits: names of real and synthetic records alike, each looked up as typed.
  const names = [
    ...docs.filter((d) => !d.id.startsWith('syn-')).flatMap((d) => d.names),
    ...every(syntheticDocs, Math.max(1, Math.floor(syntheticDocs.length / 300))).flatMap((d) => d.names),
  ];
  // The floor: one Map from every name's compact key to its records, looked up with the same key.
  const map = new Map<string, string[]>();
  for (const d of docs) {
    for (const n of d.names) {
      const key = compact(n);
      map.set(key, [...(map.get(key) ?? []), d.id]);
    }
  }
  const o = { warmup: 1, passes };
  progress(`sizes ${count}: exact hits vs a Map (${names.length} names × ${passes})`);
  const mapBaseline = row(
    'Map lookup (floor)',
    'map.get(compact(name))',
    timeEach(names, (n) => map.get(compact(n)), o),
  );
  const exact = row(
    'exact name hit',
    'search(name)',
    timeEach(names, (n) => search.search(n), o),
  );

  const orgQ = [
    ...QUERIES.filter((q) => q.scope === 'org').map((q) => q.q),
    ...syntheticQueries(syntheticDocs, 200, seed).map((q) => q.q),
  ];
  const acQ = every(prefixes(orgQ), 4);
  const lang = (i: number): Lang => (i % 2 === 0 ? 'zh-TW' : 'en');
  const askQ = [
    ...SCALE_QUESTIONS,
    ...every(syntheticDocs, Math.max(1, Math.floor(syntheticDocs.length / 20))).map((d, i) => ({
      q: lang(i) === 'en' ? `When was ${d.names[1] ?? d.names[0]} founded?` : `${d.names[0]}是什麼？`,
      lang: lang(i),
    })),
  ];
  const rows: TimingRow[] = [];
  const timed = <T>(label: string, what: string, items: readonly T[], call: (item: T) => { outcome: string }) => {
    progress(`sizes ${count}: ${label} (${items.length} × ${passes})`);
    const c = counting(call);
    rows.push(row(label, what, timeEach(items, c.fn, o), c.errors()));
  };
  timed('/org handler', 'runCommand', orgRequests(orgQ), (r: CommandRequest) => runCommand(big, r));
  timed('autocomplete handler', 'runAutocomplete', autocompleteRequests(acQ), (r: AutocompleteRequest) =>
    runAutocomplete(big, r),
  );
  timed('/ask handler', 'runCommand (filter, count, name)', askQ, (q) => runCommand(big, askRequest(q)));
  return {
    synthetic: count,
    records: docs.length,
    generateMs,
    build: { ms: built.ms, heapMb: built.mem?.heapMb ?? null, rssMb: built.mem?.rssMb ?? null },
    rssMb,
    firstContent: { ms: firstMs, tier: first.hits[0]?.tier ?? 'none', againUs },
    exact,
    mapBaseline,
    exactVsMap: { median: exact.median / mapBaseline.median, p99: exact.p99 / mapBaseline.p99 },
    rows,
    queries: { org: orgQ.length, autocomplete: acQ.length, ask: askQ.length, exact: names.length },
  };
}

export function sizes(
  services: Services,
  seed: number,
  counts: readonly number[] = DEFAULT_SIZES,
  passes = 3,
): SizesReport {
  const loadStart = load();
  const out: SizeReport[] = [];
  for (const count of counts) {
    out.push(oneSize(services, count, seed, passes));
    settle();
  }
  return { seed, sizes: out, load: { start: loadStart, end: load() } };
}

/** `--sizes 1000,10000` (or `--sizes=…`): which sizes to run, default DEFAULT_SIZES. */
export function sizesFlag(argv: readonly string[]): number[] {
  const raw = argv.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length) ?? argv[argv.indexOf('--sizes') + 1];
  if (!argv.some((a) => a.startsWith('--sizes')) || !raw) return [...DEFAULT_SIZES];
  const counts = raw.split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes wants whole numbers: ${raw}`);
  return counts;
}
