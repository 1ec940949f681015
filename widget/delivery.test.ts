import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HandoffRequest } from '../sdk/wire';
import {
  BACKOFF_MAX_MS,
  MAX_ATTEMPTS,
  PENDING_MAX_AGE_MS,
  backoff,
  dropPending,
  listPending,
  resendPending,
  retryAfterMs,
  savePending,
  sendHandoff,
  type SendDeps,
} from './delivery';
import { emptyTrail } from './test/dom';

const NOW = 1_800_000_000_000;
const request = (id = 'req-1', at = NOW): HandoffRequest => ({
  id,
  anonymousId: 'anon',
  sessionId: 'sess',
  answers: { tryingTo: 'export invoices', expected: 'a CSV' },
  trail: emptyTrail(),
  at,
});

type Answer = number | [number, Record<string, string>?, unknown?] | 'network';
/** A scripted edge: one answer per request, in order; records bodies and the waits the sender asked for. */
function edge(...answers: Answer[]) {
  const bodies: string[] = [];
  const waits: number[] = [];
  const deps: SendDeps = {
    fetch: vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      expect(String(url)).toBe('https://edge.test/v1/handoff');
      expect(init!.headers).toMatchObject({ authorization: 'Bearer pk_test', 'content-type': 'application/json' });
      bodies.push(String(init!.body));
      const a = answers.shift() ?? 503;
      if (a === 'network') throw new TypeError('Failed to fetch');
      const [status, headers, body] = Array.isArray(a) ? a : [a];
      const json = body ?? (status < 300 ? { caseId: 'case_1', reference: 'FS-1234' } : { error: { code: 'x', message: 'edge says no' } });
      return new Response(JSON.stringify(json), { status, headers });
    }) as unknown as typeof fetch,
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    now: () => NOW,
  };
  return { deps, bodies, waits };
}
const send = (deps: SendDeps, over = {}) => sendHandoff({ endpoint: 'https://edge.test', key: 'pk_test', request: request(), deps, stopped: () => false, ...over });

describe('sendHandoff', () => {
  it('503, 503, 201: three tries of the same body, backing off, then the case', async () => {
    const { deps, bodies, waits } = edge(503, 503, 201);
    expect(await send(deps)).toEqual({ kind: 'sent', created: { caseId: 'case_1', reference: 'FS-1234' } });
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!).id).toBe('req-1');
    expect(waits).toEqual([750, 1500]);
  });

  it('a retried request answered 200 (the edge found its case) is sent too', async () => {
    const { deps } = edge('network', 200);
    expect((await send(deps)).kind).toBe('sent');
  });

  it('honours Retry-After when longer than the backoff, in seconds or as a date', async () => {
    const { deps, waits } = edge([429, { 'retry-after': '7' }], [503, { 'retry-after': new Date(NOW + 20_000).toUTCString() }], 201);
    expect((await send(deps)).kind).toBe('sent');
    expect(waits).toEqual([7000, 20_000]);
  });

  it('retries 408, 429, 5xx and network errors', async () => {
    const { deps, bodies } = edge(408, 429, 500, 502, 'network', 201);
    expect((await send(deps)).kind).toBe('sent');
    expect(bodies).toHaveLength(6);
  });

  it.each([400, 401, 403, 404, 413, 415])('gives up at once on %i with the edge message', async (status) => {
    const { deps, bodies } = edge(status);
    expect(await send(deps)).toEqual({ kind: 'rejected', message: 'edge says no' });
    expect(bodies).toHaveLength(1);
  });

  it('says the status when a refusal has no readable body', async () => {
    const { deps } = edge([400, {}, 'not json']);
    expect(await send(deps)).toEqual({ kind: 'rejected', message: 'HTTP 400' });
  });

  it('stops after the attempts, or at a Retry-After too long to wait in the page, or when stopped', async () => {
    const a = edge();
    expect(await send(a.deps)).toEqual({ kind: 'later' });
    expect(a.bodies).toHaveLength(MAX_ATTEMPTS);
    const b = edge([503, { 'retry-after': '3600' }]);
    expect(await send(b.deps)).toEqual({ kind: 'later' });
    expect(b.bodies).toHaveLength(1);
    const c = edge(503, 503);
    let stop = false;
    c.deps.sleep = async () => void (stop = true);
    expect(await send(c.deps, { stopped: () => stop })).toEqual({ kind: 'later' });
    expect(c.bodies).toHaveLength(2);
  });
});

describe('backoff and Retry-After', () => {
  it('doubles from about a second with equal jitter, capped', () => {
    expect([0, 1, 2, 3].map((n) => backoff(n, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([0, 1, 2, 3].map((n) => backoff(n, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoff(20, () => 1)).toBe(BACKOFF_MAX_MS);
  });
  it('reads seconds and dates, and nothing else', () => {
    expect(retryAfterMs('3', NOW)).toBe(3000);
    expect(retryAfterMs(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(retryAfterMs(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(retryAfterMs(null, NOW)).toBe(0);
    expect(retryAfterMs('soon', NOW)).toBe(0);
    expect(retryAfterMs('-3', NOW)).toBe(0);
  });
});

describe('pending handoffs', () => {
  beforeEach(async () => {
    for (const p of await listPending()) await dropPending(p.request.id);
  });

  it('are kept in IndexedDB until dropped', async () => {
    await savePending({ endpoint: 'https://edge.test', key: 'pk_test', request: request('a') });
    expect((await listPending()).map((p) => p.request.id)).toEqual(['a']);
    await dropPending('a');
    expect(await listPending()).toEqual([]);
  });

  it('are resent on the next mount, oldest first, for this endpoint and key only, then dropped', async () => {
    await savePending({ endpoint: 'https://edge.test', key: 'pk_test', request: request('new', NOW - 1000) });
    await savePending({ endpoint: 'https://edge.test', key: 'pk_test', request: request('old', NOW - 5000) });
    await savePending({ endpoint: 'https://other.test', key: 'pk_test', request: request('elsewhere') });
    await savePending({ endpoint: 'https://edge.test', key: 'pk_test', request: request('stale', NOW - PENDING_MAX_AGE_MS - 1) });
    const { deps, bodies } = edge(201, 400);
    const sent = vi.fn();
    await resendPending('https://edge.test', 'pk_test', deps, sent, () => false);
    expect(bodies.map((b) => JSON.parse(b).id)).toEqual(['old', 'new']);
    expect(sent).toHaveBeenCalledTimes(1);
    expect(sent.mock.calls[0]![1].id).toBe('old');
    expect((await listPending()).map((p) => p.request.id)).toEqual(['elsewhere']);
  });

  it('stay pending while the edge is still down', async () => {
    await savePending({ endpoint: 'https://edge.test', key: 'pk_test', request: request('a') });
    const { deps } = edge();
    await resendPending('https://edge.test', 'pk_test', deps, vi.fn(), () => false);
    expect((await listPending()).map((p) => p.request.id)).toEqual(['a']);
  });
});
