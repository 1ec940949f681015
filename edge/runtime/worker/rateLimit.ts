// The per-key limit on Workers: Cloudflare's rate limiting binding, one counter per key shared by every isolate.
import type { Logger } from '../../app';
import type { RateLimiter } from '../../http/rateLimit';

/**
 * Why the binding and not a Durable Object token bucket per key: one public key carries every visitor of a
 * customer's product (thousands of requests a second at the default limit), and one object serves on the order of
 * a thousand requests a second, so a bucket object would become the limit it enforces, and add a round trip to
 * every request. The binding answers locally; its counts are per Cloudflare location and approximate, which is
 * enough for what the limit is for (a runaway script, a key abused from elsewhere).
 *
 * The binding says only yes or no, so a refusal waits out one whole period.
 */
export function bindingRateLimiter(binding: RateLimit, periodSeconds: number, logger: Logger): RateLimiter {
  return {
    async take(key) {
      try {
        const { success } = await binding.limit({ key });
        return success ? 0 : periodSeconds;
      } catch (e) {
        // A limiter that cannot answer must not take ingest down with it.
        logger.error({ msg: 'rate limiter unavailable; request allowed', error: e instanceof Error ? e.message : String(e) });
        return 0;
      }
    },
  };
}
