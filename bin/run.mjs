#!/usr/bin/env node
// Starts an entry point from dist/ when the build is current: compiled JS starts several times faster
// than a TypeScript loader, and `npm ci` builds once (prepare), so a fresh clone answers at once. When a
// source is newer than the last build (an edited checkout), it runs the sources through tsx instead, so
// nothing stale ever runs and parallel runs never race to rebuild. Development tools (the benchmark) are
// not part of the production build and always run from source.
// Production (NODE_ENV=production, or no tsx: `npm ci --omit=dev`) never falls back to the loader: a
// deployment is often read-only, where tsx cannot even create its cache, and it should run what was
// built or say plainly that it must be built.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildState } from './freshness.mjs';
import { requireSupportedNode } from './node-version.mjs';
import { underNpm } from './under-npm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Entry name → source file, and whether the production build compiles it. */
const entries = {
  ask: ['src/doors/console/ask-cli.ts', true],
  start: ['src/main.ts', true],
  serve: ['src/doors/http/serve.ts', true],
  'deploy-commands': ['src/doors/gateway/deploy.ts', true],
  'validate-data': ['scripts/validate-data.ts', true],
  bench: ['bench/run.ts', false],
};

const name = process.argv[2];
requireSupportedNode(`bin/run.mjs ${name ?? ''}`.trim());
const entry = entries[name];
if (!entry) {
  console.error(`usage: bin/run.mjs <${Object.keys(entries).join('|')}> [args…]`);
  process.exit(2);
}
const [source, built] = entry;
underNpm();

/** One line on stderr and exit 1: these are setup problems with one fix, not bugs worth a stack trace. */
function fail(message) {
  console.error(`bin/run.mjs ${name}: ${message}`);
  process.exit(1);
}

function tsxInstalled() {
  try {
    import.meta.resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

const hasTsx = tsxInstalled();
const production =
  process.env.NODE_ENV === 'production'
    ? 'in production (NODE_ENV=production) only the build runs'
    : hasTsx
      ? undefined
      : 'without tsx (a production install) only the build runs';
const compiled = join(root, 'dist', source.replace(/\.ts$/, '.js'));
let fromSource = !built;
if (built) {
  const state = buildState(root);
  const missing = !state.built || !existsSync(compiled);
  fromSource = missing || !state.current;
  if (fromSource && production) {
    const what = missing
      ? `${relative(root, compiled)} is missing`
      : `the build in dist/ is stale${state.newest ? ` (${state.newest} changed since)` : ''}`;
    fail(`${what}: run \`npm run build\`; ${production}`);
  }
} else if (!hasTsx) {
  fail(`${source} runs from source and needs the devDependencies (tsx): npm ci without --omit=dev`);
}

if (!fromSource) {
  // Node 22.1+ (so the Node 24 production runs): V8 keeps the compiled modules between runs, ~15 ms of a
  // one-shot answer. Node 20 has no such call; an unwritable cache only loses the speed-up.
  module.enableCompileCache?.(join(root, 'node_modules', '.cache', 'city-alliance-bot', 'v8'));
  process.argv.splice(1, 2, compiled);
  await import(pathToFileURL(compiled).href);
} else {
  const target = join(root, source);
  /** How to get past a loader that cannot start (its cache under the temp dir is the usual cause). */
  const cannotStart = (err) =>
    fail(
      `the TypeScript loader (tsx) could not start: ${String(err?.message ?? err).split('\n')[0]}; run \`npm run build\` to run ` +
        `dist/ without it, or make the temp directory (${tmpdir()}) writable`,
    );
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch (err) {
    cannotStart(err);
  }
  process.argv.splice(1, 2, target);
  try {
    await import(pathToFileURL(target).href);
  } catch (err) {
    // tsx creates its cache on the first file it compiles, so that failure surfaces here; anything else
    // is the program's own error and keeps its stack.
    if (typeof err?.syscall === 'string' && typeof err.path === 'string' && err.path.startsWith(join(tmpdir(), 'tsx')))
      cannotStart(err);
    throw err;
  }
}
