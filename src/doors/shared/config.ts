/**
 * How the doors read their settings from the environment (the gateway bot in src/doors/gateway/config.ts,
 * the HTTP door in src/doors/http/config.ts): the same variable means the same in both, and every problem
 * is reported at once, one line per variable, as a ConfigError (startup.ts prints it and exits 1).
 */
import { z } from 'zod';
import { parseUrl } from '../../kernel/builtins.js';
import { DEFAULT_RATE_LIMIT } from './rate-limit.js';
import { ConfigError } from './config-error.js';

export { ConfigError } from './config-error.js';

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
/** Discord's REST base, without the version (`/v10/...` is appended to it). */
export const DEFAULT_API_URL = 'https://discord.com/api';

/**
 * DISCORD_API_URL, for both Discord doors: an http(s) URL without credentials (a refused one is not echoed,
 * since it could hold a password), its trailing slashes dropped so `/v10` never becomes `//v10`.
 */
export const apiUrl = z
  .string()
  .refine(
    (s) => {
      const u = parseUrl(s);
      return (
        u !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === ''
      );
    },
    { error: `DISCORD_API_URL must be an http(s) URL such as ${DEFAULT_API_URL}` },
  )
  .transform((s) => s.replace(/\/+$/, ''))
  .default(DEFAULT_API_URL);

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

export interface ReadEnvOptions {
  /** Variables whose given value may be shown back in a problem (never a secret such as the token). */
  echo?: ReadonlySet<string>;
}

/** Shows what was given, short. */
function shown(value: string | undefined): string {
  if (value === undefined) return '';
  const v = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return ` (got ${JSON.stringify(v)})`;
}

/**
 * The schema's variables from the environment, checked; a ConfigError listing every problem otherwise.
 * Each line starts with the variable's name (our messages do; a zod default message gets it put in front).
 */
export function readEnv<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv,
  options: ReadEnvOptions = {},
): z.output<S> {
  const raw = presentValues(env, Object.keys(schema.shape));
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(environment)');
    const message = issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    return options.echo?.has(name) ? `${message}${shown(raw[name])}` : message;
  });
  throw new ConfigError([...new Set(problems)]);
}
