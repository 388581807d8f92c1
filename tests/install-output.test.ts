/**
 * The project's .npmrc keeps npm quiet (no script banners, so `npm run bench -- --json` prints one JSON
 * object and a working `npm ci` prints nothing of npm's own) without making a failure silent: npm still
 * says what went wrong, as one JSON error object. Each case runs the machine's real npm with the project's
 * real .npmrc in a scratch project; the only network is a closed port on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/kernel/paths.js';
import { freePort } from './helpers/net.js';

let scratch = '';
let cache = '';

/** A scratch project with the project's own .npmrc and the given package.json. */
function project(name: string, pkg: object): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(PROJECT_ROOT, '.npmrc'), join(dir, '.npmrc'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...pkg }, null, 2));
  return dir;
}

/** npm as a newcomer's shell runs it: none of the npm_* variables of the `npm test` that runs this file,
 *  only a scratch cache (set through the environment, so no flag reaches a script's own arguments). */
function npm(dir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
    npm_config_cache: cache,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const result = spawnSync('npm', args, {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The one error object npm prints on stdout in JSON mode. */
function npmError(stdout: string): { code: string | number; summary: string } {
  const parsed = JSON.parse(stdout) as { error: { code: string | number; summary: string } };
  return parsed.error;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'install-output-'));
  cache = join(scratch, 'npm-cache');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm with the project .npmrc', () => {
  it('a working install prints nothing at all', () => {
    const local = project('local-dep', { version: '2.0.0' });
    writeFileSync(join(local, 'index.js'), 'export default 1;\n');
    const dir = project('quiet', {
      dependencies: { 'local-dep': `file:${local}` },
      scripts: { prepare: 'node -e 0' },
    });
    expect(npm(dir, 'install', '--offline').status).toBe(0); // writes the lock file
    const ci = npm(dir, 'ci', '--offline');
    expect(ci).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('an unreachable registry: the install fails and says which address refused', async () => {
    const port = await freePort();
    const dir = project('unreachable', { dependencies: { 'is-number': '7.0.0' } });
    const result = npm(dir, 'install', `--registry=http://127.0.0.1:${port}/`, '--fetch-retries=0');
    expect(result.status).not.toBe(0);
    const error = npmError(result.stdout);
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.summary).toContain(`127.0.0.1:${port}`);
  });

  it('a lock file out of step with package.json: `npm ci` refuses and says so', () => {
    const local = project('local-dep-2', { version: '1.0.0' });
    const dir = project('out-of-step', { dependencies: { 'local-dep-2': `file:${local}` } });
    expect(npm(dir, 'install', '--offline').status).toBe(0);
    // A dependency added to package.json without `npm install`: the lock file does not know it.
    const added = project('local-dep-3', { version: '1.0.0' });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'out-of-step',
        version: '1.0.0',
        dependencies: { 'local-dep-2': `file:${local}`, 'local-dep-3': `file:${added}` },
      }),
    );
    const result = npm(dir, 'ci', '--offline');
    expect(result.status).not.toBe(0);
    const error = npmError(result.stdout);
    expect(error.code).toBe('EUSAGE');
    expect(error.summary).toMatch(/package\.json and package-lock\.json .*in sync/s);
  });

  it('no lock file: `npm ci` refuses and names what is missing', () => {
    const dir = project('no-lock', { dependencies: {} });
    const result = npm(dir, 'ci', '--offline');
    expect(result.status).not.toBe(0);
    expect(npmError(result.stdout).summary).toContain('package-lock.json');
  });

  it('a failing script: its own words on stderr, its exit status, and no banner on stdout', () => {
    const dir = project('failing-script', {
      scripts: { start: `node -e "console.error('could not start: no dataset'); process.exit(3)"` },
    });
    const result = npm(dir, 'start');
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('could not start: no dataset');
    expect(result.stdout).not.toContain('> failing-script');
    expect(npmError(result.stdout).code).toBe(3);
  });

  it('a working script: stdout is the program’s alone (the `npm run bench -- --json` contract)', () => {
    const dir = project('json-script', { scripts: { bench: 'node bench.js' } });
    writeFileSync(join(dir, 'bench.js'), 'console.log(JSON.stringify({ args: process.argv.slice(2) }));\n');
    const result = npm(dir, 'run', 'bench', '--', '--json');
    expect(result).toEqual({ status: 0, stdout: '{"args":["--json"]}\n', stderr: '' });
  });
});
