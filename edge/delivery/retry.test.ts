import { describe, expect, it } from 'vitest';
import {
  MAX_ATTEMPTS,
  MAX_RETRY_AFTER_MS,
  baseRetryDelay,
  classifyStatus,
  parseRetryAfter,
  recordFor,
  retryDelay,
  type AttemptOutcome,
} from './retry';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('the retry schedule', () => {
  it('waits 1, 4, 16, 64 min, 4 h 16, then 6 h, and gives up after 9 attempts, about a day after the first', () => {
    const waits = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => baseRetryDelay(i + 1));
    expect(waits).toEqual([1 * MIN, 4 * MIN, 16 * MIN, 64 * MIN, 256 * MIN, 6 * HOUR, 6 * HOUR, 6 * HOUR]);
    const total = waits.reduce((a, b) => a + b, 0);
    expect(total / HOUR).toBeCloseTo(23.68, 1);
  });

  it('spreads each wait by ±20% with the injected randomness', () => {
    expect(retryDelay(1, () => 0)).toBe(48_000);
    expect(retryDelay(1, () => 0.5)).toBe(60_000);
    expect(retryDelay(1, () => 0.999999)).toBe(72_000);
    expect(retryDelay(8, () => 0)).toBe(17_280_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date, relative to now, and a past date as no wait', () => {
    expect(parseRetryAfter('Mon, 01 Jun 2026 12:05:00 GMT', NOW)).toBe(5 * MIN);
    expect(parseRetryAfter('Mon, 01 Jun 2026 11:00:00 GMT', NOW)).toBe(0);
  });

  it('caps what it reads at six hours', () => {
    expect(parseRetryAfter('999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Fri, 01 Jan 2027 00:00:00 GMT', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('ignores what it cannot read', () => {
    for (const v of [null, undefined, '', '-5', '1.5', 'soon', '2026-06-01T12:05:00Z', 'Mon, 01 Jun 2026 12:05:00 +0200']) expect(parseRetryAfter(v, NOW)).toBeNull();
  });
});

describe('classifyStatus', () => {
  it.each([
    [200, 'delivered'],
    [202, 'delivered'],
    [204, 'delivered'],
    [410, 'gone'],
    [408, 'retry'],
    [425, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [301, 'retry'],
    [302, 'retry'],
    [307, 'retry'],
    [401, 'retry'],
    [403, 'retry'],
    [400, 'dead'],
    [404, 'dead'],
    [405, 'dead'],
    [409, 'dead'],
    [413, 'dead'],
    [422, 'dead'],
  ] as const)('%i is %s', (status, kind) => {
    expect(classifyStatus(status)).toBe(kind);
  });
});

describe('recordFor', () => {
  const half = () => 0.5;
  const retry = (error: string, retryAfterMs?: number): AttemptOutcome => ({ kind: 'retry', status: 503, error, retryAfterMs: retryAfterMs ?? null });

  it('records a delivery', () => {
    expect(recordFor({ attempts: 2 }, { kind: 'delivered', status: 200 }, NOW, half)).toEqual({
      state: 'delivered',
      attempts: 3,
      nextAttemptAt: NOW,
      lastStatus: 200,
      lastError: null,
      deliveredAt: NOW,
    });
  });

  it('schedules a retry at the step for the attempts made', () => {
    expect(recordFor({ attempts: 0 }, retry('HTTP 503'), NOW, half)).toEqual({
      state: 'failed',
      attempts: 1,
      nextAttemptAt: NOW + MIN,
      lastStatus: 503,
      lastError: 'HTTP 503',
      deliveredAt: null,
    });
    expect(recordFor({ attempts: 3 }, retry('HTTP 503'), NOW, half).nextAttemptAt).toBe(NOW + 64 * MIN);
  });

  it('honours a Retry-After longer than the step, and never comes back sooner than the step', () => {
    expect(recordFor({ attempts: 0 }, retry('HTTP 429', 30 * MIN), NOW, half).nextAttemptAt).toBe(NOW + 30 * MIN);
    expect(recordFor({ attempts: 0 }, retry('HTTP 429', 5_000), NOW, half).nextAttemptAt).toBe(NOW + MIN);
  });

  it('gives up after the last attempt, keeping the last error', () => {
    expect(recordFor({ attempts: MAX_ATTEMPTS - 2 }, retry('HTTP 503'), NOW, half).state).toBe('failed');
    expect(recordFor({ attempts: MAX_ATTEMPTS - 1 }, retry('HTTP 503'), NOW, half)).toEqual({
      state: 'dead',
      attempts: MAX_ATTEMPTS,
      nextAttemptAt: NOW,
      lastStatus: 503,
      lastError: 'HTTP 503 (gave up after 9 attempts)',
      deliveredAt: null,
    });
  });

  it('puts a refused or gone delivery to dead at once', () => {
    expect(recordFor({ attempts: 0 }, { kind: 'dead', status: 404, error: 'HTTP 404 (channel_not_found)' }, NOW, half)).toMatchObject({
      state: 'dead',
      attempts: 1,
      lastError: 'HTTP 404 (channel_not_found)',
    });
    expect(recordFor({ attempts: 4 }, { kind: 'gone', status: 410, error: 'HTTP 410' }, NOW, half)).toMatchObject({ state: 'dead', attempts: 5, lastStatus: 410 });
  });
});
