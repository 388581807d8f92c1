// Whether dist/ holds a build of the current sources. bin/build.mjs stamps every successful build with
// the time it started; a source newer than the stamp (or no stamp) means dist/ may be stale. tsc's own
// .tsbuildinfo cannot serve: an incremental build that finds nothing to do does not rewrite it, so an
// edited-then-reverted (or merely touched) file would keep every start on the slow path.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const STAMP = 'dist/.build-stamp';
/** What the production build compiles (tsconfig.build.json includes exactly these). */
export const SOURCE_DIRS = ['src', 'commands', 'scripts'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

/** The most recently changed .ts file under dir: [mtimeMs, path], or [0, undefined] when there is none. */
function newestSource(dir) {
  let newest = [0, undefined];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory()
      ? newestSource(path)
      : entry.name.endsWith('.ts')
        ? [statSync(path).mtimeMs, path]
        : newest;
    if (candidate[0] > newest[0]) newest = candidate;
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

/**
 * Whether the last successful build started after every source and config file was last changed; when
 * not, `newest` names (relative to root) the file changed last, for a message saying what is stale.
 */
export function buildState(root) {
  const stamp = mtime(join(root, STAMP));
  let newest = [0, undefined];
  const candidates = [
    ...SOURCE_DIRS.filter((d) => existsSync(join(root, d))).map((d) => newestSource(join(root, d))),
    ...CONFIGS.map((c) => [mtime(join(root, c)), join(root, c)]),
  ];
  for (const candidate of candidates) if (candidate[0] > newest[0]) newest = candidate;
  const current = stamp >= 0 && newest[0] <= stamp;
  return { current, built: stamp >= 0, newest: current || !newest[1] ? undefined : relative(root, newest[1]) };
}

/** True when the last successful build started after every source and config file was last changed. */
export function buildIsCurrent(root) {
  return buildState(root).current;
}
