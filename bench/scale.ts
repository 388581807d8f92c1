/**
 * Section 3, scale: 10,000 synthetic organizations (bench/synthetic.ts, seeded) merged with the real
 * records: index build time and memory (after a forced full GC), engine accuracy among the distractors,
 * per-request times of the engine and the handlers, vs Fuse defaults and MiniSearch on the same records.
 */
import type { Services } from '../src/app/services.js';
import { runAutocomplete, runCommand } from '../src/app/dispatch.js';
import type { AutocompleteRequest, CommandRequest } from '../src/kernel/types.js';
import type { Dataset } from '../src/data/load.js';
import type { Organization } from '../src/data/schema.js';
import { datasetDocs } from '../src/data/search-docs.js';
import { COMMON_NAME_WORDS } from '../src/data/vocabulary.js';
import { SearchEngine, type SearchDoc } from '../src/search/engine.js';
import { QUERIES } from '../tests/fixtures/queries.js';
import { autocompleteRequests, counting, orgRequests, prefixes } from './handlers.js';
import {
  add,
  engineContender,
  fuseDefault,
  fuseTuned,
  miniSearchIndex,
  scoreContender,
  type Doc,
  type QualityRow,
  type Score,
} from './quality.js';
import { syntheticOrgs, syntheticQueries, type SyntheticQuery } from './synthetic.js';
import { getGc, load, msSince, progress, row, settle, timeEach, type TimingRow } from './timing.js';

/** Every k-th item, deterministic (a sample spread over the whole list). */
export function every<T>(items: readonly T[], k: number): T[] {
  return items.filter((_, i) => i % k === 0);
}

export interface MemoryDelta {
  heapMb: number;
  rssMb: number;
}

/** Builds something and keeps it; heap and RSS measured after a forced full GC before and after. */
export function measureBuild<T>(build: () => T): { value: T; ms: number; mem: MemoryDelta | undefined } {
  settle();
  const m0 = process.memoryUsage();
  const t0 = process.hrtime.bigint();
  const value = build();
  const ms = msSince(t0);
  settle();
  const m1 = process.memoryUsage();
  const mem = getGc()
    ? { heapMb: (m1.heapUsed - m0.heapUsed) / 2 ** 20, rssMb: (m1.rss - m0.rss) / 2 ** 20 }
    : undefined;
  return { value, ms, mem };
}

export interface BuildRow {
  label: string;
  ms: number;
  heapMb: number | null;
  rssMb: number | null;
}

export interface ScaleReport {
  seed: number;
  records: number;
  synthetic: number;
  generateMs: number;
  builds: BuildRow[];
  rows: TimingRow[];
  accuracy: {
    labelledTop1: number;
    labelledN: number;
    labelledMisses: QualityRow['misses'];
    syntheticTop1: number;
    syntheticN: number;
    byKind: Record<string, Score>;
  };
  queries: { search: number; autocomplete: number; fuseSample: number };
  /** Engine /org search times at 10k grouped by the tier that answered. */
  tiers: TimingRow[];
  load: { start: number; end: number };
}

function buildRow(label: string, r: { ms: number; mem: MemoryDelta | undefined }): BuildRow {
  return { label, ms: r.ms, heapMb: r.mem?.heapMb ?? null, rssMb: r.mem?.rssMb ?? null };
}

/**
 * The real dataset plus the synthetic records as organizations the handlers can render, so the 10k
 * handler rows time what a user would get: the record found, rendered (not a "not found" reply).
 */
function withSynthetic(data: Dataset, synthetic: readonly SearchDoc<'org'>[]): Dataset {
  const section = data.organizations[0]!.sections[0]!;
  const orgs = new Map<string, Organization>(
    synthetic.map((d) => {
      const [zh = d.id, en = d.id, ...rest] = d.names;
      const acronym = rest.find((n) => /^[A-Z0-9]+$/.test(n));
      const year = Number(/Founded in (\d{4})/.exec(d.content[1] ?? '')?.[1] ?? Number.NaN);
      const org: Organization = {
        id: d.id,
        names: { zh, en },
        englishName: 'translation',
        ...(acronym ? { acronym } : {}),
        type: 'thematic',
        topics: [],
        areas: [],
        founded: Number.isInteger(year) ? { kind: 'year', year } : { kind: 'unknown' },
        tableRows: [],
        summary: { zh: d.content[0] ?? zh, en: d.content[1] ?? en },
        facts: [],
        links: [],
        aliases: rest.filter((n) => n !== acronym),
        sections: [section],
        notes: [],
      };
      return [d.id, org];
    }),
  );
  return withOrganizations(data, [...orgs.values()]);
}

/**
 * The real dataset with more organizations, the shape loadDataset returns (no files, no validation), under
 * a hash of its own so nothing cached for the real dataset is taken for it.
 */
export function withOrganizations(data: Dataset, extra: readonly Organization[]): Dataset {
  const byId = new Map(extra.map((o) => [o.id, o]));
  return {
    ...data,
    organizations: [...data.organizations, ...extra],
    hash: `${data.hash}+${extra.length}`,
    org: (id) => byId.get(id) ?? data.org(id),
  };
}

export function scale(services: Services, seed: number): ScaleReport {
  const loadStart = load();
  const real = datasetDocs(services.data);
  progress(`scale: generating 10,000 synthetic organizations (seed ${seed})`);
  const t0 = process.hrtime.bigint();
  const synthetic = syntheticOrgs({ seed, avoid: real.flatMap((d) => d.names) });
  const generateMs = msSince(t0);
  const docs: Doc[] = [...real, ...synthetic];
  const builds: BuildRow[] = [];

  progress('scale: building indexes');
  const eng = measureBuild(() => new SearchEngine(docs, { commonWords: COMMON_NAME_WORDS }));
  builds.push(buildRow('engine: names (constructor)', eng));
  const engine = eng.value;
  // The description index is built on the first query that reaches the content tier.
  const content = measureBuild(() => engine.search('Aalborg', { kinds: ['org'] }));
  builds.push(buildRow('engine: first content-tier query (lazy description index)', content));
  const fuseBuild = measureBuild(() => fuseDefault(docs));
  builds.push(buildRow('Fuse default: new Fuse(records)', fuseBuild));
  const msBuild = measureBuild(() => miniSearchIndex(docs));
  builds.push(buildRow('MiniSearch CJK: addAll', msBuild));
  const rawBuild = measureBuild(() => fuseTuned(docs));
  builds.push(buildRow('Fuse tuned: engine options, all name rows', rawBuild));

  // Queries: the labelled /org queries plus queries aimed at synthetic records.
  const labelled = QUERIES.filter((q) => q.scope === 'org');
  const synth = syntheticQueries(synthetic, 300, seed);
  const searchQ = [...labelled.map((q) => q.q), ...synth.map((q) => q.q)];
  const acQ = every(prefixes(searchQ), 4);
  const fuseQ = [...every(labelled, 20).map((q) => q.q), ...every(synth, 60).map((q) => q.q)];

  progress('scale: accuracy with 10k distractors');
  const labelledRow = scoreContender(engineContender(engine), QUERIES);
  const byKind: Record<string, Score> = {};
  const synthScore: Score = { n: 0, top1: 0, top3: 0 };
  for (const q of synth.filter((x: SyntheticQuery) => x.scored)) {
    const r = engine.search(q.q, { kinds: ['org'] });
    const ids = r.status === 'none' ? [] : r.hits.map((h) => h.id);
    const j = { top1: ids[0] === q.expect, top3: ids.slice(0, 3).includes(q.expect) };
    add((byKind[q.kind] ??= { n: 0, top1: 0, top3: 0 }), j);
    add(synthScore, j);
  }

  const services10k: Services = { ...services, data: withSynthetic(services.data, synthetic), search: engine };
  const rows: TimingRow[] = [];
  const o = { warmup: 1, passes: 2 };
  progress(`scale: engine /org search (${searchQ.length} queries × ${o.passes})`);
  // The answering tier of each query, to show where the time goes.
  const tierOf = new Map<string, string>();
  const orgSamples = timeEach(
    searchQ,
    (q) => {
      const r = engine.search(q, { kinds: ['org'] });
      tierOf.set(q, r.status === 'none' ? 'none' : (r.hits[0]?.tier ?? 'none'));
      return r;
    },
    o,
  );
  rows.push(row('engine /org search', 'search(q, {kinds:[org]})', orgSamples));
  progress(`scale: engine autocomplete suggest (${acQ.length} prefixes × ${o.passes})`);
  // suggest() is what the autocomplete handlers call (prefix look-up, then search, then substrings).
  rows.push(
    row(
      'engine autocomplete',
      'suggest(prefix, {kinds:[org], limit:25})',
      timeEach(acQ, (q) => engine.suggest(q, { kinds: ['org'], limit: 25 }), o),
    ),
  );
  progress('scale: handler path');
  const cmd = counting((r: CommandRequest) => runCommand(services10k, r));
  rows.push(row('/org handler', 'runCommand, 10k Services*', timeEach(orgRequests(searchQ), cmd.fn, o), cmd.errors()));
  const auto = counting((r: AutocompleteRequest) => runAutocomplete(services10k, r));
  rows.push(
    row(
      'autocomplete handler',
      'runAutocomplete, 10k Services*',
      timeEach(autocompleteRequests(acQ), auto.fn, o),
      auto.errors(),
    ),
  );
  progress(`scale: MiniSearch (${searchQ.length} queries)`);
  const ms = msBuild.value;
  rows.push(
    row(
      'MiniSearch CJK',
      'ms.search(q), 1 pass',
      timeEach(searchQ, (q) => ms.search(q), { warmup: 0, warmupItems: 50, passes: 1 }),
    ),
  );
  progress(`scale: Fuse default (${fuseQ.length} sampled queries; each takes up to seconds)`);
  const fuse = fuseBuild.value;
  rows.push(
    row(
      'Fuse default',
      `fuse.search(q), ${fuseQ.length}-query sample`,
      timeEach(fuseQ, (q) => fuse.search(q), { warmup: 0, warmupItems: 1, passes: 1 }),
    ),
  );
  progress(`scale: Fuse tuned, the engine's options with no prefilter (${fuseQ.length} sampled queries)`);
  const raw = rawBuild.value;
  rows.push(
    row(
      'Fuse tuned',
      `fuseTuned(docs).search(q), ${fuseQ.length}-query sample`,
      timeEach(fuseQ, (q) => raw.search(q), { warmup: 0, warmupItems: 1, passes: 1 }),
    ),
  );

  // Where the engine's time goes: /org samples grouped by the tier that answered.
  const tiers = ['exact', 'substring', 'fuzzy', 'content', 'words', 'none']
    .map((tier) => {
      const keep = searchQ.map((q) => (tierOf.get(q) ?? 'none') === tier);
      const times = orgSamples.times.filter((_, i) => keep[i % searchQ.length]);
      return { tier, samples: { times, items: keep.filter(Boolean).length } };
    })
    .filter((t) => t.samples.items > 0)
    .map((t) => row(`  answered by ${t.tier}`, 'engine /org search, by tier', t.samples));

  return {
    seed,
    records: docs.length,
    synthetic: synthetic.length,
    generateMs,
    builds,
    rows,
    accuracy: {
      labelledTop1: labelledRow.all.top1 / labelledRow.all.n,
      labelledN: labelledRow.all.n,
      labelledMisses: labelledRow.misses,
      syntheticTop1: synthScore.top1 / (synthScore.n || 1),
      syntheticN: synthScore.n,
      byKind,
    },
    queries: { search: searchQ.length, autocomplete: acQ.length, fuseSample: fuseQ.length },
    tiers,
    load: { start: loadStart, end: load() },
  };
}
