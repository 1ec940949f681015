// Retry timing: the full-jitter bounds at each attempt, the cap, and Retry-After in both forms and malformed.
import { describe, expect, it } from 'vitest';
import { RETRY_AFTER_MAX_MS, RETRY_BASE_MS, RETRY_CAP_MS, backoffDelay, retryAfterMs } from './backoff';

describe('backoffDelay', () => {
  it('is uniform in [0, base·2^(attempt−1)) and doubles per attempt', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, () => 0))).toEqual([0, 0, 0, 0]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, () => 0.5))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, () => 0.999999))).toEqual([999, 1999, 3999, 7999]);
  });

  it('is capped at five minutes however many attempts', () => {
    expect(backoffDelay(9, () => 0.999999)).toBe(255_999);
    expect(backoffDelay(10, () => 0.999999)).toBe(RETRY_CAP_MS - 1);
    expect(backoffDelay(1000, () => 0.5)).toBe(RETRY_CAP_MS / 2);
    expect(backoffDelay(Infinity, () => 0.5)).toBe(RETRY_CAP_MS / 2);
  });

  it('treats attempt 0 as the first, and a random() out of [0, 1) as 0.5', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(RETRY_BASE_MS / 2);
    for (const r of [1, -1, Number.NaN, 7]) expect(backoffDelay(1, () => r)).toBe(500);
  });
});

describe('retryAfterMs', () => {
  const now = Date.UTC(2025, 0, 1);

  it('reads delay-seconds', () => {
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
  });

  it('caps what it honours at an hour', () => {
    expect(retryAfterMs('86400', now)).toBe(RETRY_AFTER_MAX_MS);
    expect(retryAfterMs('Fri, 01 Jan 2100 00:00:00 GMT', now)).toBe(RETRY_AFTER_MAX_MS);
  });

  it('ignores what it cannot read', () => {
    for (const v of [null, undefined, '', '1.5', '-3', 'soon', '12abc']) expect(retryAfterMs(v, now)).toBeUndefined();
  });
});
