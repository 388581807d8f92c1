#!/usr/bin/env node
// Starts an entry point from dist/ when the build is current: compiled JS starts several times faster
// than a TypeScript loader, and `npm ci` builds once (prepare), so a fresh clone answers at once. When a
// source is newer than the last build (an edited checkout), it runs the sources through tsx instead, so
// nothing stale ever runs and parallel runs never race to rebuild. Development tools (the benchmark) are
// not part of the production build and always run from source.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIsCurrent } from './freshness.mjs';

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
const entry = entries[name];
if (!entry) {
  console.error(`usage: bin/run.mjs <${Object.keys(entries).join('|')}> [args…]`);
  process.exit(2);
}
const [source, built] = entry;
let target = join(root, 'dist', source.replace(/\.ts$/, '.js'));
if (!built || !existsSync(target) || !buildIsCurrent(root)) {
  const { register } = await import('tsx/esm/api');
  register();
  target = join(root, source);
}
process.argv.splice(1, 2, target);
await import(pathToFileURL(target).href);
