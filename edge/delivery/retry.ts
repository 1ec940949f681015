// When a failed delivery is tried again, which answers are worth retrying, and what one attempt does to its outbox row.
//
// The schedule (attempt n waits FIRST_RETRY_DELAY_MS × BACKOFF_FACTOR^(n−1), at most MAX_RETRY_DELAY_MS, ±20%):
//
//   attempt   1      2      3       4       5       6      7      8      9
//   waits     now    1 min  4 min   16 min  64 min  4 h16  6 h    6 h    6 h      → gives up ≈ 23.7 h after the first
//
// About a day, like the Standard Webhooks recommendation, so a receiver down overnight still gets its deliveries.
// Jitter spreads the retries of many rows that failed together (an outage) so they do not return as one burst.
import type { OutboxRecord } from '../actions/types';

/** Attempts in all, the first included. */
export const MAX_ATTEMPTS = 9;
export const FIRST_RETRY_DELAY_MS = 60_000;
export const BACKOFF_FACTOR = 4;
export const MAX_RETRY_DELAY_MS = 6 * 3_600_000;
/** Each wait is stretched or shrunk by up to this fraction. */
export const RETRY_JITTER = 0.2;
/** A Retry-After further out than this is read as this: a receiver cannot park a delivery for days. */
export const MAX_RETRY_AFTER_MS = MAX_RETRY_DELAY_MS;
/** Per attempt, from resolving the host to reading the answer: the Standard Webhooks advice is 15–30 s; Slack answers in well under one. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The wait after `attempts` failed attempts (1 = the first failed), before jitter. */
export function baseRetryDelay(attempts: number): number {
  return Math.min(FIRST_RETRY_DELAY_MS * BACKOFF_FACTOR ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}

/** The wait after `attempts` failed attempts, with jitter from `random` (uniform in [0, 1)). */
export function retryDelay(attempts: number, random: () => number): number {
  return Math.round(baseRetryDelay(attempts) * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()));
}

/**
 * Retry-After as milliseconds from `now`: delay-seconds ("120") or an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT"),
 * capped at MAX_RETRY_AFTER_MS; null when absent or unreadable; 0 for a date already past.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, MAX_RETRY_AFTER_MS);
  // HTTP dates always name a weekday and end in GMT; requiring that keeps Date.parse from guessing at other text.
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(v)) return null;
  const at = Date.parse(v);
  if (!Number.isFinite(at)) return null;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/**
 * What one attempt came to. retry: worth trying again (timeouts, network errors, 408, 425, 429, 5xx, and 3xx, 401,
 * 403: see classifyStatus); dead: this payload will never be accepted; gone: the receiver asked never to be called
 * again (410), so the destination is disabled too.
 */
export type AttemptOutcome =
  | { kind: 'delivered'; status: number | null }
  | { kind: 'retry'; status: number | null; error: string; retryAfterMs?: number | null }
  | { kind: 'dead'; status: number | null; error: string }
  | { kind: 'gone'; status: number | null; error: string };

/**
 * How an HTTP status is treated:
 * - 2xx delivered.
 * - 410 gone: the receiver (Slack for an archived channel or a removed app, a Standard Webhooks receiver) says stop.
 * - 408, 425, 429, 5xx retry: the receiver is busy or down.
 * - 3xx, 401, 403 retry: redirects are not followed (they could lead anywhere, even inside our network) and
 *   credentials are refused; both are fixed by correcting the destination (its URL, token or secret), which every
 *   attempt reads afresh, so the day of retries lets the backlog through once someone has.
 * - any other 4xx dead at once: the receiver refused these exact bytes (a malformed payload, a ticket that does not
 *   exist, a channel not found) and a retry would send the same bytes again.
 */
export function classifyStatus(status: number): AttemptOutcome['kind'] {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'gone';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  if ((status >= 300 && status < 400) || status === 401 || status === 403) return 'retry';
  return 'dead';
}

export type AttemptRecord = Pick<OutboxRecord, 'state' | 'attempts' | 'nextAttemptAt' | 'lastStatus' | 'lastError' | 'deliveredAt'>;

/** The row after one attempt: delivered, failed with its next attempt scheduled, or dead. */
export function recordFor(row: Pick<OutboxRecord, 'attempts'>, outcome: AttemptOutcome, now: number, random: () => number): AttemptRecord {
  const attempts = row.attempts + 1;
  const status = outcome.status;
  switch (outcome.kind) {
    case 'delivered':
      return { state: 'delivered', attempts, nextAttemptAt: now, lastStatus: status, lastError: null, deliveredAt: now };
    case 'dead':
    case 'gone':
      return { state: 'dead', attempts, nextAttemptAt: now, lastStatus: status, lastError: outcome.error, deliveredAt: null };
    case 'retry': {
      if (attempts >= MAX_ATTEMPTS) {
        return { state: 'dead', attempts, nextAttemptAt: now, lastStatus: status, lastError: `${outcome.error} (gave up after ${attempts} attempts)`, deliveredAt: null };
      }
      // Honoured, never shortened: a receiver that asks for longer than our step gets it; one that asks for less
      // still gets the step, so a burst of 429s cannot spend the attempts in minutes.
      const wait = Math.max(retryDelay(attempts, random), outcome.retryAfterMs ?? 0);
      return { state: 'failed', attempts, nextAttemptAt: now + wait, lastStatus: status, lastError: outcome.error, deliveredAt: null };
    }
  }
}
