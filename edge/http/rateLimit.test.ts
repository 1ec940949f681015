import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rateLimit';

describe('token bucket', () => {
  it('allows a burst, then refills at the steady rate, per key', () => {
    const limiter = createRateLimiter({ burst: 3, perSecond: 2 });
    expect([0, 0, 0].map((t) => limiter.take('a', t))).toEqual([0, 0, 0]);
    expect(limiter.take('a', 0)).toBe(1);
    expect(limiter.take('b', 0)).toBe(0);
    expect(limiter.take('a', 499)).toBe(1);
    expect(limiter.take('a', 500)).toBe(0);
    expect(limiter.take('a', 500)).toBe(1);
    // Never more than the burst, however long the key was idle.
    expect([1, 2, 3, 4].map(() => limiter.take('a', 3_600_000))).toEqual([0, 0, 0, 1]);
  });

  it('says how long to wait when the rate is slow', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.1 });
    limiter.take('k', 0);
    expect(limiter.take('k', 0)).toBe(10);
  });
});
