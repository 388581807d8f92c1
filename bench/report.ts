/**
 * The report: the JSON summary's shape, the issue-6 targets and their verdicts, the machine facts, and
 * the text form (tables and the notes that say how each section was measured). It times nothing itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { QUERIES, QUERY_KINDS, type QueryKind } from '../tests/fixtures/queries.js';
import type { SpeedReport } from './handlers.js';
import type { PicturesReport } from './pictures.js';
import type { QualityReport, Score } from './quality.js';
import type { ScaleReport } from './scale.js';
import { TIME_BIN, type StartupReport } from './startup.js';
import { getGc, type TimingRow } from './timing.js';
import type { LatencyRow, UnderstandingReport } from './understanding.js';
import type { SizesReport } from './sizes.js';

const KIND_ORDER: readonly QueryKind[] = QUERY_KINDS;

/** Targets from the issues: search, handlers and start-up (issue 6); question understanding (issue 10). */
export const TARGETS = {
  top1: 0.97,
  handlerP99RealUs: 1_000,
  p99At10kUs: 5_000,
  startupRatio: 2.5,
  /** Issue 16: the one-shot ask over node -e 0, both measured without NODE_EXTRA_CA_CERTS. */
  startupRatioNoCa: 2,
  rssMb: 120,
  /** Question understanding (/ask): labelled-question accuracy, handler p99 on the real dataset and at 10k. */
  askAccuracy: 0.95,
  askP99RealUs: 1_000,
  askP99At10kUs: 5_000,
  /** Issue 16, by record count: handler p99 (/org, autocomplete, /ask), index build, RSS, exact hits vs a Map. */
  p99BySizeUs: { 10_000: 2_000, 100_000: 10_000 } as Record<number, number>,
  buildMsAt100k: 2_000,
  rssMbAt100k: 400,
  exactVsMap: 2,
} as const;

function table(headers: readonly string[], rows: readonly (readonly string[])[], leftCols = 1): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i < leftCols ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const pct = (n: number, d: number) => (d === 0 ? '-' : ((100 * n) / d).toFixed(1));
const us = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');
const ms1 = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(1));

export function qualityTable(report: QualityReport): string {
  const headers = ['kind', 'n', ...report.rows.map((r) => r.label)];
  const kinds = KIND_ORDER.filter((k) => report.rows[0]?.byKind[k]);
  const cell = (s: Score | undefined) => (s ? `${pct(s.top1, s.n)} / ${pct(s.top3, s.n)}` : '-');
  const body = kinds.map((k) => [
    k,
    String(report.rows[0]!.byKind[k]!.n),
    ...report.rows.map((r) => cell(r.byKind[k])),
  ]);
  body.push(['ALL', String(report.rows[0]?.all.n ?? 0), ...report.rows.map((r) => cell(r.all))]);
  body.push([
    'ALL but generic',
    String(report.rows[0]?.allButGeneric.n ?? 0),
    ...report.rows.map((r) => cell(r.allButGeneric)),
  ]);
  body.push([
    'nonsense → none',
    String(report.rows[0]?.nonsenseNone.n ?? 0),
    ...report.rows.map((r) => `${r.nonsenseNone.none}/${r.nonsenseNone.n}`),
  ]);
  return table(headers, body, 1);
}

function timingTable(rows: readonly TimingRow[]): string {
  return table(
    ['request', 'what', 'n', 'median µs', 'p99 µs', 'max µs', 'p99 best µs', 'errors'],
    rows.map((r) => [
      r.label,
      r.what,
      String(r.n),
      us(r.median),
      us(r.p99),
      us(r.max),
      r.p99Best === undefined ? '' : us(r.p99Best),
      r.errors === undefined ? '' : String(r.errors),
    ]),
    2,
  );
}

const BEST_NOTE =
  '"p99 best": p99 over each request\'s fastest timed pass (scheduler and GC noise removed); targets use the plain p99.';

function loadLine(l: { start: number; end: number }): string {
  return `load average (1 min) ${l.start} at start, ${l.end} at end, on ${cpus().length} CPUs: other processes share the machine, wall times include it`;
}

export function machine(): {
  date: string;
  node: string;
  cpu: string;
  nproc: number;
  memGb: number;
  v8PoolSize: number;
} {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    /* not Linux */
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu,
    nproc: cpus().length,
    memGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    v8PoolSize: v8PoolSize(),
  };
}

/** V8's worker-thread pool size for this process: `--v8-pool-size` if given, else Node's default (4). */
export function v8PoolSize(): number {
  const flag = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
    .map((a) => /^--v8-pool-size=(\d+)$/.exec(a)?.[1])
    .findLast((v) => v !== undefined);
  return flag === undefined ? 4 : Number(flag);
}

export interface Report {
  machine: ReturnType<typeof machine>;
  seed: number;
  quality?: QualityReport;
  speed?: SpeedReport;
  scale?: ScaleReport;
  startup?: StartupReport;
  understanding?: UnderstandingReport;
  pictures?: PicturesReport;
  sizes?: SizesReport;
  targets: Record<string, { target: string; measured: string; met: boolean | null }>;
  totalSeconds: number;
}

export function verdicts(r: Omit<Report, 'targets' | 'totalSeconds'>): Report['targets'] {
  const t: Report['targets'] = {};
  const engineRow = r.quality?.rows.find((x) => x.key === 'engine');
  if (engineRow) {
    const top1 = engineRow.all.top1 / engineRow.all.n;
    t.top1 = { target: `≥ ${TARGETS.top1 * 100}%`, measured: `${(top1 * 100).toFixed(1)}%`, met: top1 >= TARGETS.top1 };
    const nn = engineRow.nonsenseNone;
    t.nonsense = { target: 'every nonsense query → none', measured: `${nn.none}/${nn.n}`, met: nn.none === nn.n };
  }
  if (r.speed) {
    const handlers = r.speed.rows.filter((x) => x.what.startsWith('run'));
    const worst = Math.max(...handlers.map((x) => x.p99));
    t.handlerReal = {
      target: `handler p99 ≤ ${TARGETS.handlerP99RealUs} µs (real dataset, V8 pool ${r.machine.v8PoolSize})`,
      measured: handlers.map((x) => `${x.label} ${us(x.p99)} (best ${us(x.p99Best ?? Number.NaN)})`).join(', '),
      met: worst <= TARGETS.handlerP99RealUs,
    };
  }
  if (r.scale) {
    for (const label of ['engine /org search', 'engine autocomplete', '/org handler', 'autocomplete handler']) {
      const x = r.scale.rows.find((y) => y.label === label);
      if (x)
        t[`10k ${label}`] = {
          target: `p99 < ${TARGETS.p99At10kUs} µs at 10k`,
          measured: `${us(x.p99)} µs (best ${us(x.p99Best ?? Number.NaN)})`,
          met: x.p99 < TARGETS.p99At10kUs,
        };
    }
  }
  if (r.startup) {
    const s = r.startup;
    const ratioMet = (x: number | null) => (x === null ? null : x <= TARGETS.startupRatio);
    const x2 = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(2)}×`);
    t.startupDirect = {
      target: `one-shot ask ≤ ${TARGETS.startupRatioNoCa}× node -e 0, both without NODE_EXTRA_CA_CERTS`,
      measured:
        `${x2(s.ratioDirectNoCa)} (compiled JS); with the variable${s.caSet ? '' : ' (not set here)'} ${x2(s.ratioDirect)}; ` +
        `first ask after npm ci ${x2(s.ratioAfterBuildNoCa)}, with no validation marker ${x2(s.ratioColdNoCa)}`,
      met: s.ratioDirectNoCa === null ? null : s.ratioDirectNoCa <= TARGETS.startupRatioNoCa,
    };
    t.startupNpm = {
      target: `≤ ${TARGETS.startupRatio}× node -e 0 started the same way (npm run -s)`,
      measured:
        s.ratioNpmSameWay === null || s.ratioNpm === null
          ? 'n/a'
          : `${s.ratioNpmSameWay.toFixed(2)}× (npm run -s ask vs npm run -s node -e 0); ${s.ratioNpm.toFixed(2)}× a bare node -e 0`,
      met: ratioMet(s.ratioNpmSameWay),
    };
    const rss = s.rows.slice(1, 3).map((x) => x.peakRssMb);
    t.rss = {
      target: `RSS ≤ ${TARGETS.rssMb} MB`,
      measured:
        rss.map((x) => `${ms1(x)} MB`).join(', ') + (s.http.peakRssMb ? `, HTTP ${ms1(s.http.peakRssMb)} MB` : ''),
      met: rss.every((x) => x !== null && x <= TARGETS.rssMb) && (s.http.peakRssMb ?? 0) <= TARGETS.rssMb,
    };
  }
  if (r.understanding) {
    const u = r.understanding;
    const all = u.accuracy.all;
    t.askAccuracy = {
      target: `/ask labelled questions ≥ ${TARGETS.askAccuracy * 100}% right`,
      measured: `${pct1(all.current)}% (previous router ${pct1(all.previous)}%, n=${all.n})`,
      met: all.current >= TARGETS.askAccuracy,
    };
    t.askHeldout = {
      // No target of its own (the issue sets one for the main set): reported so a reader can weigh that one.
      target: 'held-out questions (none special-cased), reported only',
      measured: `${pct1(u.heldout.all.current)}% (previous router ${pct1(u.heldout.all.previous)}%, n=${u.heldout.all.n})`,
      met: null,
    };
    const real = u.speed.rows[0];
    if (real)
      t.askReal = {
        target: `/ask p99 ≤ ${TARGETS.askP99RealUs / 1000} ms (real dataset, runCommand)`,
        measured: `${ms3(real.p99)} ms (previous router ${ms3(u.speed.rows.find((x) => x.label.startsWith('previous'))?.p99)} ms)`,
        met: real.p99 <= TARGETS.askP99RealUs,
      };
    const big = u.scale.rows.find((x) => x.label.startsWith('/ask, +'));
    if (big)
      t.askAtScale = {
        target: `/ask filter/count p99 ≤ ${TARGETS.askP99At10kUs / 1000} ms at +${u.scale.synthetic.toLocaleString('en-US')} synthetic`,
        measured: `${ms3(big.p99)} ms (real dataset ${ms3(u.scale.rows[0]?.p99)} ms)`,
        met: u.scale.synthetic >= 10_000 ? big.p99 <= TARGETS.askP99At10kUs : null,
      };
  }
  if (r.sizes) {
    for (const z of r.sizes.sizes) {
      const k = `${z.synthetic / 1000}k`;
      t[`exact vs Map ${k}`] = {
        target: `exact name hit median within ${TARGETS.exactVsMap}× a plain Map look-up`,
        measured: `${z.exactVsMap.median.toFixed(2)}× (${us(z.exact.median)} vs ${us(z.mapBaseline.median)} µs; p99 ${z.exactVsMap.p99.toFixed(2)}×)`,
        met: z.exactVsMap.median <= TARGETS.exactVsMap,
      };
      const limit = TARGETS.p99BySizeUs[z.synthetic];
      if (limit !== undefined) {
        const worst = Math.max(...z.rows.map((x) => x.p99));
        t[`handlers p99 ${k}`] = {
          target: `/org, autocomplete, /ask p99 ≤ ${limit / 1000} ms at ${z.synthetic.toLocaleString('en-US')}`,
          measured: z.rows.map((x) => `${x.label.replace(' handler', '')} ${ms3(x.p99)}`).join(', ') + ' ms',
          met: worst <= limit,
        };
      }
      if (z.synthetic === 100_000) {
        t['build 100k'] = {
          target: `index build ≤ ${TARGETS.buildMsAt100k / 1000} s, RSS ≤ ${TARGETS.rssMbAt100k} MB at 100k`,
          measured: `names ${(z.build.ms / 1000).toFixed(2)} s + descriptions ${(z.firstContent.ms / 1000).toFixed(2)} s, RSS ${z.rssMb.toFixed(0)} MB`,
          met: z.build.ms + z.firstContent.ms <= TARGETS.buildMsAt100k && z.rssMb <= TARGETS.rssMbAt100k,
        };
      }
    }
  }
  if (r.pictures) {
    const c = r.pictures.console.check;
    t.picturesTextNoCanvas = {
      // No issue sets it: it is the promise src/app/pictures.ts makes (the renderer loads on the first picture).
      target: 'a text answer loads no @napi-rs/canvas nor src/drawing/ (one-shot console)',
      measured:
        `text run: ${c.textCanvasHits.length} of ${c.textTraced} traced; ` +
        `/timeline run (control): ${c.pictureSeenBy.esm + c.pictureSeenBy.cjs + c.pictureSeenBy.mapped} of ${c.pictureTraced}`,
      met: c.textNoCanvas,
    };
  }
  return t;
}

const pct1 = (f: number) => (100 * f).toFixed(1);
/** µs → ms with three decimals. */
const ms3 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '-' : (x / 1000).toFixed(3));

export function understandingAccuracyTable(u: UnderstandingReport, set: 'accuracy' | 'heldout' = 'accuracy'): string {
  const a = u[set];
  const body = Object.entries(a.byShape).map(([shape, s]) => [
    shape,
    String(s.n),
    pct1(s.current),
    pct1(s.previous),
    pct1(s.currentExtracted),
  ]);
  body.push(['ALL', String(a.all.n), pct1(a.all.current), pct1(a.all.previous), pct1(a.all.currentExtracted)]);
  return table(['shape', 'n', 'current %', 'previous %', 'current, read off reply %'], body, 1);
}

function latencyTable(rows: readonly LatencyRow[]): string {
  return table(
    ['request', 'what', 'n', 'median ms', 'p90 ms', 'p99 ms', 'max ms', 'errors'],
    rows.map((r) => [
      r.label,
      r.what,
      String(r.n),
      ms3(r.median),
      ms3(r.p90),
      ms3(r.p99),
      ms3(r.max),
      r.errors === undefined ? '' : String(r.errors),
    ]),
    2,
  );
}

export function printText(r: Report): void {
  const out: string[] = [];
  const m = r.machine;
  out.push(`city-alliance-bot benchmark — ${m.date}`);
  out.push(`machine: ${m.cpu}, ${m.nproc} CPUs, ${m.memGb} GB RAM, Node ${m.node}; synthetic seed ${r.seed}`);
  if (r.quality) {
    out.push(
      '',
      `1. ANSWER QUALITY — labelled query set (tests/fixtures/queries.ts, ${r.quality.queries} queries), same records, same run`,
    );
    out.push(
      '   cells: top-1 % / top-3 %. nonsense is right only when the answer is "none"; generic only when it is not',
    );
    out.push(
      '   a confident "match" (baselines never say "ambiguous", so they pass generic only by finding nothing).',
      '',
    );
    out.push(qualityTable(r.quality), '');
    out.push(
      '   Read the engine column with care: its thresholds were tuned on this same query set (engine.ts says so), so',
    );
    out.push(
      '   it is a regression check, not an unbiased estimate. The baselines were not tuned on it. Section 3 adds',
    );
    out.push('   queries the engine was not tuned on (synthetic records).', '', '   baselines:');
    for (const row of r.quality.rows) out.push(`   - ${row.label}: ${row.baseline}`);
    const eng = r.quality.rows.find((x) => x.key === 'engine');
    if (eng && eng.misses.length > 0) {
      out.push(`   engine misses (${eng.misses.length}):`);
      for (const x of eng.misses) out.push(`     ${x.kind}: "${x.q}" expected ${x.expect ?? 'none'}, got ${x.got}`);
    }
  }
  if (r.speed) {
    const sp = r.speed;
    out.push(
      '',
      `2. SPEED PER REQUEST — real dataset, per-call wall time (process.hrtime.bigint), ${sp.warmup} warm-up + ${sp.passes} timed passes`,
    );
    out.push(
      '   /org, /taiwan: the labelled queries of that scope; /ask: every labelled query as a question (bare, "…是什麼？",',
    );
    out.push('   "When was … founded?"); autocomplete: prefixes of the /org queries; locales alternate zh-TW / en-US.');
    out.push(`   ${loadLine(sp.load)}`);
    out.push(`   ${BEST_NOTE}`);
    out.push(
      `   V8 worker pool: ${r.machine.v8PoolSize} thread(s) (--v8-pool-size, as npm start / serve / ask run).`,
      '',
    );
    out.push(timingTable(sp.rows));
    if (sp.defaultPool) {
      out.push(
        '',
        "   The same handler rows in a child process with V8's default worker pool (4 threads), run right after:",
        '',
      );
      out.push('error' in sp.defaultPool ? `   n/a: ${sp.defaultPool.error}` : timingTable(sp.defaultPool.rows));
    }
  }
  if (r.scale) {
    const s = r.scale;
    out.push(
      '',
      `3. SCALE — ${s.synthetic.toLocaleString('en-US')} synthetic organizations (bench/synthetic.ts, seed ${s.seed}) + the real records = ${s.records.toLocaleString('en-US')}`,
    );
    out.push(
      `   generated in ${s.generateMs.toFixed(0)} ms. Memory: delta after a forced full GC${getGc() ? '' : ' (unavailable: no gc)'}.`,
      '',
    );
    out.push(
      table(
        ['index', 'build ms', 'heap MB', 'RSS MB'],
        s.builds.map((b) => [b.label, b.ms.toFixed(1), ms1(b.heapMb), ms1(b.rssMb)]),
        1,
      ),
    );
    out.push(
      '',
      `   queries: ${s.queries.search} for /org (${QUERIES.filter((q) => q.scope === 'org').length} labelled + synthetic names, typos, partials,`,
      `   acronyms), ${s.queries.autocomplete} autocomplete prefixes, a ${s.queries.fuseSample}-query sample for the slow Fuse rows.`,
      '   * handler rows use Services whose search is the 10k engine and whose dataset holds the synthetic records too,',
      '     so a synthetic hit is rendered as a full answer, the same path a real record takes.',
      '',
    );
    out.push(timingTable([...s.rows, ...s.tiers]));
    out.push(`   ${loadLine(s.load)}`);
    const a = s.accuracy;
    out.push(
      '',
      `   engine accuracy with 10k distractors: labelled set top-1 ${(a.labelledTop1 * 100).toFixed(1)}% (n=${a.labelledN}); ` +
        `synthetic queries top-1 ${(a.syntheticTop1 * 100).toFixed(1)}% (n=${a.syntheticN}: ` +
        Object.entries(a.byKind)
          .map(([k, v]) => `${k} ${pct(v.top1, v.n)}%`)
          .join(', ') +
        ')',
    );
    for (const x of a.labelledMisses)
      out.push(`     miss at 10k: ${x.kind} "${x.q}" expected ${x.expect ?? 'none'}, got ${x.got}`);
  }
  if (r.startup) {
    const s = r.startup;
    out.push(
      '',
      '4. START-UP — spawnSync, wall time from spawn to exit (the answer is printed just before exit), median of N runs',
    );
    out.push(
      `   after one untimed run. ${existsSync(TIME_BIN) ? 'Every run (every row alike) goes through /usr/bin/time -f %M, which gives the peak RSS' : 'Peak RSS n/a (no /usr/bin/time)'}`,
    );
    out.push(
      '   (largest of the process and its waited-for children). "npm run -s env" is npm\'s own cost: no project code runs.',
      '   "npm run -s bench:node-baseline" is node -e 0 started the way the ask row is: npm, a shell, then node.',
    );
    out.push(`   ${loadLine(s.load)}`, '');
    out.push(
      table(
        ['process', 'runs', 'median ms', 'min ms', 'vs node -e 0', 'peak RSS MB', 'ok'],
        s.rows.map((x) => {
          // Each row over the node -e 0 started with the same environment (with or without the CA bundle).
          const base = s.rows.find(
            (y) =>
              y.command === (x.command.startsWith('env -u') ? 'env -u NODE_EXTRA_CA_CERTS node -e 0' : 'node -e 0'),
          );
          return [
            x.label,
            String(x.runs),
            x.medianMs.toFixed(1),
            x.minMs.toFixed(1),
            x.ok && base?.ok ? `${(x.medianMs / base.medianMs).toFixed(2)}×` : 'n/a',
            ms1(x.peakRssMb),
            x.ok ? 'yes' : `NO${x.note ? `: ${x.note}` : ''}`,
          ];
        }),
        1,
      ),
    );
    for (const x of s.rows) out.push(`   ${x.label}: ${x.command}`);
    out.push(
      '   "vs node -e 0" is over the node -e 0 row started the same way (with or without NODE_EXTRA_CA_CERTS;',
      '   npm rows: over the bare node -e 0). "first ask, no validation marker": the data checked again (zod loaded),',
      '   what a fresh install\'s first answer cost before the build left the marker; "after npm ci": the build\'s',
      '   last step (bin/ready-data.mjs) run first, untimed, as `npm ci` runs it.',
    );
    out.push(
      `   HTTP door ready-to-serve: ${
        s.http.status === 'ok'
          ? `median ${ms1(s.http.medianMs)} ms (runs: ${s.http.readyMs?.map((x) => x.toFixed(0)).join(', ')}), peak RSS ${ms1(s.http.peakRssMb)} MB — ${s.http.note}`
          : s.http.note
      }`,
    );
  }
  if (r.understanding) printUnderstanding(out, r.understanding);
  if (r.pictures) printPictures(out, r.pictures);
  if (r.sizes) printSizes(out, r.sizes);
  out.push('', `TARGETS (issues 6, 10 and 16${r.pictures ? '; pictures: the lazy renderer' : ''})`);
  out.push(
    table(
      ['target', 'wanted', 'measured', 'met'],
      Object.entries(r.targets).map(([k, v]) => [
        k,
        v.target,
        v.measured,
        v.met === null ? 'n/a' : v.met ? 'yes' : 'NO',
      ]),
      3,
    ),
  );
  out.push('', `total ${r.totalSeconds.toFixed(1)} s`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function printUnderstanding(out: string[], u: UnderstandingReport): void {
  const a = u.accuracy;
  out.push(
    '',
    `5. QUESTION UNDERSTANDING (/ask) — labelled question set (tests/fixtures/questions*.ts, ${a.questions} questions), same run`,
    '   current: judged by tests/helpers/judge.ts exactly as tests/questions.test.ts judges it (the records of the executed',
    '   plan, every page). previous: bench/previous-router.ts, judged by the same problemsOf on the records its reply names',
    '   (read off the reply: titles, lines, bold names, list items, every page; see bench/understanding.ts). The last column',
    '   reads the current reply the same way, as a check of that reading.',
    '',
  );
  out.push(understandingAccuracyTable(u));
  out.push(
    '',
    `   reading the reply vs the reader's own ids: same verdict on ${a.agreement.same}/${a.agreement.n} questions` +
      (a.disagreements.length > 0 ? '; differs on:' : ''),
  );
  for (const d of a.disagreements.slice(0, 10))
    out.push(
      `     [${d.shape}] "${d.q}": ids ${d.byIds.join('; ') || 'right'} | reply ${d.byReply.join('; ') || 'right'}`,
    );
  if (a.previousErrors > 0) out.push(`   the previous router threw on ${a.previousErrors} question(s), judged wrong`);
  out.push(
    `   target: ≥ ${TARGETS.askAccuracy * 100}% overall — current ${pct1(a.all.current)}%: ${a.all.current >= TARGETS.askAccuracy ? 'met' : 'NOT met'}`,
  );
  if (a.currentMisses.length > 0) {
    out.push(`   current reader misses (${a.currentMisses.length}):`);
    for (const m of a.currentMisses.slice(0, 40)) out.push(`     [${m.shape}] "${m.q}": ${m.problems.join('; ')}`);
    if (a.currentMisses.length > 40) out.push(`     … and ${a.currentMisses.length - 40} more (--json has them all)`);
  }
  const h = u.heldout;
  out.push(
    '',
    `   HELD-OUT set (tests/fixtures/questions-heldout.ts, ${h.questions} questions): written apart from the reader, none of its`,
    '   questions special-cased, so it estimates /ask on questions nobody fitted it to (the set above was fixed from its misses).',
    '',
  );
  out.push(understandingAccuracyTable(u, 'heldout'));
  if (h.currentMisses.length > 0) {
    out.push(`   held-out misses (${h.currentMisses.length}):`);
    for (const m of h.currentMisses.slice(0, 40)) out.push(`     [${m.shape}] "${m.q}": ${m.problems.join('; ')}`);
  }
  const sp = u.speed;
  out.push(
    '',
    `   /ask speed, real dataset: every labelled question (${sp.questions}) × ${sp.rounds} timed passes after ${sp.warmup} warm-up,`,
    '   per-call wall time; "runCommand" is the request the judge sends, the other two rows wrap either router the way',
    '   runCommand wraps /ask (language, cleanText, fitPayload), so they differ only in the router.',
    `   ${loadLine(sp.load)}`,
    '',
  );
  out.push(latencyTable(sp.rows));
  const s = u.scale;
  const b = s.build;
  out.push(
    '',
    `   /ask at scale: the real records + ${s.synthetic.toLocaleString('en-US')} synthetic organizations (seed ${s.seed}; ${s.records.toLocaleString('en-US')} organizations),`,
    `   written to a temporary data directory and loaded by loadDataset with full validation. Build: generate ${b.generateMs.toFixed(0)} ms,`,
    `   write ${b.writeMs.toFixed(0)} ms, load + validate ${b.loadMs.toFixed(0)} ms, buildSearch ${b.searchMs.toFixed(0)} ms. Tagged from the vocabulary: ` +
      `${s.tagged.topics.toLocaleString('en-US')} with a topic, ${s.tagged.areas.toLocaleString('en-US')} with an area.`,
    `   ${s.rounds} timed passes over the questions below; "listed" is how many organizations the plan lists.`,
    '',
  );
  // The question goes last: Chinese characters are two columns wide, so padding them would misalign the rest.
  const perQuestion = table(
    ['read as', 'listed real', 'listed big (synthetic)', 'median ms real', 'median ms big'],
    s.questions.map((q) => [
      q.real.intent === q.big.intent ? q.real.intent : `${q.real.intent} / ${q.big.intent}`,
      q.real.listed === null ? '-' : String(q.real.listed),
      q.big.listed === null ? '-' : `${q.big.listed} (${q.big.synthetic ?? 0})`,
      ms3(q.real.medianUs),
      ms3(q.big.medianUs),
    ]),
    1,
  ).split('\n');
  out.push(
    ...perQuestion.map((line, i) => `${line}  ${i === 0 ? 'question' : i === 1 ? '--------' : s.questions[i - 2]!.q}`),
    '',
  );
  out.push(latencyTable(s.rows));
  out.push(`   ${loadLine(s.load)}`);
}

/** ms with one decimal from µs. */
const msOfUs = (x: number) => (Number.isFinite(x) ? (x / 1000).toFixed(1) : '-');
const times = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(0)}×` : '-';

/** Words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function printPictures(out: string[], p: PicturesReport): void {
  const from =
    p.from === 'dist' ? 'compiled JS (dist/ is current)' : 'the sources through tsx (dist/ is older than them)';
  out.push(
    '',
    `6. PICTURES — PNGs drawn with @napi-rs/canvas (src/drawing/render.ts), each kind in both languages, same run`,
    '   text handler: the request that shows the picture, as a door sends it (runCommand /timeline, /timeline type:…,',
    "   /taiwan; runComponent for a place's map button): it builds the message and the picture request and draws",
    '   nothing — the baseline. cached: renderPng (src/app/pictures.ts) on a cache hit, what a repeated request adds.',
    `   text ×${p.textRuns} and cached ×${p.cachedRuns} per picture after warm-up; per-call wall time. errors: the handler's picture is not`,
    '   the one drawn here (another cache key), or its outcome is not ok.',
    `   ${loadLine(p.load.inProcess)}`,
    '',
  );
  out.push(
    table(
      [
        'picture',
        'lang',
        'width×height',
        'PNG bytes',
        'text median µs',
        'text p99 µs',
        'cached median µs',
        'cached p99 µs',
        'errors',
      ],
      p.cases.map((c) => [
        c.label,
        c.lang,
        `${c.width}×${c.height}`,
        c.pngBytes.toLocaleString('en-US'),
        us(c.text.median),
        us(c.text.p99),
        us(c.cached.median),
        us(c.cached.p99),
        String(c.text.errors ?? 0),
      ]),
      2,
    ),
  );
  out.push(
    '',
    `   warm render: renderPicture called directly in this process (no cache), ${p.warmup} warm-up + ${p.warmRuns} timed calls per picture`,
    `   (nearest rank: with ${p.warmRuns} calls the p99 is the slowest, the p90 rank ${Math.ceil(0.9 * p.warmRuns)} of ${p.warmRuns}). The PNG encoding (libuv's pool) included.`,
    '',
  );
  out.push(
    table(
      ['picture', 'lang', 'n', 'median ms', 'p90 ms', 'p99 ms', 'max ms', 'median vs text handler'],
      p.cases.map((c) => [
        c.label,
        c.lang,
        String(c.warm.n),
        msOfUs(c.warm.median),
        msOfUs(c.warm.p90),
        msOfUs(c.warm.p99),
        msOfUs(c.warm.max),
        times(c.warm.median, c.text.median),
      ]),
      2,
    ),
  );
  out.push(
    '',
    `   first render: a fresh process per sample (node --import tsx bench/pictures.ts --first-render-child), ${p.firstRuns} per`,
    '   picture, in rounds over all pictures; services and the request are built first, untimed. The renderer comes',
    `   from ${from}, as bin/run.mjs would start it.`,
    '   Timed from before the first import of the renderer: import = src/drawing/render.js + @napi-rs/canvas (its Skia',
    '   addon); fonts = registerFonts (four Noto Sans CJK files); draw + encode = the first renderPicture (glyphs load here).',
    `   ${loadLine(p.load.first)}`,
    '',
  );
  out.push(
    table(
      [
        'picture',
        'lang',
        'runs',
        'import ms',
        'fonts ms',
        'import+fonts ms',
        'draw+encode ms',
        'total median ms',
        'total max ms',
        'vs warm median',
      ],
      p.cases.map((c) => {
        const f = c.first;
        return [
          c.label,
          c.lang,
          String(f.runs),
          ms1(f.importMs.median),
          ms1(f.fontsMs.median),
          ms1(f.importFontsMs.median),
          ms1(f.drawMs.median),
          ms1(f.totalMs.median),
          ms1(f.totalMs.max),
          f.runs > 0 ? `${((1000 * f.totalMs.median) / c.warm.median).toFixed(2)}×` : '-',
        ];
      }),
      2,
    ),
  );
  for (const c of p.cases)
    for (const e of c.first.errors) out.push(`   first render ${c.label} (${c.lang}): ${e.slice(0, 200)}`);
  const k = p.console;
  const [bare, text, pic] = k.rows;
  out.push(
    '',
    '   one-shot console: spawn to exit, median of N runs after one untimed run; the rows run interleaved (round',
    `   after round), started as npm run ask starts it, from ${from}.`,
    `   ${existsSync(TIME_BIN) ? 'Timed runs go through /usr/bin/time -f %M, which gives the peak RSS.' : 'Peak RSS n/a (no /usr/bin/time).'}`,
    '   /timeline draws the whole-table timeline and writes its PNG (checked: a PNG is there after every run).',
    `   ${loadLine(p.load.console)}`,
    '',
  );
  out.push(
    table(
      ['process', 'runs', 'median ms', 'min ms', 'max ms', 'vs node -e 0', 'peak RSS MB', 'ok'],
      k.rows.map((x, i) => [
        x.label,
        String(x.runs),
        ms1(x.medianMs),
        ms1(x.minMs),
        ms1(x.maxMs),
        i === 0
          ? '1.00×'
          : x.ok && bare?.ok && x.medianMs !== null && bare.medianMs
            ? `${(x.medianMs / bare.medianMs).toFixed(2)}×`
            : 'n/a',
        ms1(x.peakRssMb),
        x.ok ? 'yes' : `NO${x.note ? `: ${x.note}` : ''}`,
      ]),
      1,
    ),
  );
  for (const x of k.rows) out.push(`   ${x.label}: ${x.command}`);
  if (typeof text?.medianMs === 'number' && typeof pic?.medianMs === 'number')
    out.push(
      `   a picture adds ${(pic.medianMs - text.medianMs).toFixed(1)} ms to a one-shot answer (/timeline − /org ICLEI, medians).`,
    );
  const c = k.check;
  out.push(
    `   text one-shot loads the renderer or @napi-rs/canvas: ${c.textLoadsCanvas ? `YES (${c.textCanvasHits.join(', ')})` : 'no'} (${c.textTraced} modules and addons traced);`,
    `   the /timeline one-shot under the same check: ${c.pictureLoadsCanvas ? 'loads them' : 'NOT SEEN (the check is blind)'} (resolve hook ${c.pictureSeenBy.esm}, CommonJS cache ${c.pictureSeenBy.cjs}, mapped addon ${c.pictureSeenBy.mapped}).`,
    ...wrap(`how: ${c.method}.`, 112).map((l) => `   ${l}`),
    `   text answer free of the canvas: ${c.textNoCanvas ? 'yes' : 'NO'}.`,
  );
}

function printSizes(out: string[], r: SizesReport): void {
  out.push(
    '',
    `7. SIZES — the real records + N synthetic organizations (seed ${r.seed}, tagged), built as createServices builds them`,
    '   build: the name index (constructor); first description query: the same query before the description index',
    '   exists (it builds it: what prepare() does at start-up in the long-running doors) and then again.',
    '',
    table(
      ['synthetic', 'records', 'build ms', 'heap MB', 'first description query ms', 'again µs', 'RSS MB'],
      r.sizes.map((z) => [
        z.synthetic.toLocaleString('en-US'),
        z.records.toLocaleString('en-US'),
        z.build.ms.toFixed(0),
        ms1(z.build.heapMb),
        `${z.firstContent.ms.toFixed(0)} (${z.firstContent.tier})`,
        us(z.firstContent.againUs),
        z.rssMb.toFixed(0),
      ]),
    ),
  );
  for (const z of r.sizes) {
    out.push(
      '',
      `   ${z.synthetic.toLocaleString('en-US')} synthetic: ${z.queries.exact} names for the exact rows, ${z.queries.org} /org queries, ` +
        `${z.queries.autocomplete} prefixes, ${z.queries.ask} /ask questions; exact hit ${z.exactVsMap.median.toFixed(2)}× the Map (median)`,
      timingTable([z.mapBaseline, z.exact, ...z.rows]),
    );
  }
  out.push(`   ${loadLine(r.load)}`);
}
