/**
 * Per-user rate limit for the Discord doors (the console is never limited). A user who floods gets a
 * polite localized notice; everyone else is unaffected because each user has their own budget.
 * In memory by default. The HTTP door can share one budget between its cluster workers (through the
 * primary) or between instances (through Redis): src/doors/http/state.ts builds those.
 */
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface RateLimitConfig {
  /** Requests allowed per user in each window. */
  points: number;
  /** Window length in seconds. */
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { points: 8, windowSeconds: 20 };

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * The shared store behind a limit (Redis, the cluster primary) could not answer. The door refuses the
 * interaction with a notice rather than let it through unlimited: a limit that silently lapses whenever its
 * store does is no limit.
 */
export class LimitsUnavailable extends Error {
  constructor(cause: unknown) {
    super(`the rate-limit store did not answer: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'LimitsUnavailable';
  }
}

export class UserRateLimiter {
  private readonly limiter: RateLimiterAbstract;

  /** `store`: a limiter built over a shared store with the same points and duration; default in memory. */
  constructor(
    readonly config: RateLimitConfig = DEFAULT_RATE_LIMIT,
    store?: RateLimiterAbstract,
  ) {
    this.limiter = store ?? new RateLimiterMemory({ points: config.points, duration: config.windowSeconds });
  }

  /** Takes one point of the user's budget; throws LimitsUnavailable when a shared store cannot answer. */
  async take(userId: string): Promise<RateDecision> {
    try {
      await this.limiter.consume(userId, 1);
      return { ok: true };
    } catch (res) {
      if (res instanceof RateLimiterRes)
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
      throw new LimitsUnavailable(res);
    }
  }
}
