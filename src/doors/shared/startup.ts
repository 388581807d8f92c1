/** Start-up failures every entry point reports the same way: one clear message, a non-zero exit. */
import { DataError } from '../../data/load.js';
import { LocaleError } from '../../i18n/index.js';
import { ConfigError } from './config.js';

/** Prints why start-up failed and returns the exit code (1); unexpected errors keep their stack. */
export function startupFailure(err: unknown): number {
  if (err instanceof DataError || err instanceof LocaleError || err instanceof ConfigError) {
    process.stderr.write(`${err.message}\nThe bot did not start.\n`);
  } else {
    process.stderr.write(
      `Unexpected start-up error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
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
