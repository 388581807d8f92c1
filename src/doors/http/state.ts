/**
 * What the HTTP door remembers between requests: each user's rate-limit budget, and the ids of the
 * interactions it has answered in the signature's 5-minute window (so a captured request replayed within
 * the window is refused). One process keeps both in memory. Cluster workers share them through the
 * primary (rate-limiter-flexible's cluster limiter, over the workers' IPC channel), and several instances
 * through Redis (RateLimiterRedis with ioredis): otherwise each copy of the door would enforce its own
 * budget, N times looser than the one configured, and a replay sent to another copy would be answered.
 *
 * A shared store that cannot answer makes the door refuse the interaction (LimitsUnavailable), never let it
 * through unchecked; an in-memory insurance limit takes over only when the operator chose it
 * (RATE_LIMIT_FALLBACK=memory).
 */
import { TTLCache } from '@isaacs/ttlcache';
import { Redis } from 'ioredis';
import {
  RateLimiterCluster,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { ConfigError } from '../shared/config.js';
import type { Logger } from '../shared/log.js';
import { LimitsUnavailable, UserRateLimiter, type RateLimitConfig } from '../shared/rate-limit.js';
import { MAX_SKEW_SECONDS } from './verify.js';
import { parseUrl } from '../../kernel/builtins.js';

/** Remembers interaction ids; `firstSeen` is false for an id already answered within the window. */
export interface ReplayGuard {
  /** Throws LimitsUnavailable when a shared store cannot answer. */
  firstSeen(id: string): Promise<boolean>;
}

export type StateBackend = 'memory' | 'cluster' | 'redis';

export interface DoorState {
  backend: StateBackend;
  limiter: UserRateLimiter;
  replays: ReplayGuard;
  /** Lets go of the store (closes the Redis connection). */
  close(): Promise<void>;
}

/**
 * How long an interaction id is remembered: the signature window both ways (a timestamp may be up to
 * MAX_SKEW_SECONDS ahead of our clock or behind it), after which the signature check refuses it anyway.
 */
export const REPLAY_WINDOW_SECONDS = 2 * MAX_SKEW_SECONDS;
/**
 * The most ids one process remembers. Only requests with Discord's signature are recorded, so this is
 * Discord's own traffic: 100,000 in 10 minutes is ~170 interactions a second, for ~10 MB. Past it the
 * oldest ids are forgotten first (a warning is logged once): a bound on memory, at the cost of a replay of
 * an old enough id getting through on a door far busier than one instance should be.
 */
export const MAX_REMEMBERED_IDS = 100_000;

/** The in-memory guard of one process, bounded. */
export function memoryReplayGuard(logger?: Logger, max = MAX_REMEMBERED_IDS): ReplayGuard {
  const seen = new TTLCache<string, true>({ max, ttl: REPLAY_WINDOW_SECONDS * 1000 });
  let warned = false;
  return {
    firstSeen(id) {
      if (seen.has(id)) return Promise.resolve(false);
      if (seen.size >= max && !warned) {
        warned = true;
        logger?.warn({ max }, 'replay memory full: forgetting the oldest interaction ids early');
      }
      seen.set(id, true);
      return Promise.resolve(true);
    },
  };
}

/** A guard over a limiter of one point per id per window: the store's own atomic consume decides. */
function limiterReplayGuard(store: RateLimiterAbstract): ReplayGuard {
  return {
    async firstSeen(id) {
      try {
        await store.consume(id, 1);
        return true;
      } catch (res) {
        if (res instanceof RateLimiterRes) return false;
        throw new LimitsUnavailable(res);
      }
    },
  };
}

export function memoryState(config: RateLimitConfig, logger?: Logger): DoorState {
  return {
    backend: 'memory',
    limiter: new UserRateLimiter(config),
    replays: memoryReplayGuard(logger),
    close: () => Promise.resolve(),
  };
}

/** In a cluster worker: both kept by the primary, which must have created a RateLimiterClusterMaster. */
export function clusterState(config: RateLimitConfig): DoorState {
  const common = { timeoutMs: 2000 };
  return {
    backend: 'cluster',
    limiter: new UserRateLimiter(
      config,
      new RateLimiterCluster({ ...common, keyPrefix: 'rl', points: config.points, duration: config.windowSeconds }),
    ),
    replays: limiterReplayGuard(
      new RateLimiterCluster({ ...common, keyPrefix: 'replay', points: 1, duration: REPLAY_WINDOW_SECONDS }),
    ),
    close: () => Promise.resolve(),
  };
}

export interface RedisOptions {
  url: string;
  config: RateLimitConfig;
  logger: Logger;
  /** RATE_LIMIT_FALLBACK=memory: an in-memory limit of the same size takes over while Redis is away. */
  fallbackToMemory?: boolean;
  /** How long start-up waits for Redis to answer before giving up; default 5 s. */
  connectTimeoutMs?: number;
  /** Key prefix, so several bots can share one Redis; default `city-alliance-bot`. */
  prefix?: string;
}

/** host:port of a Redis URL, for messages: the URL itself may carry a password. */
export function redisWhere(url: string): string {
  const u = parseUrl(url);
  return u === null ? 'REDIS_URL' : `${u.hostname}:${u.port || '6379'}`;
}

/**
 * Both kept in Redis. Start-up waits for Redis to answer (a ConfigError naming it if it cannot), so a door
 * never starts with a limit it cannot keep. Afterwards ioredis reconnects by itself; while Redis is away
 * each interaction is refused with a notice (or limited in memory, by choice), and the door logs one line
 * when Redis goes and one when it is back.
 */
export async function redisState(o: RedisOptions): Promise<DoorState> {
  const where = redisWhere(o.url);
  const client = new Redis(o.url, {
    lazyConnect: true,
    // rate-limiter-flexible needs commands to fail at once rather than queue while Redis is away.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: o.connectTimeoutMs ?? 5000,
    // Keep trying, at most every 2 s: a Redis restart should heal by itself.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let up = false;
  let started = false;
  let closing = false;
  const down = (why: string): void => {
    if (!up || closing) return;
    up = false;
    o.logger.error(
      { redis: where, reason: why },
      o.fallbackToMemory
        ? 'Redis is unreachable: rate limits fall back to memory until it is back'
        : 'Redis is unreachable: interactions are refused until it is back',
    );
  };
  // One line per outage, whichever comes first: the connection closing, or an error. (Without an 'error'
  // listener ioredis's errors would be unhandled and end the process.)
  client.on('close', () => down('connection closed'));
  client.on('error', (err: Error) => down(err.message));
  client.on('ready', () => {
    if (up) return;
    const wasDown = started;
    up = true;
    if (wasDown) o.logger.info({ redis: where }, 'Redis is back: shared rate limits restored');
  });
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    throw new ConfigError([
      `REDIS_URL: Redis at ${where} did not answer (${err instanceof Error ? err.message : String(err)}); start it, or unset REDIS_URL to keep the limits in memory`,
    ]);
  }
  started = true;
  up = client.status === 'ready';
  const prefix = o.prefix ?? 'city-alliance-bot';
  const insurance = (points: number, duration: number): { insuranceLimiter?: RateLimiterMemory } =>
    o.fallbackToMemory ? { insuranceLimiter: new RateLimiterMemory({ points, duration }) } : {};
  const store = (keyPrefix: string, points: number, duration: number): RateLimiterRedis =>
    new RateLimiterRedis({
      storeClient: client,
      keyPrefix: `${prefix}:${keyPrefix}`,
      points,
      duration,
      rejectIfRedisNotReady: true,
      ...insurance(points, duration),
    });
  return {
    backend: 'redis',
    limiter: new UserRateLimiter(o.config, store('rl', o.config.points, o.config.windowSeconds)),
    replays: limiterReplayGuard(store('replay', 1, REPLAY_WINDOW_SECONDS)),
    async close() {
      closing = true;
      await client.quit().catch(() => client.disconnect());
    },
  };
}
