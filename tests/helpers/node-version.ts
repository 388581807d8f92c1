/**
 * bin/node-version.mjs, typed: bin/ is plain JavaScript (it runs before anything is built), so the tests
 * that hold package.json and README.md to it import it here, once, with the shape they rely on.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../src/kernel/paths.js';

export const { RECOMMENDED, SUPPORTED, nodeSupport, requireSupportedNode } = (await import(
  pathToFileURL(join(PROJECT_ROOT, 'bin/node-version.mjs')).href
)) as {
  RECOMMENDED: number;
  SUPPORTED: { major: number; minor: number }[];
  nodeSupport: (version: string) => 'ok' | 'old' | 'untested';
  requireSupportedNode: (who: string, version?: string) => void;
};
