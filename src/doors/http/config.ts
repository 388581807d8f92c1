/**
 * The HTTP door's configuration, read from the environment and checked before anything starts. Every
 * problem is reported at once, by variable name, as a ConfigError (src/doors/shared/startup.ts prints it and exits 1).
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import {
  DEFAULT_API_URL,
  LOG_LEVELS,
  apiUrl,
  commonEnvShape,
  readEnv,
  wholeNumber,
  type LogLevel,
} from '../shared/config.js';
import { parseUrl } from '../../kernel/builtins.js';
import type { RateLimitConfig } from '../shared/rate-limit.js';

export { LOG_LEVELS, type LogLevel };

export interface HttpConfig {
  /** The application's Ed25519 public key, 64 hex characters (developer portal → General Information). */
  publicKey: string;
  applicationId: string;
  port: number;
  host: string;
  logLevel: LogLevel;
  rateLimit: RateLimitConfig;
  maxBodyBytes: number;
  /**
   * REST base without the version (DISCORD_API_URL, as for the gateway bot). The door answers interactions in
   * the HTTP response, but a file export is edited into the deferred answer afterwards through the webhook
   * endpoints (no token needed), which must reach Discord.
   */
  apiUrl: string;
  /** HTTP_WORKERS: processes answering on the port (node:cluster); 1 = this process alone. */
  workers: number;
  /** REDIS_URL: where several instances (or workers) keep one rate limit and one replay memory. */
  redisUrl?: string;
  /** RATE_LIMIT_FALLBACK=memory: limit in memory while Redis is away, instead of refusing interactions. */
  fallbackToMemory: boolean;
}

/**
 * One worker per core: an answer is CPU work (signature check, search, JSON), and with one process a
 * flood on some connections delays every other connection's first byte. The cap keeps a machine that
 * reports many cores from forking dozens of copies of the dataset.
 */
export const DEFAULT_WORKERS = Math.min(availableParallelism(), 8);

export const DEFAULT_PORT = 8787;
/**
 * 0.0.0.0: the endpoint exists to be reached from outside (Discord, through a reverse proxy or load
 * balancer, usually in another container or host), and binding loopback by default would make a deployed
 * instance silently unreachable. Listening widely is safe here because every request is
 * signature-checked before any work is done; set HOST=127.0.0.1 when the proxy runs on the same host.
 */
export const DEFAULT_HOST = '0.0.0.0';
/**
 * Discord's largest real interaction is a component click, which carries the whole clicked message (up to
 * 2,000 + 6,000 characters of text, 3 bytes each in CJK, plus components): well under 64 KiB. 128 KiB
 * leaves room and still keeps a flood of large bodies cheap to refuse.
 */
export const DEFAULT_MAX_BODY_BYTES = 128 * 1024;

export { DEFAULT_API_URL };

const Env = z.object({
  DISCORD_PUBLIC_KEY: z
    .string({
      error: 'DISCORD_PUBLIC_KEY is required (developer portal → your application → General Information → Public Key)',
    })
    .regex(/^[0-9a-fA-F]{64}$/, {
      error: 'DISCORD_PUBLIC_KEY must be the 64 hexadecimal characters of the public key',
    }),
  DISCORD_APPLICATION_ID: z
    .string({ error: 'DISCORD_APPLICATION_ID is required (developer portal → your application → Application ID)' })
    .regex(/^\d{17,20}$/, { error: 'DISCORD_APPLICATION_ID must be a snowflake: 17 to 20 digits' }),
  PORT: wholeNumber('PORT', 0, 65535).default(DEFAULT_PORT),
  HOST: z
    .string()
    .regex(/^[0-9A-Za-z.:\-[\]]{1,253}$/, {
      error: 'HOST must be an IP address or host name, such as 0.0.0.0 or 127.0.0.1',
    })
    .default(DEFAULT_HOST),
  ...commonEnvShape,
  MAX_BODY_BYTES: wholeNumber('MAX_BODY_BYTES', 1024, 8 * 1024 * 1024).default(DEFAULT_MAX_BODY_BYTES),
  DISCORD_API_URL: apiUrl,
  HTTP_WORKERS: wholeNumber('HTTP_WORKERS', 1, 64).default(DEFAULT_WORKERS),
  REDIS_URL: z
    .string()
    .refine(
      (s) => {
        const u = parseUrl(s);
        return u !== null && (u.protocol === 'redis:' || u.protocol === 'rediss:') && u.hostname !== '';
      },
      { error: 'REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379' },
    )
    .optional(),
  RATE_LIMIT_FALLBACK: z
    .enum(['none', 'memory'], {
      error: 'RATE_LIMIT_FALLBACK must be none (refuse interactions while Redis is away) or memory',
    })
    .default('none'),
});

/**
 * None of these values is secret (the public key is public): a problem shows what was given. Except
 * DISCORD_API_URL and REDIS_URL: a refused URL may be one with credentials in it (`https://user:password@proxy`).
 */
const ECHO: ReadonlySet<string> = new Set(
  Object.keys(Env.shape).filter((k) => k !== 'DISCORD_API_URL' && k !== 'REDIS_URL'),
);

/** Reads and checks the HTTP door's settings; throws a ConfigError naming every bad variable. */
export function loadHttpConfig(env: NodeJS.ProcessEnv = process.env): HttpConfig {
  const e = readEnv(Env, env, { echo: ECHO });
  return {
    publicKey: e.DISCORD_PUBLIC_KEY.toLowerCase(),
    applicationId: e.DISCORD_APPLICATION_ID,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    rateLimit: { points: e.RATE_LIMIT_POINTS, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS },
    maxBodyBytes: e.MAX_BODY_BYTES,
    apiUrl: e.DISCORD_API_URL,
    workers: e.HTTP_WORKERS,
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    fallbackToMemory: e.RATE_LIMIT_FALLBACK === 'memory',
  };
}
