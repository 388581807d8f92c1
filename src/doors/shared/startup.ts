/** Start-up failures every entry point reports the same way: one clear message, a non-zero exit. */
import { DataError } from '../../data/load.js';
import { LocaleError } from '../../i18n/index.js';
import { ConfigError } from './config-error.js';

/** What a person reads when start-up failed: the problems, plainly; an unexpected error keeps its stack. */
export function startupMessage(err: unknown): string {
  if (err instanceof DataError || err instanceof LocaleError || err instanceof ConfigError) {
    return `${err.message}\nThe bot did not start.\n`;
  }
  return `Unexpected start-up error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`;
}

/** Prints why start-up failed and returns the exit code (1). */
export function startupFailure(err: unknown): number {
  process.stderr.write(startupMessage(err));
  return 1;
}

/** Runs an entry point's main: its result is the exit code; a start-up failure prints its message and exits 1. */
export function runEntry(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.exitCode = startupFailure(err);
    },
  );
}
