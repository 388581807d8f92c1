/**
 * Per-user rate limit for the Discord doors (the console is never limited). A user who floods gets a
 * polite localized notice; everyone else is unaffected because each user has their own budget.
 * In-memory per process: behind several HTTP instances each enforces its own share, which is enough to
 * stop one user from hogging an instance.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitConfig {
  /** Requests allowed per user in each window. */
  points: number;
  /** Window length in seconds. */
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { points: 8, windowSeconds: 20 };

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export class UserRateLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(readonly config: RateLimitConfig = DEFAULT_RATE_LIMIT) {
    this.limiter = new RateLimiterMemory({ points: config.points, duration: config.windowSeconds });
  }

  async take(userId: string): Promise<RateDecision> {
    try {
      await this.limiter.consume(userId, 1);
      return { ok: true };
    } catch (res) {
      if (res instanceof RateLimiterRes)
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
      throw res;
    }
  }
}
