// A token bucket per API key, on the injected clock: each request takes a token, tokens refill at a steady rate.

export interface RateLimitSettings {
  /** Requests a key may make in a burst. */
  burst: number;
  /** Tokens added back per second: the sustained request rate of one key. */
  perSecond: number;
}

/**
 * One public key serves every visitor of a customer's product, so the limit is per product, not per person:
 * 20,000 visitors flushing every 5 s is 4,000 requests a second. The default leaves room for that and stops a
 * runaway script or a key abused from elsewhere.
 */
export const DEFAULT_RATE_LIMIT: RateLimitSettings = { burst: 10_000, perSecond: 5_000 };

/** Buckets untouched this long are full again anyway, so they are forgotten to bound memory. */
const IDLE_MS = 10 * 60_000;

/** The per-key limit the app applies; in-process on Node, shared by every isolate on Workers (edge/runtime/worker). */
export interface RateLimiter {
  /** Takes a token; returns 0 when allowed, else the whole seconds to wait. */
  take(key: string, now: number): number | Promise<number>;
}

export function createRateLimiter(settings: RateLimitSettings): RateLimiter & { take(key: string, now: number): number } {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = 0;
  return {
    take(key, now) {
      if (now - lastSweep > IDLE_MS) {
        for (const [k, b] of buckets) if (now - b.at > IDLE_MS) buckets.delete(k);
        lastSweep = now;
      }
      const bucket = buckets.get(key) ?? { tokens: settings.burst, at: now };
      const elapsed = Math.max(0, now - bucket.at) / 1000;
      bucket.tokens = Math.min(settings.burst, bucket.tokens + elapsed * settings.perSecond);
      bucket.at = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / settings.perSecond));
    },
  };
}
