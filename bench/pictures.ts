/**
 * Section 6, pictures: what drawing a PNG (src/drawing/render.ts, @napi-rs/canvas) costs, for each picture
 * kind in both languages, next to what the same answer costs as text, measured in this run:
 *   - text handler: runCommand / runComponent for the request that shows the picture (it builds the message
 *     and the picture request and draws nothing): the baseline every other row is read against;
 *   - first render: a fresh child process per sample (this file with a hidden flag) that imports the renderer
 *     and @napi-rs/canvas, registers the fonts and draws one picture, with the time split into import, fonts
 *     and draw + encode; the renderer comes from the tree bin/run.mjs would start (dist/ when its build is
 *     current, else the sources through tsx), so it is what a bot's first picture pays;
 *   - warm render: renderPicture called directly in this process, no cache;
 *   - cached: renderPng (src/app/pictures.ts) on a cache hit: what a repeated request costs;
 *   - the one-shot console (`node bin/run.mjs ask`, as `npm run ask` starts it) on a text command next to the
 *     one-shot `/timeline` (which draws and writes a PNG) and `node -e 0`, and a check that the text run loads
 *     no part of the renderer (see consoleCheck below for how).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCommand, runComponent } from '../src/app/dispatch.js';
import { clearPictureCache, pictureKey, renderPng } from '../src/app/pictures.js';
import type { Services } from '../src/app/services.js';
import type * as ServicesTypes from '../src/app/services.js';
import type * as ContextTypes from '../src/answers/context.js';
import type * as FontsTypes from '../src/drawing/fonts.js';
import type * as RenderTypes from '../src/drawing/render.js';
import { withLang, type Ctx } from '../src/answers/context.js';
import * as answerPictures from '../src/answers/pictures.js';
import { PROJECT_ROOT } from '../src/kernel/paths.js';
import type { CommandRequest, ComponentRequest, Lang, PictureRequest } from '../src/kernel/types.js';
import { median, percentileSorted, summarize } from './stats.js';
import { TIME_BIN } from './startup.js';
import { lastLines, load, msSince, progress, settle, timeEach } from './timing.js';
import type { LatencyRow } from './understanding.js';

// ─── The pictures ──────────────────────────────────────────────────────────────────────────────

export const PICTURE_KINDS = ['timeline', 'timeline-type', 'map', 'map-focus'] as const;
export type PictureKind = (typeof PICTURE_KINDS)[number];
const LANGS: readonly Lang[] = ['zh-TW', 'en'];
/** The one type of the "one type" timeline, and the focus place of the focused map. */
const TYPE = 'thematic';
const FOCUS = 'taipei-city';

export const KIND_LABELS: Record<PictureKind, string> = {
  timeline: 'timeline, all rows',
  'timeline-type': `timeline, ${TYPE} only`,
  map: 'Taiwan map',
  'map-focus': `Taiwan map, focus ${FOCUS}`,
};

type AnswersModule = typeof answerPictures;

/** The picture request of a kind, from the answer builders of src/answers/pictures.ts (of either tree). */
function requestFor(answers: AnswersModule, ctx: Ctx, kind: PictureKind): PictureRequest {
  const a =
    kind === 'timeline'
      ? answers.timelineAnswer(ctx)
      : kind === 'timeline-type'
        ? answers.timelineAnswer(ctx, answers.rowsOfType(ctx, TYPE))
        : answers.taiwanMapAnswer(ctx, kind === 'map-focus' ? FOCUS : undefined);
  if (!answers.isPictureAnswer(a)) throw new Error(`${kind} (${ctx.lang}): the answer shows no picture`);
  if (kind === 'map-focus' && (a.picture.spec.kind !== 'taiwan-map' || a.picture.spec.focus !== FOCUS))
    throw new Error(`${kind}: the place ${FOCUS} is not in the dataset`);
  return a.picture;
}

const USER = { id: 'bench' };

/**
 * The text handler that answers with this picture, as a door calls it: /timeline, /timeline type:…, /taiwan
 * (the overview, whose picture is the map) and a click on a place's "Participation map" button.
 */
function textHandler(services: Services, kind: PictureKind, lang: Lang): { what: string; run: () => Outcome } {
  const locale = lang === 'en' ? 'en-US' : 'zh-TW';
  const command = (req: Omit<CommandRequest, 'user' | 'locale'>, what: string) => {
    const full: CommandRequest = { ...req, locale, user: USER };
    return { what, run: () => runCommand(services, full) };
  };
  if (kind === 'timeline') return command({ command: 'timeline', options: {} }, 'runCommand /timeline');
  if (kind === 'timeline-type')
    return command({ command: 'timeline', options: { type: TYPE } }, `runCommand /timeline type:${TYPE}`);
  if (kind === 'map') return command({ command: 'taiwan', options: {} }, 'runCommand /taiwan');
  const button = answerPictures.mapButton(withLang(services, lang), FOCUS);
  const req: ComponentRequest = { customId: 'custom_id' in button ? button.custom_id : '', locale, user: USER };
  return { what: 'runComponent map button', run: () => runComponent(services, req) };
}

interface Outcome {
  outcome: string;
  picture?: PictureRequest | undefined;
}

// ─── Detecting the canvas ──────────────────────────────────────────────────────────────────────

/** What loading the renderer leaves behind: its own modules, @napi-rs/canvas's JS and its Skia addon. */
export const CANVAS_MODULE = /@napi-rs[\\/]canvas|[\\/]src[\\/]drawing[\\/]/;

/** Native addons mapped into this process (Linux: /proc/self/maps; elsewhere none are seen). */
function mappedAddons(): string[] {
  try {
    const paths = readFileSync('/proc/self/maps', 'utf8')
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[5] ?? '')
      .filter((p) => p.endsWith('.node'));
    return [...new Set(paths)];
  } catch {
    return [];
  }
}

/** Whether this process has loaded any of @napi-rs/canvas: its CommonJS modules or its native addon. */
function canvasLoadedHere(): boolean {
  const cjs = Object.keys(createRequire(import.meta.url).cache);
  return [...cjs, ...mappedAddons()].some((m) => CANVAS_MODULE.test(m));
}

/**
 * The preload for the console check. Two independent records, both written to $MODULE_TRACE:
 *  - "esm URL": every module URL the process resolves, from a resolve hook registered with module.register
 *    (the way tests/layers.test.ts traces the console): src/drawing/*.ts and the ESM import of
 *    @napi-rs/canvas show up here, from the sources (tsx) or dist/ alike;
 *  - at exit, "cjs PATH" for every entry of the CommonJS cache (@napi-rs/canvas is CommonJS: its index.js,
 *    js-binding.js and the .node addon land there however they were reached) and "mapped PATH" for every
 *    native addon mapped into the process (/proc/self/maps): the Skia binary cannot be in use without it.
 * So a load through import, require or a direct dlopen is seen; and the same preload on the /timeline run
 * must see the canvas (the control), or the check is reported as not holding.
 */
function writePreload(dir: string): string {
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.MODULE_TRACE, 'esm ' + result.url + '\\n');
  return result;
}
`,
  );
  const preload = join(dir, 'preload.mjs');
  writeFileSync(
    preload,
    `import { appendFileSync, readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
register(${JSON.stringify(pathToFileURL(hooks).href)});
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const lines = new Set(Object.keys(cache).map((k) => 'cjs ' + k));
  try {
    for (const l of readFileSync('/proc/self/maps', 'utf8').split('\\n')) {
      const p = l.trim().split(/\\s+/)[5];
      if (p && p.endsWith('.node')) lines.add('mapped ' + p);
    }
  } catch {}
  appendFileSync(process.env.MODULE_TRACE, [...lines].join('\\n') + '\\n');
});
`,
  );
  return preload;
}

// ─── Report shape ──────────────────────────────────────────────────────────────────────────────

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** One fresh child process: ms from before the renderer's import to after each step. */
export interface FirstSample {
  importMs: number;
  fontsMs: number;
  drawMs: number;
  totalMs: number;
  pngBytes: number;
}

export interface FirstRender {
  runs: number;
  /** import of src/drawing/render.js and @napi-rs/canvas (its native addon included). */
  importMs: Spread;
  /** registerFonts: the four Noto Sans CJK files. */
  fontsMs: Spread;
  /** importMs + fontsMs of each run. */
  importFontsMs: Spread;
  /** renderPicture: measure, draw, encode the PNG. */
  drawMs: Spread;
  totalMs: Spread;
  samples: FirstSample[];
  errors: string[];
}

export interface PictureCase {
  kind: PictureKind;
  label: string;
  lang: Lang;
  name: string;
  width: number;
  height: number;
  pngBytes: number;
  /** First eight bytes of the PNG, hex (a PNG's signature is 89504e470d0a1a0a). */
  pngSignature: string;
  /** µs. The handler's picture request is the one drawn here (same cache key), or errors counts it. */
  text: LatencyRow;
  /** µs per renderPicture call. */
  warm: LatencyRow;
  /** µs per renderPng cache hit. */
  cached: LatencyRow;
  first: FirstRender;
}

export interface ConsoleRow {
  label: string;
  command: string;
  runs: number;
  medianMs: number | null;
  minMs: number | null;
  maxMs: number | null;
  peakRssMb: number | null;
  ok: boolean;
  note?: string;
}

export interface ConsoleCheck {
  /** The text one-shot loaded some of the renderer or @napi-rs/canvas. */
  textLoadsCanvas: boolean;
  /** The /timeline one-shot, under the same check, did (the control: the check can see a load). */
  pictureLoadsCanvas: boolean;
  /** The verdict: the control saw the canvas, the text run did not (and its trace saw the bot's modules). */
  textNoCanvas: boolean;
  /** Modules and addons the trace recorded for the text run / the picture run, and the canvas ones among them. */
  textTraced: number;
  pictureTraced: number;
  textCanvasHits: string[];
  /** Canvas or renderer entries in the /timeline run's trace, by record (each one alone sees the load). */
  pictureSeenBy: { esm: number; cjs: number; mapped: number };
  method: string;
}

export interface PicturesReport {
  /** Where the first-render children and the console load the renderer from (bin/run.mjs's choice). */
  from: 'dist' | 'src';
  warmup: number;
  warmRuns: number;
  cachedRuns: number;
  textRuns: number;
  firstRuns: number;
  cases: PictureCase[];
  console: { rows: ConsoleRow[]; check: ConsoleCheck; ratioText: number | null; ratioPicture: number | null };
  load: {
    inProcess: { start: number; end: number };
    first: { start: number; end: number };
    console: { start: number; end: number };
  };
}

export interface PicturesOptions {
  /** Untimed renderPicture calls per picture before the timed ones. */
  warmup?: number;
  /** Timed renderPicture calls per picture. */
  warm?: number;
  /** Timed cache hits per picture. */
  cached?: number;
  /** Timed text-handler calls per picture. */
  text?: number;
  /** Fresh child processes per picture (first render). */
  firstRuns?: number;
  /** Timed runs of each console row (0: only the untimed, checked runs). */
  consoleRuns?: number;
  kinds?: readonly PictureKind[];
  langs?: readonly Lang[];
}

// ─── Helpers ───────────────────────────────────────────────────────────────────────────────────

function latency(label: string, what: string, times: readonly number[], errors?: number): LatencyRow {
  const s = summarize(times);
  const sorted = [...times].sort((a, b) => a - b);
  return { label, what, ...s, p90: percentileSorted(sorted, 90), ...(errors === undefined ? {} : { errors }) };
}

function spread(values: readonly number[]): Spread {
  return values.length === 0
    ? { median: Number.NaN, min: Number.NaN, max: Number.NaN }
    : { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Per-call wall time in µs of an async call (the await included), after untimed warm-up calls. */
async function timeAsync(fn: () => Promise<unknown>, warmup: number, runs: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  settle();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1_000);
  }
  return times;
}

const PNG_SIGNATURE = '89504e470d0a1a0a';
const hexHead = (b: Uint8Array) => Buffer.from(b.subarray(0, 8)).toString('hex');

/** Whether dist/ holds a build of the current sources: then bin/run.mjs starts compiled JS. */
async function distIsCurrent(): Promise<boolean> {
  const freshness = (await import(pathToFileURL(join(PROJECT_ROOT, 'bin/freshness.mjs')).href)) as {
    buildIsCurrent: (root: string) => boolean;
  };
  return freshness.buildIsCurrent(PROJECT_ROOT);
}

/** This process's --v8-pool-size, passed on to the children (npm run bench, ask and start all set it to 1). */
const poolFlags = () => process.execArgv.filter((a) => a.startsWith('--v8-pool-size'));

// ─── First render: a fresh child process ───────────────────────────────────────────────────────

const CHILD_FLAG = '--first-render-child';

/** The child: load services and the request (untimed), then time import, fonts and one render. */
async function firstRenderChild(kind: PictureKind, lang: Lang, from: 'dist' | 'src'): Promise<void> {
  const base = from === 'dist' ? join(PROJECT_ROOT, 'dist') : PROJECT_ROOT;
  const url = (p: string) => pathToFileURL(join(base, p)).href;
  // Everything from the same tree, the answers included (a bot has them loaded before its first picture).
  const { createServices } = (await import(url('src/app/services.js'))) as typeof ServicesTypes;
  const context = (await import(url('src/answers/context.js'))) as typeof ContextTypes;
  const answers = (await import(url('src/answers/pictures.js'))) as AnswersModule;
  const ctx = context.withLang(await createServices(), lang);
  const picture = requestFor(answers, ctx, kind);
  if (canvasLoadedHere()) throw new Error('@napi-rs/canvas was loaded before the timed import');
  const t0 = process.hrtime.bigint();
  const render = (await import(url('src/drawing/render.js'))) as typeof RenderTypes;
  const canvas = await import('@napi-rs/canvas');
  const importMs = msSince(t0);
  const t1 = process.hrtime.bigint();
  // The same module instance render.js imported (same URL), so renderPicture's own call below is a no-op.
  const fonts = (await import(url('src/drawing/fonts.js'))) as typeof FontsTypes;
  fonts.registerFonts(canvas.GlobalFonts);
  const fontsMs = msSince(t1);
  const t2 = process.hrtime.bigint();
  const r = await render.renderPicture(ctx, picture);
  const drawMs = msSince(t2);
  const sample: FirstSample = { importMs, fontsMs, drawMs, totalMs: msSince(t0), pngBytes: r.png.byteLength };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

function spawnFirst(kind: PictureKind, lang: Lang, from: 'dist' | 'src'): FirstSample | string {
  const file = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [...poolFlags(), '--import', 'tsx', file, CHILD_FLAG, kind, lang, from], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  if (r.status !== 0) return `child exited ${r.status}: ${lastLines(r.stderr)}`;
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as FirstSample;
  } catch {
    return `child printed no sample: ${lastLines(r.stdout + r.stderr)}`;
  }
}

// ─── The one-shot console ──────────────────────────────────────────────────────────────────────

interface ConsoleSpec {
  label: string;
  args: string[];
  /** A PNG this command must write (and which is removed before each run), or none it may write. */
  png?: string;
  outDir?: string;
}

interface RunResult {
  ms: number;
  rssMb: number | undefined;
  problem: string | undefined;
}

/** What is wrong with a finished console run, if anything: its exit, and the PNG it must (or must not) write. */
function problemOf(spec: ConsoleSpec, status: number | null, stderr: string): string | undefined {
  if (status !== 0) return `exit ${status}: ${lastLines(stderr)}`;
  if (spec.png) {
    const head = existsSync(spec.png) ? hexHead(readFileSync(spec.png)) : '';
    return head === PNG_SIGNATURE ? undefined : `no PNG written at ${spec.png}`;
  }
  if (spec.outDir && existsSync(spec.outDir) && readdirSync(spec.outDir).length > 0)
    return 'a text answer wrote a file';
  return undefined;
}

/** A timed run: spawn to exit, through GNU time -f %M (the peak RSS) when present, as section 4's runs are. */
function runConsole(spec: ConsoleSpec): RunResult {
  const env = { ...process.env, NO_COLOR: '1' };
  const wrap = existsSync(TIME_BIN);
  if (spec.png) rmSync(spec.png, { force: true });
  const t0 = process.hrtime.bigint();
  const r = wrap
    ? spawnSync(TIME_BIN, ['-f', '%M', process.execPath, ...spec.args], { cwd: PROJECT_ROOT, env, encoding: 'utf8' })
    : spawnSync(process.execPath, spec.args, { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
  const ms = msSince(t0);
  const kb = wrap ? Number(r.stderr.trim().split('\n').pop()) : Number.NaN;
  return {
    ms,
    rssMb: Number.isFinite(kb) && kb > 0 ? kb / 1024 : undefined,
    problem: problemOf(spec, r.status, r.stderr),
  };
}

/** The untimed, checked run: the same command with the module-tracing preload; its problem, if any. */
function checkedRun(spec: ConsoleSpec, preload: string, trace: string): Promise<string | undefined> {
  writeFileSync(trace, '');
  if (spec.png) rmSync(spec.png, { force: true });
  const child = spawn(process.execPath, ['--import', pathToFileURL(preload).href, ...spec.args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NO_COLOR: '1', MODULE_TRACE: trace },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => {
    child.on('error', (err) => resolve(`could not start: ${err.message}`));
    child.on('close', (status) => resolve(problemOf(spec, status, stderr)));
  });
}

function traced(trace: string): string[] {
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

async function consoleSection(
  runs: number,
): Promise<{ rows: ConsoleRow[]; check: ConsoleCheck; load: { start: number; end: number } }> {
  const loadStart = load();
  const dir = mkdtempSync(join(tmpdir(), 'bench-pictures-'));
  try {
    const preload = writePreload(dir);
    const textOut = join(dir, 'text-out');
    const picOut = join(dir, 'png-out');
    // As `npm run ask` starts it (package.json): node --v8-pool-size=1 bin/run.mjs ask …
    const ask = (...rest: string[]) => ['--v8-pool-size=1', 'bin/run.mjs', 'ask', ...rest];
    const specs: ConsoleSpec[] = [
      { label: 'node -e 0 (baseline)', args: ['-e', '0'] },
      { label: 'ask /org ICLEI (text)', args: ask('--out', textOut, '--', '/org ICLEI'), outDir: textOut },
      {
        label: 'ask /timeline (draws, writes the PNG)',
        args: ask('--out', picOut, '--', '/timeline'),
        png: join(picOut, 'timeline-tl-zh-TW.png'),
      },
    ];
    // One untimed run of each console command first (file cache), with the module trace: that run is the
    // check. The two run side by side (nothing of them is timed) to keep the section short.
    const traces = [join(dir, 'text.trace'), join(dir, 'picture.trace')];
    const notes: string[][] = specs.map(() => []);
    progress('pictures: console, the untimed checked runs (text and /timeline, module trace)');
    const checked = await Promise.all(specs.slice(1).map((spec, i) => checkedRun(spec, preload, traces[i]!)));
    checked.forEach((problem, i) => problem && notes[i + 1]!.push(`untimed checked run: ${problem}`));
    const textTrace = traced(traces[0]!);
    const pictureTrace = traced(traces[1]!);
    const textHits = textTrace.filter((m) => CANVAS_MODULE.test(m));
    const pictureHits = pictureTrace.filter((m) => CANVAS_MODULE.test(m));
    // The trace really saw the bot answer (its own modules), so an empty list cannot pass for a clean one.
    const sawBot = textTrace.some((m) => /[\\/](answers|commands)[\\/]/.test(m));
    const check: ConsoleCheck = {
      textLoadsCanvas: textHits.length > 0,
      pictureLoadsCanvas: pictureHits.length > 0,
      textNoCanvas: sawBot && textHits.length === 0 && pictureHits.length > 0,
      textTraced: textTrace.length,
      pictureTraced: pictureTrace.length,
      textCanvasHits: textHits.slice(0, 10),
      pictureSeenBy: {
        esm: pictureHits.filter((m) => m.startsWith('esm ')).length,
        cjs: pictureHits.filter((m) => m.startsWith('cjs ')).length,
        mapped: pictureHits.filter((m) => m.startsWith('mapped ')).length,
      },
      method:
        'an untimed run of each command with a preload (node --import): an ESM resolve hook records every ' +
        'module URL, and at exit the CommonJS cache and the native addons mapped into the process (/proc/self/maps) ' +
        'are added; matched against @napi-rs/canvas and src/drawing/',
    };
    // Timed runs, interleaved (row after row, round after round) so that a change of load hits every row.
    const times: number[][] = specs.map(() => []);
    const rss: number[][] = specs.map(() => []);
    if (runs > 0) progress(`pictures: console, ${specs.length} rows × ${runs} timed runs, interleaved`);
    for (let k = 0; k < runs; k++)
      for (const [i, spec] of specs.entries()) {
        const r = runConsole(spec);
        times[i]!.push(r.ms);
        if (r.rssMb !== undefined) rss[i]!.push(r.rssMb);
        if (r.problem) notes[i]!.push(r.problem);
      }
    const rows = specs.map((spec, i): ConsoleRow => {
      const t = times[i]!;
      const note = [...new Set(notes[i])].join('; ');
      return {
        label: spec.label,
        command: ['node', ...spec.args].join(' ').replace(dir, '$TMP'),
        runs,
        medianMs: t.length > 0 ? median(t) : null,
        minMs: t.length > 0 ? Math.min(...t) : null,
        maxMs: t.length > 0 ? Math.max(...t) : null,
        peakRssMb: rss[i]!.length > 0 ? median(rss[i]!) : null,
        ok: notes[i]!.length === 0,
        ...(note ? { note } : {}),
      };
    });
    return { rows, check, load: { start: loadStart, end: load() } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ─── The section ───────────────────────────────────────────────────────────────────────────────

export async function pictures(services: Services, options: PicturesOptions = {}): Promise<PicturesReport> {
  const warmup = options.warmup ?? 2;
  const warmRuns = options.warm ?? 30;
  const cachedRuns = options.cached ?? 200;
  const textRuns = options.text ?? 200;
  const firstRuns = options.firstRuns ?? 5;
  const consoleRuns = options.consoleRuns ?? 7;
  const kinds = options.kinds ?? PICTURE_KINDS;
  const langs = options.langs ?? LANGS;
  const from = (await distIsCurrent()) ? 'dist' : 'src';
  const cases = kinds.flatMap((kind) =>
    langs.map((lang) => ({ kind, lang, picture: requestFor(answerPictures, withLang(services, lang), kind) })),
  );

  const inStart = load();
  // Text first: nothing of the renderer is loaded in this process yet.
  const text = cases.map(({ kind, lang, picture }) => {
    const h = textHandler(services, kind, lang);
    progress(`pictures: text handler ${h.what} (${lang}) ×${textRuns}`);
    // The handler's picture is the one drawn below (same cache key): checked once, outside the timing.
    const first = h.run();
    const right =
      first.outcome === 'ok' && first.picture && pictureKey(services, first.picture) === pictureKey(services, picture);
    const s = timeEach([0], () => h.run(), { warmup: Math.min(50, textRuns), passes: textRuns });
    return latency(KIND_LABELS[kind], h.what, s.times, right ? 0 : s.times.length);
  });
  // Imported here, not at the top, so that a bench run without this section never loads the canvas.
  const render = await import('../src/drawing/render.js');
  const warm: { row: LatencyRow; rendered: RenderTypes.Rendered }[] = [];
  for (const { kind, lang, picture } of cases) {
    progress(`pictures: renderPicture ${KIND_LABELS[kind]} (${lang}), ${warmup} warm-up + ${warmRuns}`);
    const ctx = withLang(services, lang);
    let last: RenderTypes.Rendered | undefined;
    const times = await timeAsync(
      async () => {
        last = await render.renderPicture(ctx, picture);
      },
      warmup,
      Math.max(1, warmRuns),
    );
    warm.push({ row: latency(KIND_LABELS[kind], 'renderPicture', times), rendered: last! });
  }
  clearPictureCache();
  const cached: LatencyRow[] = [];
  for (const { kind, lang, picture } of cases) {
    progress(`pictures: renderPng cache hit ${KIND_LABELS[kind]} (${lang}) ×${cachedRuns}`);
    await renderPng(services, picture); // the miss: drawn once, then every call below is a hit
    const times = await timeAsync(() => renderPng(services, picture), Math.min(20, cachedRuns), cachedRuns);
    cached.push(latency(KIND_LABELS[kind], 'renderPng, cache hit', times));
  }
  clearPictureCache();
  const inEnd = load();

  const firstStart = load();
  const samples: FirstSample[][] = cases.map(() => []);
  const errors: string[][] = cases.map(() => []);
  // Round after round over every picture, so that a change of load spreads over all of them.
  for (let k = 0; k < firstRuns; k++) {
    progress(`pictures: first render, fresh process per picture, round ${k + 1}/${firstRuns} (renderer from ${from})`);
    for (const [i, { kind, lang }] of cases.entries()) {
      const r = spawnFirst(kind, lang, from);
      if (typeof r === 'string') errors[i]!.push(r);
      else samples[i]!.push(r);
    }
  }
  const firstEnd = load();

  const cons = await consoleSection(consoleRuns);
  const base = cons.rows[0];
  const ratio = (r: ConsoleRow | undefined) =>
    r?.ok && base?.ok && r.medianMs !== null && base.medianMs !== null ? r.medianMs / base.medianMs : null;

  return {
    from,
    warmup,
    warmRuns,
    cachedRuns,
    textRuns,
    firstRuns,
    cases: cases.map(({ kind, lang, picture }, i): PictureCase => {
      const w = warm[i]!;
      const s = samples[i]!;
      const errs = [...errors[i]!];
      for (const x of s)
        if (x.pngBytes !== w.rendered.png.byteLength)
          errs.push(`child drew ${x.pngBytes} bytes, this process ${w.rendered.png.byteLength}`);
      return {
        kind,
        label: KIND_LABELS[kind],
        lang,
        name: picture.name,
        width: w.rendered.width,
        height: w.rendered.height,
        pngBytes: w.rendered.png.byteLength,
        pngSignature: hexHead(w.rendered.png),
        text: text[i]!,
        warm: w.row,
        cached: cached[i]!,
        first: {
          runs: s.length,
          importMs: spread(s.map((x) => x.importMs)),
          fontsMs: spread(s.map((x) => x.fontsMs)),
          importFontsMs: spread(s.map((x) => x.importMs + x.fontsMs)),
          drawMs: spread(s.map((x) => x.drawMs)),
          totalMs: spread(s.map((x) => x.totalMs)),
          samples: s,
          errors: [...new Set(errs)],
        },
      };
    }),
    console: { rows: cons.rows, check: cons.check, ratioText: ratio(cons.rows[1]), ratioPicture: ratio(cons.rows[2]) },
    load: {
      inProcess: { start: inStart, end: inEnd },
      first: { start: firstStart, end: firstEnd },
      console: cons.load,
    },
  };
}

// The hidden child mode: `node --import tsx bench/pictures.ts --first-render-child KIND LANG dist|src`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [flag, kind, lang, from] = process.argv.slice(2);
  const ok =
    flag === CHILD_FLAG &&
    PICTURE_KINDS.some((k) => k === kind) &&
    LANGS.some((l) => l === lang) &&
    (from === 'dist' || from === 'src');
  if (!ok) {
    process.stderr.write(`usage: node --import tsx bench/pictures.ts ${CHILD_FLAG} KIND zh-TW|en dist|src\n`);
    process.exitCode = 2;
  } else
    firstRenderChild(kind as PictureKind, lang as Lang, from as 'dist' | 'src').catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    });
}
