import { describe, expect, it } from 'vitest';
import { MAX_FUTURE_MS, MAX_PAST_MS, SKEW_TOLERANCE_MS, trustedTime } from './timestamps';

const NOW = 1_750_000_000_000;

describe('trustedTime', () => {
  it('keeps an honest clock as sent, network delay included', () => {
    expect(trustedTime(NOW - 5_000, NOW - 300, NOW)).toEqual({ at: NOW - 5_000, corrected: false });
    expect(trustedTime(NOW - 5_000, NOW - SKEW_TOLERANCE_MS, NOW)).toEqual({ at: NOW - 5_000, corrected: false });
  });

  it('moves events of a client whose clock is 2 h fast onto the edge clock', () => {
    const fast = 2 * 3600_000;
    expect(trustedTime(NOW + fast - 10_000, NOW + fast, NOW)).toEqual({ at: NOW - 10_000, corrected: true });
  });

  it('keeps the age of events queued offline for a day by a slow clock', () => {
    const slow = -3 * 60_000;
    const day = 24 * 3600_000;
    expect(trustedTime(NOW + slow - day, NOW + slow, NOW)).toEqual({ at: NOW - day, corrected: true });
  });

  it('clamps what is still too far ahead after correction to the receive time', () => {
    expect(trustedTime(NOW + MAX_FUTURE_MS + 1, NOW, NOW)).toEqual({ at: NOW, corrected: true });
    expect(trustedTime(NOW + MAX_FUTURE_MS, NOW, NOW)).toEqual({ at: NOW + MAX_FUTURE_MS, corrected: false });
  });

  it('clamps what is too old to the oldest accepted time', () => {
    expect(trustedTime(0, NOW, NOW)).toEqual({ at: NOW - MAX_PAST_MS, corrected: true });
    expect(trustedTime(NOW - MAX_PAST_MS, NOW, NOW)).toEqual({ at: NOW - MAX_PAST_MS, corrected: false });
  });

  it('places events of a client whose clock reads the epoch at their age before the send', () => {
    expect(trustedTime(1_000, 5_000, NOW)).toEqual({ at: NOW - 4_000, corrected: true });
  });
});
