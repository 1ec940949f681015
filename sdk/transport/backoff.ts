// Retry timing for the transport: exponential backoff with full jitter, and the edge's Retry-After.

/** The first retry comes within a second: most failures are a blip. */
export const RETRY_BASE_MS = 1000;
/** Past five minutes a waiting tab gains nothing; the queue is persisted and the edge sets Retry-After when it knows better. */
export const RETRY_CAP_MS = 5 * 60_000;
/** A Retry-After far in the future (or a client clock that is far off) must not park events for days. */
export const RETRY_AFTER_MAX_MS = 60 * 60_000;

/**
 * Full jitter ("Exponential Backoff and Jitter", AWS Architecture Blog): uniform in
 * [0, min(cap, base · 2^(attempt − 1))), so clients that failed together do not retry together.
 * Attempt 0 counts as the first; 2 ** a large attempt is Infinity, which the cap absorbs.
 */
export function backoffDelay(attempt: number, random: () => number): number {
  const r = random();
  return Math.floor((r >= 0 && r < 1 ? r : 0.5) * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** ((attempt || 1) - 1)));
}

/** Retry-After as delay-seconds or as an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  const v = (value ?? '').trim();
  // Date.parse reads bare numbers like "1.5" as dates, so only strings with letters are tried as HTTP dates.
  const ms = /^\d+$/.test(v) ? +v * 1000 : /[a-z]/i.test(v) ? Date.parse(v) - now : NaN;
  return isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), RETRY_AFTER_MAX_MS);
}
