#!/usr/bin/env node
// Starts a compiled entry point from dist/, rebuilding first when a TypeScript source is newer than the
// last build. Compiled JS starts several times faster than a TS loader, and `npm ci` builds once
// (prepare), so a fresh clone answers at once; this check keeps an edited checkout from running stale code.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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
const sources = Math.max(...['src', 'commands', 'scripts', 'bench'].map((d) => newestSource(join(root, d))));
if (sources > lastBuild()) {
  console.error('(sources changed since the last build: compiling…)');
  const tsc = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
process.argv.splice(1, 2, join(root, 'dist', entry));
await import(pathToFileURL(join(root, 'dist', entry)).href);
