// Whether dist/ holds a build of the current sources. bin/build.mjs stamps every successful build with
// the time it started; a source newer than the stamp (or no stamp) means dist/ may be stale. tsc's own
// .tsbuildinfo cannot serve: an incremental build that finds nothing to do does not rewrite it, so an
// edited-then-reverted (or merely touched) file would keep every start on the slow path.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP = 'dist/.build-stamp';
/** What the production build compiles (tsconfig.build.json includes exactly these). */
export const SOURCE_DIRS = ['src', 'commands', 'scripts'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** True when the last successful build started after every source and config file was last changed. */
export function buildIsCurrent(root) {
  const stamp = mtime(join(root, STAMP));
  if (stamp < 0) return false;
  const sources = Math.max(
    0,
    ...SOURCE_DIRS.filter((d) => existsSync(join(root, d))).map((d) => newestSource(join(root, d))),
    ...CONFIGS.map((c) => mtime(join(root, c))),
  );
  return sources <= stamp;
}
