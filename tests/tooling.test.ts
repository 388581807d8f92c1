/**
 * The project's own tooling keeps its promises: the formatter checks every source file, the production
 * build compiles and imports only what a production install has, and bin/run.mjs knows a current build.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getFileInfo } from 'prettier';
import semver from 'semver';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { PROJECT_ROOT } from '../src/kernel/paths.js';
import { RECOMMENDED, SUPPORTED, nodeSupport, requireSupportedNode } from './helpers/node-version.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(join(PROJECT_ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mjs|js)$/.test(e.name))
    .map((e) => relative(PROJECT_ROOT, join(e.parentPath, e.name)));
}

describe('prettier', () => {
  it('checks every TypeScript and JavaScript source file (.prettierignore skips only top-level data/ and locales/)', async () => {
    const files = ['src', 'commands', 'tests', 'bench', 'scripts', 'bin'].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const ignored: string[] = [];
    for (const file of files) {
      const info = await getFileInfo(join(PROJECT_ROOT, file), { ignorePath: join(PROJECT_ROOT, '.prettierignore') });
      if (info.ignored) ignored.push(file);
    }
    expect(ignored).toEqual([]);
  });

  it('still leaves the hand-formatted dataset and locale files alone', async () => {
    for (const file of ['data/organizations.json', 'locales/en/common.json']) {
      const info = await getFileInfo(join(PROJECT_ROOT, file), { ignorePath: join(PROJECT_ROOT, '.prettierignore') });
      expect(info.ignored, file).toBe(true);
    }
  });
});

/**
 * `npm ci --omit=dev` builds and runs the bot: the production build (tsconfig.build.json) must compile only
 * what production runs, and everything it imports must be installed without the devDependencies.
 */
describe('the production build', () => {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  /** Every file the compiler would take into the production program: the includes and what they import. */
  function productionProgram(): string[] {
    const config = ts.getParsedCommandLineOfConfigFile(join(PROJECT_ROOT, 'tsconfig.build.json'), undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    });
    if (!config) throw new Error('tsconfig.build.json could not be read');
    const files = new Set<string>();
    const visit = (file: string): void => {
      if (files.has(file)) return;
      files.add(file);
      for (const ref of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
        const resolved = ts.resolveModuleName(ref.fileName, file, config.options, ts.sys).resolvedModule;
        if (resolved && !resolved.isExternalLibraryImport && !resolved.resolvedFileName.endsWith('.json'))
          visit(resolved.resolvedFileName);
      }
    };
    config.fileNames.forEach(visit);
    return [...files].map((f) => relative(PROJECT_ROOT, f));
  }

  it('compiles nothing from bench/ or tests/', () => {
    const files = productionProgram();
    expect(files).toContain('src/main.ts');
    expect(files.filter((f) => /^(bench|tests)\//.test(f))).toEqual([]);
  });

  it('imports only production dependencies and Node built-ins', () => {
    const packages = new Set<string>();
    for (const file of productionProgram()) {
      for (const ref of ts.preProcessFile(readFileSync(join(PROJECT_ROOT, file), 'utf8'), true, true).importedFiles) {
        const spec = ref.fileName;
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    const missing = [...packages].filter((p) => !(p in pkg.dependencies));
    expect(missing, 'imported by production code but not in dependencies').toEqual([]);
  });

  it('has what `prepare` needs to build it in a production install', () => {
    // npm runs prepare after `npm ci --omit=dev` too: the compiler and Node's types must be installed then.
    expect(pkg.dependencies).toHaveProperty('typescript');
    expect(pkg.dependencies).toHaveProperty('@types/node');
  });
});

/**
 * bin/run.mjs runs dist/ only when the build is current. An incremental tsc that finds nothing to do does
 * not rewrite its .tsbuildinfo, so freshness is decided by the stamp bin/build.mjs writes on every build.
 */
describe('bin/run.mjs freshness', () => {
  it('after a source is touched and rebuilt, the build counts as current again', async () => {
    const { buildIsCurrent } = (await import(pathToFileURL(join(PROJECT_ROOT, 'bin/freshness.mjs')).href)) as {
      buildIsCurrent(root: string): boolean;
    };
    const root = mkdtempSync(join(tmpdir(), 'freshness-'));
    try {
      mkdirSync(join(root, 'src'));
      writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\n');
      writeFileSync(
        join(root, 'tsconfig.build.json'),
        JSON.stringify({
          compilerOptions: {
            outDir: 'dist',
            rootDir: '.',
            incremental: true,
            tsBuildInfoFile: 'dist/.tsbuildinfo',
            // The smallest standard library: the scratch build only needs to run, not to know the DOM.
            lib: ['es5'],
            types: [],
          },
          include: ['src'],
        }),
      );
      const build = (): void => {
        execFileSync(process.execPath, [join(PROJECT_ROOT, 'bin/build.mjs'), root], { stdio: 'pipe' });
      };
      build();
      expect(buildIsCurrent(root)).toBe(true);
      // As if the build had run a minute ago and the file were saved since (a touch, a checkout): both the
      // stamp and tsc's own .tsbuildinfo date from before the edit.
      const at = (secondsAgo: number): Date => new Date(Date.now() - secondsAgo * 1000);
      utimesSync(join(root, 'dist/.build-stamp'), at(60), at(60));
      utimesSync(join(root, 'dist/.tsbuildinfo'), at(60), at(60));
      utimesSync(join(root, 'src/a.ts'), at(30), at(30));
      expect(buildIsCurrent(root)).toBe(false);
      build(); // nothing to recompile: tsc leaves its .tsbuildinfo as it was
      expect(buildIsCurrent(root)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('Node version and .env', () => {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; engines?: { node?: string } }>;
  };
  const engines = pkg.engines.node;
  /** Releases either side of every boundary, and the two that CI runs (.ci/node24 pins the second). */
  const node24 = (
    JSON.parse(readFileSync(join(PROJECT_ROOT, '.ci/node24/package.json'), 'utf8')) as {
      dependencies: { node: string };
    }
  ).dependencies.node;
  const samples = [
    ...['v18.20.8', 'v20.0.0', 'v20.11.1', 'v20.12.0', 'v20.18.3', 'v20.19.0', 'v20.20.2', 'v21.7.3'],
    ...['v22.0.0', 'v22.12.0', 'v22.13.0', 'v22.22.0', 'v23.11.1', 'v24.0.0', `v${node24}`, 'v25.2.1', 'v26.10.0'],
  ];

  it('engines is a valid range, and CI runs its oldest release line and the recommended one', () => {
    expect(semver.validRange(engines), engines).not.toBeNull();
    expect(semver.satisfies(process.version, engines), `this Node ${process.version}`).toBe(true);
    expect(semver.satisfies(node24, engines), `.ci/node24 pins ${node24}`).toBe(true);
    expect(semver.major(node24)).toBe(RECOMMENDED);
    expect(semver.minVersion(engines)?.major).toBe(SUPPORTED[0]!.major);
  });

  it('bin/node-version.mjs says what engines says: supported, too old (refused) or untested (a warning)', () => {
    const verdicts = samples.map((v) => [v, nodeSupport(v)]);
    const expected = samples.map((v) => [
      v,
      semver.satisfies(v, engines) ? 'ok' : semver.ltr(v, engines) || semver.major(v) === 20 ? 'old' : 'untested',
    ]);
    expect(verdicts).toEqual(expected);
  });

  it('a too-old Node stops with one line that names the version, the supported ones and the fix', () => {
    const errors: string[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as () => never);
    try {
      requireSupportedNode('bin/run.mjs start', 'v20.11.1');
      expect(exit).toHaveBeenCalledWith(1);
      expect(errors).toEqual([
        'bin/run.mjs start: this is Node.js v20.11.1; the bot needs Node.js 20.19+, 22.13+, 24 (24 recommended). ' +
          'Install a supported Node.js (https://nodejs.org) and run the command again.',
      ]);
      exit.mockClear();
      errors.length = 0;
      requireSupportedNode('npm run build', 'v26.10.0');
      expect(exit).not.toHaveBeenCalled();
      expect(errors).toEqual([
        'npm run build: Node.js v26.10.0 is not one this bot is tested on (Node.js 20.19+, 22.13+, 24); going on.',
      ]);
      errors.length = 0;
      requireSupportedNode('npm run build', `v${node24}`);
      expect(errors).toEqual([]);
    } finally {
      error.mockRestore();
      exit.mockRestore();
    }
  });

  it('the engines floor has every Node API the bot uses (process.loadEnvFile and util.styleText: 20.12)', () => {
    expect(semver.gte(semver.minVersion(engines)!, '20.12.0'), engines).toBe(true);
  });

  it('every dependency that states engines runs on every release engines allows', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.engines?.node)
      .filter(([, p]) => !semver.subset(engines, p.engines!.node!))
      .map(([path, p]) => `${path}: ${p.engines!.node}`);
    expect(refusing).toEqual([]);
  });

  it('one .env loader: only src/doors/shared/dotenv.ts calls process.loadEnvFile', () => {
    const callers = ['src', 'commands', 'scripts']
      .flatMap(sourceFiles)
      .filter((f) => readFileSync(join(PROJECT_ROOT, f), 'utf8').includes('loadEnvFile('));
    expect(callers).toEqual(['src/doors/shared/dotenv.ts']);
  });
});
