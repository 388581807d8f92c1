/**
 * `npm run bench [-- --json] [--seed N] [--only quality,speed,scale,startup,understanding,pictures,sizes] [--sizes 1000,10000,100000]`
 *
 * How good and how fast the project's search is, next to the obvious alternatives, measured in one run
 * on this machine. Every number printed is measured in this run; nothing is carried over.
 *   1. Quality: top-1 / top-3 on the labelled query set (tests/fixtures/queries.ts), by kind of query,
 *      for the project's engine and the baselines, on the same records.
 *   2. Speed per request on the real dataset: the full handler path (runCommand / runAutocomplete: parse
 *      options → search → render the payload) next to raw baseline search time.
 *   3. Scale: 10,000 synthetic organizations (bench/synthetic.ts, seeded) merged with the real records:
 *      build time, memory, per-request times, vs Fuse defaults on the same records.
 *   4. Start-up: process start to answer for the one-shot console, HTTP door start to ready, vs `node -e 0`.
 *   5. Question understanding (/ask): accuracy per question shape on the labelled question set, handler
 *      speed on the real dataset, and filter / count questions over 10,000 synthetic organizations, for
 *      the current reader next to the previous router (bench/previous-router.ts).
 *   6. Pictures: each picture kind in both languages: first render in a fresh process (import + fonts, draw +
 *      encode), warm renders, cache hits and PNG sizes, next to the text handler of the same answer; the
 *      one-shot console on a text command vs /timeline vs `node -e 0`, and a check that a text answer
 *      loads no @napi-rs/canvas.
 *   7. Sizes: 1k, 10k and 100k synthetic organizations (--sizes): index build, the first description query,
 *      exact hits next to a plain Map, and the /org, autocomplete and /ask handlers (bench/sizes.ts).
 * With --json, stdout carries exactly one JSON object; progress goes to stderr either way.
 *
 * This file is only the command line; each section lives in its own file: bench/quality.ts,
 * bench/handlers.ts (speed), bench/scale.ts, bench/startup.ts, bench/understanding.ts, bench/pictures.ts, bench/sizes.ts,
 * with shared timing helpers in bench/timing.ts and the tables, targets and JSON shape in bench/report.ts.
 */
import { pathToFileURL } from 'node:url';
import { createServices } from '../src/app/services.js';
import { speed, speedWithDefaultPool } from './handlers.js';
import { pictures } from './pictures.js';
import { quality } from './quality.js';
import { machine, printText, v8PoolSize, verdicts, type Report } from './report.js';
import { scale } from './scale.js';
import { startup } from './startup.js';
import { sizes, sizesFlag } from './sizes.js';
import { seedFlag } from './synthetic.js';
import { msSince, progress, sink } from './timing.js';
import { understanding } from './understanding.js';

export async function main(argv: readonly string[]): Promise<number> {
  const jsonMode = argv.includes('--json');
  const seed = seedFlag(argv);
  const onlyArg =
    argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? argv[argv.indexOf('--only') + 1];
  const only = argv.some((a) => a.startsWith('--only')) && onlyArg ? new Set(onlyArg.split(',')) : undefined;
  const want = (s: string) => !only || only.has(s);
  const t0 = process.hrtime.bigint();
  progress('loading the dataset and locales');
  const services = await createServices();
  const partial: Omit<Report, 'targets' | 'totalSeconds'> = { machine: machine(), seed };
  if (want('quality')) {
    progress('quality');
    partial.quality = quality(services.data, services.search);
  }
  if (want('speed')) {
    partial.speed = speed(services);
    if (!argv.includes('--no-pool-baseline') && v8PoolSize() !== 4) {
      progress("speed: the same handler rows with V8's default worker pool (child process)");
      partial.speed.defaultPool = speedWithDefaultPool();
    }
  }
  if (want('scale')) partial.scale = scale(services, seed);
  if (want('startup')) partial.startup = await startup(7);
  if (want('understanding')) partial.understanding = await understanding(services, { seed });
  if (want('pictures')) partial.pictures = await pictures(services);
  // Last: its 100k records leave the most garbage behind.
  if (want('sizes')) partial.sizes = sizes(services, seed, sizesFlag(argv));
  const report: Report = { ...partial, targets: verdicts(partial), totalSeconds: msSince(t0) / 1000 };
  if (sink === -1) progress('unreachable');
  if (jsonMode) process.stdout.write(`${JSON.stringify(report)}\n`);
  else printText(report);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
