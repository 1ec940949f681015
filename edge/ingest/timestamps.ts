// Turns a client's event time into one the edge can trust: corrected by the batch's clock skew, clamped to a sane window.

/** A difference between the client's and the edge's clock below this is network latency, not skew, and is left alone. */
export const SKEW_TOLERANCE_MS = 60_000;
/** Later than this ahead of the edge's clock even after correction: the client clock is broken. */
export const MAX_FUTURE_MS = 24 * 60 * 60_000;
/** Older than this: the SDK drops its queue well before, so such an event is replayed or forged. */
export const MAX_PAST_MS = 30 * 24 * 60 * 60_000;

export interface TrustedTime {
  at: number;
  /** True when `at` is not the client's value as sent. */
  corrected: boolean;
}

/**
 * `sentAt` is the client's clock when it sent the batch, so `receivedAt - sentAt` is that clock's error (plus the
 * network's delay); adding it to `at` moves the event onto the edge's clock, which works for events queued offline
 * for hours too. What is still outside [receivedAt - MAX_PAST_MS, receivedAt + MAX_FUTURE_MS] is clamped.
 */
export function trustedTime(at: number, sentAt: number, receivedAt: number): TrustedTime {
  const skew = receivedAt - sentAt;
  let t = Math.round(at);
  let corrected = false;
  if (Math.abs(skew) > SKEW_TOLERANCE_MS) {
    t = Math.round(at + skew);
    corrected = true;
  }
  if (t > receivedAt + MAX_FUTURE_MS) return { at: receivedAt, corrected: true };
  if (t < receivedAt - MAX_PAST_MS) return { at: receivedAt - MAX_PAST_MS, corrected: true };
  return { at: t, corrected };
}
