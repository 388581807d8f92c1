/**
 * Pieces both Discord doors use to read their settings from the environment (the gateway bot in
 * src/doors/gateway/config.ts, the HTTP door in src/doors/http/config.ts), so a variable means the same in both.
 */
import { z } from 'zod';
import { DEFAULT_RATE_LIMIT } from './rate-limit.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Whole decimal numbers only: `z.coerce` would turn "", "0x10" or "1e3" into numbers. */
export function wholeNumber(name: string, min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,10}$/, { error: `${name} must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `${name} must be at least ${min}` })
        .max(max, { error: `${name} must be at most ${max}` }),
    );
}

/** LOG_LEVEL and the per-user rate limit, read the same way by both doors. */
export const commonEnvShape = {
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  RATE_LIMIT_POINTS: wholeNumber('RATE_LIMIT_POINTS', 1, 1_000_000).default(DEFAULT_RATE_LIMIT.points),
  RATE_LIMIT_WINDOW_SECONDS: wholeNumber('RATE_LIMIT_WINDOW_SECONDS', 1, 86_400).default(
    DEFAULT_RATE_LIMIT.windowSeconds,
  ),
};

/** An empty value (`PORT=` in a .env file) means "not set": the default applies, or "is required". */
export function presentValues(env: NodeJS.ProcessEnv, keys: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(
    keys.map((k) => {
      const v = env[k]?.trim();
      return [k, v === undefined || v === '' ? undefined : v];
    }),
  );
}
