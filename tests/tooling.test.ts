/**
 * The project's own tooling keeps its promises: the formatter checks every source file, and nothing
 * more than the hand-formatted JSON at the top level is left out of it.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getFileInfo } from 'prettier';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.js';

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
