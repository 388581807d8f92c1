// Which Node.js runs this project, said once in plain words. On an older Node the first failure is
// otherwise a syntax or missing-API error from deep inside a dependency, which says nothing about the fix.
// package.json's engines states the same range (tests/tooling.test.ts holds the two together with semver).
// Written by hand, not with semver: this runs before anything is known to be installed, and the check is a
// table of three lines.

/** Supported release lines and the first release of each that runs everything (vitest/rolldown set 20.19
 *  and 22.13; the bot itself needs 20.12 for process.loadEnvFile and util.styleText). */
export const SUPPORTED = [
  { major: 20, minor: 19 },
  { major: 22, minor: 13 },
  { major: 24, minor: 0 },
];
/** The release line production should run: the Active LTS. */
export const RECOMMENDED = 24;

const described = `Node.js ${SUPPORTED.map((l) => `${l.major}${l.minor ? `.${l.minor}+` : ''}`).join(', ')}`;

/**
 * 'ok' for a supported release, 'old' for one below the oldest supported (refused: it would fail in an
 * unclear way), 'untested' for anything else (a newer or an odd-numbered line: allowed, with a warning).
 * @param {string} version as process.version gives it ("v20.20.2")
 * @returns {'ok' | 'old' | 'untested'}
 */
export function nodeSupport(version) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return 'untested';
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const oldest = SUPPORTED[0];
  if (major < oldest.major || (major === oldest.major && minor < oldest.minor)) return 'old';
  const line = SUPPORTED.find((l) => l.major === major);
  if (!line) return 'untested';
  // Below the oldest line's floor was refused above, so an earlier release of a later line is only untested.
  return minor >= line.minor ? 'ok' : 'untested';
}

/**
 * Exits 1 with one line on stderr when this Node is too old; one warning line when it is untested.
 * @param {string} who the program, to begin the line with ("bin/run.mjs start")
 */
export function requireSupportedNode(who, version = process.version) {
  const support = nodeSupport(version);
  if (support === 'ok') return;
  if (support === 'old') {
    console.error(
      `${who}: this is Node.js ${version}; the bot needs ${described} (${RECOMMENDED} recommended). ` +
        `Install a supported Node.js (https://nodejs.org) and run the command again.`,
    );
    process.exit(1);
    return;
  }
  console.error(`${who}: Node.js ${version} is not one this bot is tested on (${described}); going on.`);
}
