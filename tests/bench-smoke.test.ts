/**
 * Smoke test of `npm run bench`: the quality section runs in-process on the real dataset and has the
 * shape the report and the JSON rely on; the synthetic generator is deterministic; the understanding
 * section runs at a tiny scale (200 synthetic organizations, one pass) and its accuracy is the question
 * test's; the pictures section runs at a tiny scale too (one picture, two warm renders, one first-render child,
 * no timed console runs: only the checked ones). No timing assertions: times depend on the machine; only
 * answer quality, shapes, the PNG and the lazy-renderer check are asserted.
 */
import { describe, expect, it } from 'vitest';
import { prefixes } from '../bench/handlers.js';
import { KIND_LABELS, pictures } from '../bench/pictures.js';
import { quality } from '../bench/quality.js';
import { qualityTable, understandingAccuracyTable, verdicts } from '../bench/report.js';
import { median, percentileSorted, summarize } from '../bench/stats.js';
import { syntheticOrgs, syntheticQueries } from '../bench/synthetic.js';
import { setProgressOutput, timeEach } from '../bench/timing.js';
import { LABELLED, SCALE_QUESTIONS, syntheticOrganizations, understanding } from '../bench/understanding.js';
import { CONTENT_QUERY, sizes, sizesFlag } from '../bench/sizes.js';
import { HELDOUT_QUESTIONS } from './fixtures/questions-heldout.js';
import { loadDataset } from '../src/data/load.js';
import { buildSearch, datasetDocs } from '../src/data/search-docs.js';
import { compact } from '../src/search/normalize.js';
import { QUERIES } from './fixtures/queries.js';
import { QUESTION_SHAPES } from './fixtures/question-types.js';
import { judge } from './helpers/judge.js';
import { services } from './helpers/services.js';

// The sections' progress lines are for a person watching `npm run bench`; here they would only be noise.
setProgressOutput(undefined);
const data = await loadDataset();

describe('bench: sizes section (one tiny size)', () => {
  const report = sizes(services, 7, [200], 1);

  it('builds the size, pays the description index on the first description query, and times every row', () => {
    const [z] = report.sizes;
    expect(report.sizes).toHaveLength(1);
    expect(z).toMatchObject({ synthetic: 200, firstContent: { tier: 'content' } });
    expect(z!.records).toBeGreaterThan(200);
    expect(z!.firstContent.ms).toBeGreaterThan(0);
    expect(z!.rows.map((r) => [r.label, r.errors])).toEqual([
      ['/org handler', 0],
      ['autocomplete handler', 0],
      ['/ask handler', 0],
    ]);
    // Every name looked up both ways, so the ratio compares the same work.
    expect(z!.exact.n).toBe(z!.mapBaseline.n);
    expect(z!.exact.n).toBe(z!.queries.exact);
    expect(z!.exactVsMap.median).toBeCloseTo(z!.exact.median / z!.mapBaseline.median, 9);
    // The description query is answered by descriptions alone: no name holds it.
    expect(services.search.search(CONTENT_QUERY).hits[0]?.tier).toBe('content');
  });

  it('reads --sizes and refuses what is not a count', () => {
    expect(sizesFlag([])).toEqual([1_000, 10_000, 100_000]);
    expect(sizesFlag(['--sizes', '10,20'])).toEqual([10, 20]);
    expect(sizesFlag(['--sizes=5'])).toEqual([5]);
    expect(() => sizesFlag(['--sizes', '1e3,x'])).toThrow(/whole numbers/);
  });

  it('gives an exact-vs-Map verdict per size, and no handler verdict for a size without a target', () => {
    const t = verdicts({ machine: { v8PoolSize: 1 } as never, seed: 7, sizes: report });
    expect(Object.keys(t)).toEqual(['exact vs Map 0.2k']);
  });
});

describe('bench: quality section', () => {
  const report = quality(data, buildSearch(data));

  it('scores the engine and the five baselines on every labelled query', () => {
    expect(report.queries).toBe(QUERIES.length);
    expect(report.rows.map((r) => r.key)).toEqual([
      'engine',
      'fuse',
      'fuse-fold',
      'fuse-tuned',
      'minisearch',
      'minisearch-fold',
    ]);
    const kinds = new Set(QUERIES.map((q) => q.kind));
    for (const row of report.rows) {
      expect(row.all.n).toBe(QUERIES.length);
      expect(row.baseline.length).toBeGreaterThan(20);
      expect(new Set(Object.keys(row.byKind))).toEqual(kinds);
      for (const s of [row.all, ...Object.values(row.byKind)]) {
        expect(s.top1).toBeLessThanOrEqual(s.top3);
        expect(s.top3).toBeLessThanOrEqual(s.n);
      }
      expect(row.allButGeneric.n).toBe(QUERIES.filter((q) => q.expect !== 'generic').length);
      expect(row.nonsenseNone.n).toBe(QUERIES.filter((q) => q.expect === null).length);
      expect(row.misses.length).toBe(row.all.n - row.all.top1);
    }
  });

  it("meets the quality target: engine top-1 ≥ 97% and every nonsense query answered 'none'", () => {
    const engine = report.rows[0]!;
    expect(engine.all.top1 / engine.all.n).toBeGreaterThanOrEqual(0.97);
    expect(engine.nonsenseNone.none).toBe(engine.nonsenseNone.n);
  });

  it('prints one table row per kind plus the totals', () => {
    const lines = qualityTable(report).split('\n');
    expect(lines[0]).toMatch(/^kind\s+n\s+engine\s+Fuse default/);
    expect(lines.length).toBe(2 + new Set(QUERIES.map((q) => q.kind)).size + 3);
  });
});

describe('bench: synthetic dataset', () => {
  const real = datasetDocs(data);
  const avoid = real.flatMap((d) => d.names);

  it('is deterministic for a seed and changes with it', () => {
    const a = syntheticOrgs({ count: 300, seed: 7, avoid });
    expect(JSON.stringify(syntheticOrgs({ count: 300, seed: 7, avoid }))).toBe(JSON.stringify(a));
    expect(JSON.stringify(syntheticOrgs({ count: 300, seed: 8, avoid }))).not.toBe(JSON.stringify(a));
    expect(JSON.stringify(syntheticQueries(a, 50, 7))).toBe(JSON.stringify(syntheticQueries(a, 50, 7)));
  });

  it('makes 10,000 records with unique ids and names that never equal a real name', () => {
    const docs = syntheticOrgs({ avoid });
    expect(docs).toHaveLength(10_000);
    expect(new Set(docs.map((d) => d.id)).size).toBe(10_000);
    const realNames = new Set(avoid.map(compact));
    const zh = new Set<string>();
    for (const d of docs) {
      expect(d.kind).toBe('org');
      expect(d.names.length).toBeGreaterThanOrEqual(2);
      expect(d.content).toHaveLength(2);
      for (const n of d.names) expect(realNames.has(compact(n)), n).toBe(false);
      zh.add(d.names[0]!);
    }
    expect(zh.size).toBe(10_000);
  });
});

describe('bench: helpers', () => {
  it('computes nearest-rank percentiles and medians', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileSorted(values, 99)).toBe(99);
    expect(percentileSorted(values, 100)).toBe(100);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(summarize([5, 1, 3])).toMatchObject({ n: 3, median: 3, max: 5, mean: 3 });
  });

  it('times every call of every pass', () => {
    let calls = 0;
    const s = timeEach([1, 2, 3], () => (calls += 1), { warmup: 2, passes: 3 });
    expect(calls).toBe(15);
    expect(s.items).toBe(3);
    expect(s.times).toHaveLength(9);
    expect(s.times.every((t) => t >= 0)).toBe(true);
  });

  it('makes autocomplete prefixes ending with the whole query', () => {
    expect(prefixes(['國際地方環境委員會'])).toEqual([
      '國',
      '國際',
      '國際地',
      '國際地方',
      '國際地方環境',
      '國際地方環境委員',
      '國際地方環境委員會',
    ]);
  });
});

describe('bench: understanding section (tiny scale)', async () => {
  const report = await understanding(services, { seed: 7, synthetic: 200, rounds: 1, scaleRounds: 1, warmup: 0 });

  it('scores every labelled question by shape, with fractions between 0 and 1', () => {
    const a = report.accuracy;
    expect(a.questions).toBe(LABELLED.length);
    // The held-out set is scored apart, by the same judge.
    expect(report.heldout.questions).toBe(HELDOUT_QUESTIONS.length);
    expect(report.heldout.all.n).toBe(HELDOUT_QUESTIONS.length);
    expect(a.all.n).toBe(LABELLED.length);
    expect(Object.keys(a.byShape)).toEqual(QUESTION_SHAPES.filter((s) => LABELLED.some((q) => q.shape === s)));
    for (const [shape, s] of Object.entries(a.byShape)) {
      expect(s.n, shape).toBe(LABELLED.filter((q) => q.shape === shape).length);
      for (const f of [s.current, s.previous, s.currentExtracted]) {
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1);
      }
    }
    expect(a.agreement.n).toBe(LABELLED.length);
    expect(a.previousErrors).toBe(0);
    expect(a.agreement.same + a.disagreements.length).toBe(LABELLED.length);
    expect(a.currentMisses.length).toBe(Math.round(LABELLED.length * (1 - a.all.current)));
  });

  it('gives the current reader the accuracy tests/questions.test.ts measures, overall and per shape', () => {
    const wrong = LABELLED.filter((q) => judge(services, q).length > 0);
    expect(report.accuracy.all.current).toBeCloseTo(1 - wrong.length / LABELLED.length, 12);
    for (const [shape, s] of Object.entries(report.accuracy.byShape)) {
      const n = LABELLED.filter((q) => q.shape === shape).length;
      expect(s.current, shape).toBeCloseTo((n - wrong.filter((q) => q.shape === shape).length) / n, 12);
    }
  });

  it('times every labelled question for both routers and the scale questions on both datasets', () => {
    expect(report.speed.rows.map((r) => r.label)).toEqual(['current /ask', 'current reader', 'previous router']);
    for (const r of report.speed.rows) {
      expect(r.n).toBe(LABELLED.length);
      expect(r.errors).toBe(0);
      expect(r.median).toBeLessThanOrEqual(r.p90);
      expect(r.p90).toBeLessThanOrEqual(r.p99);
    }
    const s = report.scale;
    expect(s.synthetic).toBe(200);
    expect(s.records).toBe(services.data.organizations.length + 200);
    expect(s.rows).toHaveLength(8);
    for (const r of s.rows) expect(r.n).toBe(SCALE_QUESTIONS.length);
    expect(s.questions.map((q) => q.q)).toEqual(SCALE_QUESTIONS.map((q) => q.q));
    // The synthetic records are found by the filters: every list at scale holds at least the real answer.
    for (const q of s.questions)
      if (q.real.listed !== null && q.big.listed !== null)
        expect(q.big.listed - (q.big.synthetic ?? 0), q.q).toBe(q.real.listed);
    expect(s.questions.some((q) => (q.big.synthetic ?? 0) > 0)).toBe(true);
  });

  it('makes deterministic synthetic organizations and reports targets and a table', () => {
    const a = JSON.stringify(syntheticOrganizations(services.data, 50, 7));
    expect(JSON.stringify(syntheticOrganizations(services.data, 50, 7))).toBe(a);
    const t = verdicts({ machine: { v8PoolSize: 1 } as never, seed: 7, understanding: report });
    expect(Object.keys(t)).toEqual(['askAccuracy', 'askHeldout', 'askReal', 'askAtScale']);
    expect(t.askAtScale?.met).toBe(null); // 200 synthetic records: the 10k target is not judged
    const lines = understandingAccuracyTable(report).split('\n');
    expect(lines[0]).toMatch(/^shape\s+n\s+current %\s+previous %/);
    expect(lines).toHaveLength(2 + Object.keys(report.accuracy.byShape).length + 1);
  });
});

describe('bench: pictures section (tiny scale)', async () => {
  const report = await pictures(services, {
    warmup: 0,
    warm: 2,
    cached: 5,
    text: 5,
    firstRuns: 1,
    consoleRuns: 0,
    kinds: ['timeline-type'],
    langs: ['zh-TW'],
  });

  it('reports the picture: its size, a PNG, and text, warm, cached and first-render rows', () => {
    expect(report.cases).toHaveLength(1);
    const c = report.cases[0]!;
    expect(c).toMatchObject({ kind: 'timeline-type', label: KIND_LABELS['timeline-type'], lang: 'zh-TW' });
    expect(c.name).toMatch(/^timeline-.*-zh-TW\.png$/);
    expect(c.width).toBeGreaterThan(0);
    expect(c.height).toBeGreaterThan(0);
    expect(c.pngBytes).toBeGreaterThan(0);
    expect(c.pngSignature).toBe('89504e470d0a1a0a');
    expect(c.text).toMatchObject({ n: 5, errors: 0, what: 'runCommand /timeline type:thematic' });
    expect(c.warm.n).toBe(2);
    expect(c.cached.n).toBe(5);
    for (const r of [c.text, c.warm, c.cached]) {
      expect(r.median).toBeGreaterThan(0);
      expect(r.median).toBeLessThanOrEqual(r.p90);
      expect(r.p90).toBeLessThanOrEqual(r.p99);
      expect(r.p99).toBeLessThanOrEqual(r.max);
    }
    const f = c.first;
    expect(f.errors).toEqual([]);
    expect(f.runs).toBe(1);
    expect(f.samples).toHaveLength(1);
    // The fresh process drew the same picture, byte for byte the same size.
    expect(f.samples[0]!.pngBytes).toBe(c.pngBytes);
    for (const s of [f.importMs, f.fontsMs, f.drawMs, f.totalMs]) expect(s.median).toBeGreaterThan(0);
    expect(f.importFontsMs.median).toBeCloseTo(f.importMs.median + f.fontsMs.median, 6);
    expect(f.totalMs.median).toBeGreaterThanOrEqual(f.importFontsMs.median + f.drawMs.median - 1e-6);
  });

  it('finds that a text one-shot loads no @napi-rs/canvas, with a check that sees it load for /timeline', () => {
    const k = report.console;
    expect(k.rows.map((r) => r.label)).toEqual([
      'node -e 0 (baseline)',
      'ask /org ICLEI (text)',
      'ask /timeline (draws, writes the PNG)',
    ]);
    // No timed runs here: only the checked (untimed) ones, which also verify the PNG was written.
    for (const r of k.rows) expect(r, r.note).toMatchObject({ runs: 0, medianMs: null, ok: true });
    expect(k.check.textNoCanvas).toBe(true);
    expect(k.check.textLoadsCanvas).toBe(false);
    expect(k.check.pictureLoadsCanvas).toBe(true);
    expect(k.check.textCanvasHits).toEqual([]);
    expect(k.check.textTraced).toBeGreaterThan(50);
    // Each record alone sees the canvas: the resolve hook, the CommonJS cache and (on Linux) the mapped addon.
    expect(k.check.pictureSeenBy.esm).toBeGreaterThan(0);
    expect(k.check.pictureSeenBy.cjs).toBeGreaterThan(0);
    if (process.platform === 'linux') expect(k.check.pictureSeenBy.mapped).toBeGreaterThan(0);
    const t = verdicts({ machine: { v8PoolSize: 1 } as never, seed: 7, pictures: report });
    expect(t.picturesTextNoCanvas?.met).toBe(true);
  });

  it('serializes to JSON with every measured number a number (null only in the untimed console rows)', () => {
    const nulls: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (v === null) nulls.push(path);
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(JSON.parse(JSON.stringify(report)), '');
    // NaN and Infinity become null in JSON, so this also finds a number that was not measured.
    expect(
      nulls.filter(
        (p) => !/^\.console\.(rows\[\d\]\.(medianMs|minMs|maxMs|peakRssMb)|ratioText|ratioPicture)$/.test(p),
      ),
    ).toEqual([]);
  });
});
