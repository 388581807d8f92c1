#!/usr/bin/env node
// Starts an entry point from dist/ when the build is current: compiled JS starts several times faster
// than a TypeScript loader, and `npm ci` builds once (prepare), so a fresh clone answers at once. When a
// source is newer than the last build (an edited checkout), it runs the sources through tsx instead, so
// nothing stale ever runs and parallel runs never race to rebuild.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = {
  ask: 'src/console/ask-cli.js',
  start: 'src/main.js',
  serve: 'src/http/serve.js',
  'deploy-commands': 'src/gateway/deploy.js',
  'validate-data': 'scripts/validate-data.js',
  bench: 'bench/run.js',
};

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function lastBuild() {
  try {
    return statSync(join(root, 'dist/.tsbuildinfo')).mtimeMs;
  } catch {
    return -1;
  }
}

const name = process.argv[2];
const entry = entries[name];
if (!entry) {
  console.error(`usage: bin/run.mjs <${Object.keys(entries).join('|')}> [args…]`);
  process.exit(2);
}
const sources = Math.max(
  ...['src', 'commands', 'scripts', 'bench']
    .filter((d) => existsSync(join(root, d)))
    .map((d) => newestSource(join(root, d))),
);
let target = join(root, 'dist', entry);
if (sources > lastBuild() || !existsSync(target)) {
  const { register } = await import('tsx/esm/api');
  register();
  target = join(root, entry.replace(/\.js$/, '.ts'));
}
process.argv.splice(1, 2, target);
await import(pathToFileURL(target).href);
