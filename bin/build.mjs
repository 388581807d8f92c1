#!/usr/bin/env node
// `npm run build`, and `prepare` (so `npm ci` builds): compiles what production runs (src/, commands/,
// scripts/; see tsconfig.build.json) into dist/, then stamps the build for bin/run.mjs. The stamp carries
// the time the build started, so a file edited while tsc runs still counts as newer than the build.
// Usage: node bin/build.mjs [projectRoot]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAMP } from './freshness.mjs';
import { requireSupportedNode } from './node-version.mjs';

// `npm ci` runs this first (prepare), so an unsupported Node is named before anything else fails.
requireSupportedNode('npm run build');

const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, STAMP);
const started = new Date();
// A failed build leaves dist/ in an unknown state: no stamp, so nothing runs from it until one succeeds.
rmSync(stamp, { force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, `${started.toISOString()}\n`);
utimesSync(stamp, started, started);

// Leave the project ready to answer (bin/ready-data.mjs): the first `npm run ask` after `npm ci` then
// costs what every later one does.
spawnSync(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'ready-data.mjs'), root], {
  stdio: 'ignore',
  cwd: root,
});
