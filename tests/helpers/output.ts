/**
 * What tests print: nothing, when they pass. A green run shows the test report alone, so a real failure is
 * not lost among the expected error lines of the processes the end-to-end tests start (a refused token, a
 * broken data file) or the numbers some tests measure on the way.
 */
import type { ChildProcess } from 'node:child_process';
import { onTestFailed } from 'vitest';

export interface Captured {
  stdout: () => string;
  stderr: () => string;
}

/**
 * Collects a child process's stdout and stderr (started with those piped). When the test that is running
 * fails, both are printed under `label`; when it passes, they are only there for its assertions. A child
 * started outside a test (in beforeAll) has no test to fail with: its helpers put its stderr in the error
 * they throw instead.
 */
export function capture(child: ChildProcess, label: string): Captured {
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  try {
    onTestFailed(() => {
      const section = (name: string, text: string): string =>
        text === '' ? '' : `--- ${label}: ${name} ---\n${text}${text.endsWith('\n') ? '' : '\n'}`;
      process.stderr.write(section('stdout', out) + section('stderr', err));
    });
  } catch {
    // Not inside a test (vitest throws): nothing to hang the output on.
  }
  return { stdout: () => out, stderr: () => err };
}

/**
 * A number a test measures on the way (a latency, a count), printed with `TEST_MEASUREMENTS=1` and kept
 * out of an ordinary run.
 */
export function measured(line: string): void {
  if (process.env.TEST_MEASUREMENTS === '1') process.stdout.write(`${line}\n`);
}
