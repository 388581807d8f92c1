/**
 * The error a door's settings raise, on its own so that startup.ts (which every entry point loads, the
 * one-shot console too) can recognise it without loading zod and the config readers: ~95 modules.
 */

/** A configuration a person must fix: each problem names its variable and says what is expected. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
