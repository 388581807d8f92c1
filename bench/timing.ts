/**
 * What the sections share: per-call timing (timeEach, with consume() so no result is optimized away),
 * timing rows (median / p99 / p99 of each request's best pass), forced-GC helpers, the load average,
 * progress lines on stderr and a short tail of a child's stderr for notes.
 */
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { summarize, type Summary } from './stats.js';

let progressOutput: NodeJS.WritableStream | undefined = process.stderr;

/** Where the progress lines go: stderr, or nowhere (the bench's smoke tests, whose runs should be quiet). */
export function setProgressOutput(stream: NodeJS.WritableStream | undefined): void {
  progressOutput = stream;
}

export function progress(message: string): void {
  progressOutput?.write(`[bench] ${message}\n`);
}

export function load(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

export function lastLines(text: string): string {
  return text.trim().split('\n').slice(-2).join(' ').slice(0, 160);
}

// ─── Timing ────────────────────────────────────────────────────────────────────────────────────

/** Read once by main() at the end, so the sum is observable and the calls feeding it stay live. */
export let sink = 0;
/** Feeds a result into a global so the call cannot be optimized away. */
function consume(value: unknown): void {
  if (Array.isArray(value)) sink += value.length;
  else if (value && typeof value === 'object') sink += Object.keys(value).length;
  else sink += 1;
}

export interface TimeOptions {
  /** Untimed passes over all items first (JIT, caches). */
  warmup: number;
  /** Timed passes; sample i belongs to items[i % items.length]. */
  passes: number;
  /** Instead of whole warm-up passes: one untimed pass over only this many items (for very slow baselines). */
  warmupItems?: number;
}

export interface Samples {
  /** µs per call, pass after pass: times[i] belongs to items[i % items]. */
  times: number[];
  items: number;
}

/** Per-call wall time in µs, measured with process.hrtime.bigint around each call. */
export function timeEach<T>(items: readonly T[], fn: (item: T) => unknown, o: TimeOptions): Samples {
  for (let w = 0; w < o.warmup; w++) for (const item of items) consume(fn(item));
  if (o.warmupItems) for (const item of items.slice(0, o.warmupItems)) consume(fn(item));
  // Start the clock on a collected heap: garbage left by building this section's inputs (or the previous
  // section) is not then collected on this section's time. What the timed calls allocate still is.
  settle();
  const times: number[] = [];
  for (let p = 0; p < o.passes; p++) {
    for (const item of items) {
      const t0 = process.hrtime.bigint();
      const r = fn(item);
      const t1 = process.hrtime.bigint();
      consume(r);
      times.push(Number(t1 - t0) / 1_000);
    }
  }
  return { times, items: items.length };
}

export function msSince(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export interface TimingRow extends Summary {
  label: string;
  what: string;
  /**
   * p99 over each request's best time across the timed passes (only with ≥ 2 passes): what the code
   * costs when the scheduler and the GC leave it alone. The plain p99 above is the honest one.
   */
  p99Best?: number;
  /** Requests whose outcome was not 'ok' (a handler error would make the time meaningless). */
  errors?: number;
}

export function row(label: string, what: string, s: Samples, errors?: number): TimingRow {
  const passes = s.times.length / (s.items || 1);
  let p99Best: number | undefined;
  if (passes >= 2) {
    const best = Array.from({ length: s.items }, () => Number.POSITIVE_INFINITY);
    s.times.forEach((t, i) => (best[i % s.items] = Math.min(best[i % s.items]!, t)));
    p99Best = summarize(best).p99;
  }
  return {
    label,
    what,
    ...summarize(s.times),
    ...(p99Best === undefined ? {} : { p99Best }),
    ...(errors === undefined ? {} : { errors }),
  };
}

// ─── Forced GC ─────────────────────────────────────────────────────────────────────────────────
// Here, not in scale.ts, because timeEach settles the heap before every timed pass, in every section.

type GC = () => void;
function exposeGc(): GC | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as GC) : undefined;
  } catch {
    return undefined;
  }
}
/** Exposed on first use only (timeEach, the scale section), so importing this module changes no V8 flag. */
let gcCache: GC | undefined | null = null;
export function getGc(): GC | undefined {
  if (gcCache === null) gcCache = exposeGc();
  return gcCache;
}

export function settle(): void {
  const gc = getGc();
  if (gc) {
    gc();
    gc();
  }
}

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
