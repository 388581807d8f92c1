/**
 * Production never falls back to a TypeScript loader (issue 14 item 5): bin/run.mjs runs the build, or says
 * in one line that it is missing or stale and how to make it. In development a stale build still runs the
 * sources through tsx, and a loader that cannot start is one line too. Each case runs the real bin/ in a
 * scratch tree: one entry (validate-data) with a fake source and a fake build whose times are set here.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/kernel/paths.js';

const SOURCE = 'scripts/validate-data.ts';
const BUILT = 'dist/scripts/validate-data.js';

interface Tree {
  /** Link the project's node_modules in (tsx installed); without it, a production install. */
  tsx: boolean;
  /** 'current': built after the source changed; 'stale': the source changed since; 'none': never built. */
  build: 'current' | 'stale' | 'none';
  /** The source's body: TypeScript-only syntax, so that its output proves tsx compiled it. */
  source?: string;
}

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function tree({ tsx, build, source }: Tree): string {
  const root = mkdtempSync(join(tmpdir(), 'launch-build-'));
  roots.push(root);
  cpSync(join(PROJECT_ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  if (tsx) symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  mkdirSync(join(root, 'scripts'));
  writeFileSync(join(root, SOURCE), source ?? "const from: string = 'source';\nconsole.log(from);\n");
  mkdirSync(join(root, 'tmp')); // tsx's cache goes here, not into the shared temp dir
  const at = (secondsAgo: number): Date => new Date(Date.now() - secondsAgo * 1000);
  if (build !== 'none') {
    mkdirSync(join(root, 'dist/scripts'), { recursive: true });
    writeFileSync(join(root, BUILT), "console.log('dist');\n");
    writeFileSync(join(root, 'dist/.build-stamp'), '');
    utimesSync(join(root, 'dist/.build-stamp'), at(build === 'current' ? 30 : 60), at(build === 'current' ? 30 : 60));
  }
  utimesSync(join(root, SOURCE), at(build === 'current' ? 60 : 30), at(build === 'current' ? 60 : 30));
  return root;
}

function run(
  root: string,
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const base = { ...process.env };
  // The test runner sets NODE_ENV=test; under `npm test` npm's variables would arm bin/under-npm.mjs.
  delete base.NODE_ENV;
  delete base.npm_lifecycle_event;
  const r = spawnSync(process.execPath, [join(root, 'bin/run.mjs'), 'validate-data'], {
    cwd: root,
    env: { ...base, TMPDIR: join(root, 'tmp'), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exactly one line on stderr, and no stack trace in it. */
function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('production (NODE_ENV=production, or no tsx installed)', () => {
  it('a stale build: one line naming the newer source and `npm run build`, exit 1, and nothing runs', () => {
    const r = run(tree({ tsx: true, build: 'stale' }), { NODE_ENV: 'production' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const line = oneLine(r.stderr);
    expect(line).toMatch(/stale/);
    expect(line).toContain(SOURCE);
    expect(line).toContain('npm run build');
  });

  it('without tsx (npm ci --omit=dev), a stale build: the same one line, not a module-not-found stack', () => {
    const r = run(tree({ tsx: false, build: 'stale' }));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const line = oneLine(r.stderr);
    expect(line).toContain(SOURCE);
    expect(line).toContain('npm run build');
  });

  it('no build at all: one line saying it is missing', () => {
    const r = run(tree({ tsx: true, build: 'none' }), { NODE_ENV: 'production' });
    expect(r.status).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/missing.*npm run build/);
  });

  it('a current build runs dist/, even where tsx could not create its cache', () => {
    const root = tree({ tsx: true, build: 'current' });
    writeFileSync(join(root, 'a-file'), '');
    const r = run(root, { NODE_ENV: 'production', TMPDIR: join(root, 'a-file/tmp') });
    expect(r).toMatchObject({ status: 0, stdout: 'dist\n', stderr: '' });
  });
});

describe('development (tsx installed, NODE_ENV not production)', () => {
  it('a stale build runs the sources through tsx', () => {
    const r = run(tree({ tsx: true, build: 'stale' }));
    expect(r).toMatchObject({ status: 0, stdout: 'source\n' });
  });

  it('tsx unable to create its cache (temp dir unusable): one line saying what failed and how to fix it', () => {
    const root = tree({ tsx: true, build: 'stale' });
    // A path under a regular file can never be created, not even by root (a read-only dir can).
    writeFileSync(join(root, 'a-file'), '');
    const r = run(root, { TMPDIR: join(root, 'a-file/tmp') });
    expect(r.status).toBe(1);
    const line = oneLine(r.stderr);
    expect(line).toMatch(/tsx/);
    expect(line).toContain(join(root, 'a-file/tmp'));
    expect(line).toContain('npm run build');
  });

  it("the program's own error is not mistaken for the loader's: it keeps its stack", () => {
    const root = tree({
      tsx: true,
      build: 'stale',
      source: "const n: number = 1;\nthrow new Error('own failure ' + n);\n",
    });
    const r = run(root);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Error: own failure 1\n\s+at /);
    expect(r.stderr).not.toMatch(/could not start/);
  });
});
