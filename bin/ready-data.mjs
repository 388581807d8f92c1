#!/usr/bin/env node
// Run by the build (so by `npm ci`): loads the dataset once through the new build, which checks it and
// leaves its validation marker (src/data/load.ts), so the next run does not load zod to check the same
// bytes again. A data problem is not a build failure: every entry point reports it, naming the file and
// field, when it starts; so this exits 0 either way and prints nothing.
// Usage: node bin/ready-data.mjs [projectRoot]
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const { loadDataset } = await import(pathToFileURL(join(root, 'dist/src/data/load.js')).href);
  await loadDataset();
} catch {
  // Reported by the entry points, with the file and field; nothing is lost here but the head start.
}
