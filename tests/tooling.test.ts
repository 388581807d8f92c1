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
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/kernel/paths.js';

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
  const version = (v: string): number[] => v.split('.').map((n) => Number(n));
  const atLeast = (a: number[], b: number[]): boolean => {
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
    return true;
  };
  const floor = (range: string): number[] => {
    const m = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(range.trim());
    if (!m) throw new Error(`engines range "${range}" is not of the form >=x.y.z: teach this test to read it`);
    return version(m[1]!);
  };

  it('the engines floor has every Node API the bot uses (process.loadEnvFile and util.styleText: 20.12)', () => {
    expect(atLeast(floor(pkg.engines.node), [20, 12, 0]), pkg.engines.node).toBe(true);
  });

  it('every production dependency runs on the engines floor', () => {
    const ours = floor(pkg.engines.node);
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && !p.dev && p.engines?.node)
      .filter(([, p]) => {
        // Ranges like "^18 || >=20" name their own floor first; a floor at or under ours is fine.
        const first = /(\d+(?:\.\d+){0,2})/.exec(p.engines!.node!)?.[1];
        return first !== undefined && !atLeast(ours, version(first));
      })
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
