// Delivers a handoff through a flaky network: retries with exponential backoff and jitter, honours Retry-After,
// and keeps the request in IndexedDB until the edge has it, so a closed tab sends it on the next visit.
import { createStore, del, entries, set } from 'idb-keyval';
import type { HandoffCreated, HandoffRequest } from '../sdk/wire';

/** First retry after about a second, doubling up to 30 s: the shape of the SDK's event transport. */
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 30_000;
/** Tries while the form is open (about a minute in all); then the request waits in IndexedDB. */
export const MAX_ATTEMPTS = 6;
/** A Retry-After longer than this is not waited for in the page: the request waits for the next visit. */
export const MAX_RETRY_AFTER_MS = 120_000;
/** A pending handoff older than this is dropped: the user has moved on and its trail is stale. */
export const PENDING_MAX_AGE_MS = 7 * 86_400_000;

export type Outcome =
  | { kind: 'sent'; created: HandoffCreated }
  /** The edge refused it (4xx other than 408/429): sending it again cannot help. */
  | { kind: 'rejected'; message: string }
  /** Not delivered yet (network error, 408, 429, 5xx): kept for later. */
  | { kind: 'later' };

export interface SendDeps {
  fetch: typeof fetch;
  sleep(ms: number): Promise<unknown>;
  random(): number;
  now(): number;
}

export const browserDeps = (): SendDeps => ({
  fetch: (...a) => fetch(...a),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  random: Math.random,
  now: Date.now,
});

/** Exponential backoff with equal jitter: at least half the step, so retries spread out but never hammer. */
export const backoff = (retry: number, random: () => number): number => {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** retry);
  return step / 2 + (random() * step) / 2;
};

/** Retry-After in ms (delta seconds or an HTTP date), or 0 when absent or unreadable. */
export const retryAfterMs = (header: string | null, now: number): number =>
  !header ? 0 : Math.max(0, /^\s*\d+\s*$/.test(header) ? +header * 1000 : Date.parse(header) - now || 0);

export interface SendOptions {
  endpoint: string;
  key: string;
  request: HandoffRequest;
  deps: SendDeps;
  /** Called before each wait. */
  onRetry?(): void;
  /** True once the widget is destroyed: stop, the request stays pending. */
  stopped(): boolean;
  attempts?: number;
}

/** POSTs the handoff until the edge answers for good or the attempts run out. Never throws. */
export async function sendHandoff({ endpoint, key, request, deps, onRetry, stopped, attempts = MAX_ATTEMPTS }: SendOptions): Promise<Outcome> {
  const body = JSON.stringify(request);
  for (let attempt = 1; ; attempt++) {
    let wait = 0;
    try {
      const res = await deps.fetch(endpoint + '/v1/handoff', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + key },
        body,
      });
      const s = res.status;
      if (res.ok) return { kind: 'sent', created: await res.json() };
      if (s != 408 && s != 429 && s < 500) {
        let message = 'HTTP ' + s;
        try {
          message = (await res.json()).error.message || message;
        } catch {
          // not the edge's error shape: the status says enough
        }
        return { kind: 'rejected', message };
      }
      wait = retryAfterMs(res.headers.get('retry-after'), deps.now());
    } catch {
      // A network error: the edge may or may not have the case; the request id makes the retry safe either way.
    }
    if (attempt >= attempts || wait > MAX_RETRY_AFTER_MS || stopped()) return { kind: 'later' };
    onRetry && onRetry();
    await deps.sleep(Math.max(wait, backoff(attempt - 1, deps.random)));
  }
}

/** What IndexedDB keeps per pending handoff: where it goes, with which key. */
export interface Pending {
  endpoint: string;
  key: string;
  request: HandoffRequest;
}

/** The widget's own database (opened on first use): the SDK's event queue lives elsewhere and is never touched. */
const store = createStore('forestall-handoff', 'pending');
/** Storage failures (private mode, quota, no IndexedDB) leave the handoff in memory: sending still works. */
const safely = <T>(op: () => Promise<T>, fallback: T): Promise<T> => {
  try {
    return op().catch(() => fallback);
  } catch {
    return Promise.resolve(fallback);
  }
};
export const savePending = (p: Pending) => safely(() => set(p.request.id, p, store), undefined);
export const dropPending = (id: string) => safely(() => del(id, store), undefined);
export const listPending = () => safely(() => entries<string, Pending>(store).then((e) => e.map((x) => x[1])), [] as Pending[]);

/**
 * Sends the handoffs an earlier page left pending for this endpoint and key, oldest first. The edge dedups on the
 * request id, so a handoff that arrived before the tab closed is answered with its case, not made twice.
 */
export async function resendPending(
  endpoint: string,
  key: string,
  deps: SendDeps,
  onSent: (created: HandoffCreated, request: HandoffRequest) => void,
  stopped: () => boolean,
): Promise<void> {
  for (const { request, ...to } of (await listPending()).sort((a, b) => a.request.at - b.request.at)) {
    if (to.endpoint != endpoint || to.key != key) continue;
    const out = deps.now() - request.at > PENDING_MAX_AGE_MS ? null : await sendHandoff({ endpoint, key, request, deps, stopped, attempts: 3 });
    if (out && out.kind == 'later') return;
    await dropPending(request.id);
    if (out && out.kind == 'sent') onSent(out.created, request);
  }
}
