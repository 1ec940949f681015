// POST /v1/events as every runtime must answer it: stored once, bad input refused with nothing changed, CORS, limits.
import { describe, expect, it } from 'vitest';
import { KEY_CACHE_MS } from '../http/auth';
import { MAX_PAST_MS } from '../ingest/timestamps';
import { batch, event, NOW, ORIGIN, OTHER_ORIGIN, RATE_LIMIT_BURST, type ContractHarness as Harness, type SetupHarness } from '../test/fixtures';
import { MAX_EVENT_BYTES } from './events';

export const post = (h: Harness, body: unknown, headers: Record<string, string> = {}) =>
  h.json('POST', '/v1/events', body, { authorization: `Bearer ${h.pk}`, origin: ORIGIN, ...headers });

export async function expectError(res: Response, status: number, code: string, path?: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string; issues?: Array<{ path: string; message: string }> } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  if (path !== undefined) expect(body.error.issues?.map((i) => i.path)).toContain(path);
  return body;
}

/** Sends a bad request and checks the answer and that the database is exactly as before. */
export async function rejects(h: Harness, send: () => Promise<Response>, status: number, code: string, path?: string) {
  const before = await h.state();
  const body = await expectError(await send(), status, code, path);
  expect(await h.state()).toEqual(before);
  return body;
}

export function eventsContract(setup: SetupHarness): void {
  describe('POST /v1/events: accepted batches', () => {
    it('stores a batch and answers 202 with counts, readable by the allowed origin', async () => {
      const h = await setup();
      const events = [event({ userId: 'u1', accountId: 'acme' }), event({ type: 'track', name: 'export_clicked', props: { format: 'csv', rows: 3 } })];
      const res = await post(h, batch(events));
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ accepted: 2, duplicates: 0 });
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('vary')).toContain('Origin');
      const rows = await h.storedEvents();
      expect(rows.map((r) => r.id).sort()).toEqual(events.map((e) => e.id).sort());
      const tracked = rows.find((r) => r.type === 'track')!;
      expect(JSON.parse(tracked.payload)).toEqual(events[1]);
      expect(tracked.received_at).toBe(NOW);
      expect(tracked.clock_skew).toBe(0);
      expect(rows.find((r) => r.type === 'screen')!.account_id).toBe('acme');
    });

    it('takes the key from the body for sendBeacon (text/plain, no Authorization) and does not store it', async () => {
      const h = await setup();
      const res = await h.json('POST', '/v1/events', batch([event()], { key: h.pk }), { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN });
      expect(res.status).toBe(202);
      expect((await h.storedEvents())[0]!.payload).not.toContain(h.pk);
    });

    it('accepts a secret key from a server (no Origin)', async () => {
      const h = await setup();
      const res = await h.json('POST', '/v1/events', batch([event()]), { authorization: `Bearer ${h.sk}` });
      expect(res.status).toBe(202);
      expect(await h.storedEvents()).toHaveLength(1);
    });

    it('counts an id repeated within a batch once', async () => {
      const h = await setup();
      const e = event();
      const res = await post(h, batch([e, { ...e, type: 'track', name: 'other' }, event()]));
      expect(await res.json()).toEqual({ accepted: 2, duplicates: 1 });
      expect(await h.storedEvents()).toHaveLength(2);
      expect((await h.storedEvents()).find((r) => r.id === e.id)!.type).toBe('screen');
    });

    it('stores ids already stored by an earlier batch once (counted as duplicates where the answer waits for the store)', async () => {
      const h = await setup();
      const events = [event(), event()];
      await post(h, batch(events));
      const res = await post(h, batch([...events, event()]));
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual(h.ingest === 'store' ? { accepted: 1, duplicates: 2 } : { accepted: 3, duplicates: 0 });
      expect(await h.storedEvents()).toHaveLength(3);
    });

    it('stores concurrent identical batches once', async () => {
      const h = await setup();
      const body = batch(Array.from({ length: 50 }, () => event()));
      const answers = await Promise.all(Array.from({ length: 8 }, () => post(h, body).then(async (r) => ({ status: r.status, body: (await r.json()) as { accepted: number; duplicates: number } }))));
      expect(answers.every((a) => a.status === 202)).toBe(true);
      if (h.ingest === 'store') {
        expect(answers.reduce((n, a) => n + a.body.accepted, 0)).toBe(50);
        expect(answers.reduce((n, a) => n + a.body.duplicates, 0)).toBe(7 * 50);
      }
      expect(await h.storedEvents()).toHaveLength(50);
    });

    it('moves events of a skewed client clock onto the edge clock and marks them', async () => {
      const h = await setup();
      const fast = 2 * 3600_000;
      const e = event({ at: NOW + fast - 5000 });
      await post(h, { sentAt: NOW + fast, events: [e] });
      const row = (await h.storedEvents())[0]!;
      expect(row.at).toBe(NOW - 5000);
      expect(row.client_at).toBe(NOW + fast - 5000);
      expect(row.clock_skew).toBe(1);
    });

    it('clamps timestamps far in the past and marks them', async () => {
      const h = await setup();
      await post(h, batch([event({ at: 1000 })]));
      const row = (await h.storedEvents())[0]!;
      expect(row.at).toBe(NOW - MAX_PAST_MS);
      expect(row.clock_skew).toBe(1);
    });

    it('accepts props nested exactly to the depth limit', async () => {
      const h = await setup();
      let deep: Record<string, unknown> = { leaf: 1 };
      for (let i = 0; i < 9; i++) deep = { d: deep };
      const res = await post(h, batch([event({ type: 'track', name: 'n', props: deep as never })]));
      expect(res.status).toBe(202);
    });

    it('logs one line per request with no key and no body', async () => {
      const h = await setup();
      const e = event({ userId: 'secret-user' });
      await post(h, batch([e]));
      await h.json('POST', '/v1/events', batch([event()], { key: h.pk }), { origin: ORIGIN });
      expect(h.logs).toHaveLength(2);
      expect(h.logs[0]).toMatchObject({ msg: 'request', method: 'POST', path: '/v1/events', status: 202, workspaceId: h.workspaceId });
      const text = JSON.stringify(h.logs);
      for (const secret of [h.pk, h.sk, e.id, 'secret-user']) expect(text).not.toContain(secret);
    });
  });

  describe('POST /v1/events: bad input changes nothing', () => {
    it('malformed JSON → 400', async () => {
      const h = await setup();
      await rejects(h, () => post(h, '{"sentAt": 1, "events": [}'), 400, 'malformed_json');
    });

    it('empty body → 400', async () => {
      const h = await setup();
      await rejects(h, () => post(h, ''), 400, 'empty_body');
    });

    it('invalid UTF-8 → 400', async () => {
      const h = await setup();
      const good = new TextEncoder().encode(JSON.stringify(batch([event({ screen: 'XX' })])));
      const at = good.indexOf(0x58); // the first X of the screen name
      good[at] = 0xff;
      good[at + 1] = 0xfe;
      await rejects(h, () => post(h, good), 400, 'invalid_utf8');
    });

    it('a body that is not an object → 400', async () => {
      const h = await setup();
      await rejects(h, () => post(h, JSON.stringify([event()])), 400, 'invalid_body', '(root)');
    });

    it('wrong types → 400 naming each field', async () => {
      const h = await setup();
      const body = await rejects(h, () => post(h, batch([event(), { ...event(), at: 'yesterday', userId: 42 }])), 400, 'invalid_body', 'events.1.at');
      expect(body.error.issues!.map((i) => i.path)).toContain('events.1.userId');
      await rejects(h, () => post(h, { sentAt: NOW, events: 'lots' }), 400, 'invalid_body', 'events');
      await rejects(h, () => post(h, batch([event({ type: 'shouting' as never })])), 400, 'invalid_body', 'events.0.type');
    });

    it('missing fields → 400 naming each field', async () => {
      const h = await setup();
      const { id: _id, ...noId } = event();
      await rejects(h, () => post(h, { events: [event()] }), 400, 'invalid_body', 'sentAt');
      await rejects(h, () => post(h, batch([event(), noId])), 400, 'invalid_body', 'events.1.id');
      await rejects(h, () => post(h, batch([])), 400, 'invalid_body', 'events');
      await rejects(h, () => post(h, batch([event({ type: 'friction' })])), 400, 'invalid_body', 'events.0.signal');
    });

    it('an id over 64 characters → 400', async () => {
      const h = await setup();
      await rejects(h, () => post(h, batch([event({ id: 'x'.repeat(65) })])), 400, 'invalid_body', 'events.0.id');
    });

    it('more than 500 events → 400', async () => {
      const h = await setup();
      const events = Array.from({ length: 501 }, () => event());
      await rejects(h, () => post(h, batch(events)), 400, 'invalid_body', 'events');
    });

    it('a body over 512 KB → 413, by Content-Length', async () => {
      const h = await setup();
      const big = JSON.stringify(batch([event({ type: 'track', name: 'n', props: { s: 'x'.repeat(600 * 1024) } })]));
      await rejects(h, () => post(h, big), 413, 'body_too_large');
    });

    it('a body over 512 KB → 413, counted while streaming when Content-Length is absent', async () => {
      const h = await setup();
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 20) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const send = () =>
        h.request('/v1/events', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${h.pk}` },
          body: stream,
          duplex: 'half',
        } as RequestInit);
      await rejects(h, send, 413, 'body_too_large');
      expect(sent).toBeLessThan(20);
    });

    it('a 1 MB string → 413', async () => {
      const h = await setup();
      await rejects(h, () => post(h, batch([event({ screen: 'y'.repeat(1024 * 1024) })])), 413, 'body_too_large');
    });

    it('one event over 32 KB → 413 naming it, and the rest of the batch is not stored either', async () => {
      const h = await setup();
      const big = event({ type: 'track', name: 'n', props: { blob: 'z'.repeat(MAX_EVENT_BYTES) } });
      await rejects(h, () => post(h, batch([event(), big])), 413, 'event_too_large', 'events.1');
    });

    it('an event over 32 KB only in UTF-8 bytes (multi-byte characters) → 413', async () => {
      const h = await setup();
      const big = event({ type: 'track', name: 'n', props: { text: 'é'.repeat(MAX_EVENT_BYTES / 2 + 10) } });
      await rejects(h, () => post(h, batch([big])), 413, 'event_too_large', 'events.0');
    });

    it('__proto__ and constructor keys → 400, wherever they are', async () => {
      const h = await setup();
      const raw = (inner: string) =>
        `{"sentAt":${NOW},"events":[{"id":"e1","type":"track","name":"n","at":${NOW},"anonymousId":"a","sessionId":"s",${inner}}]}`;
      await rejects(h, () => post(h, raw('"props":{"__proto__":{"isAdmin":true}}')), 400, 'invalid_body', 'events.0.props.__proto__');
      await rejects(h, () => post(h, raw('"props":{"constructor":{"prototype":{"x":1}}}')), 400, 'invalid_body', 'events.0.props.constructor');
      await rejects(h, () => post(h, raw('"__proto__":{"polluted":true}')), 400, 'invalid_body', 'events.0.__proto__');
      await rejects(h, () => post(h, raw('"props":{"list":[{"__proto__":1}]}')), 400, 'invalid_body', 'events.0.props.list.0.__proto__');
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('"constructor" as a value is fine', async () => {
      const h = await setup();
      const res = await post(h, batch([event({ type: 'track', name: 'n', props: { error: 'x.constructor is not a function' } })]));
      expect(res.status).toBe(202);
    });

    it('props nested deeper than 10 levels → 400', async () => {
      const h = await setup();
      let deep: Record<string, unknown> = { leaf: 1 };
      for (let i = 0; i < 10; i++) deep = { d: deep };
      await rejects(h, () => post(h, batch([event({ type: 'track', name: 'n', props: deep as never })])), 400, 'invalid_body');
    });

    it('pathologically deep JSON → 400, without crashing the process', async () => {
      const h = await setup();
      const depth = 200_000;
      const body = `{"sentAt":${NOW},"events":[{"id":"e","type":"track","name":"n","at":1,"anonymousId":"a","sessionId":"s","props":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}]}`;
      const res = await post(h, body);
      expect(res.status).toBe(400);
      expect(await h.storedEvents()).toHaveLength(0);
    });

    it('wrong content type → 415', async () => {
      const h = await setup();
      await rejects(h, () => post(h, batch([event()]), { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
      await rejects(h, () => post(h, batch([event()]), { 'content-type': 'application/json; charset=latin1' }), 415, 'unsupported_media_type');
    });

    it('missing key → 401', async () => {
      const h = await setup();
      await rejects(h, () => h.json('POST', '/v1/events', batch([event()]), { origin: ORIGIN }), 401, 'missing_key');
    });

    it('unknown key → 401, in the header or the body', async () => {
      const h = await setup();
      const forged = 'pk_' + 'A'.repeat(32);
      await rejects(h, () => post(h, batch([event()]), { authorization: `Bearer ${forged}` }), 401, 'unknown_key');
      await rejects(h, () => h.json('POST', '/v1/events', batch([event()], { key: forged }), { origin: ORIGIN }), 401, 'unknown_key');
      await rejects(h, () => post(h, batch([event()]), { authorization: 'Basic Zm9vOmJhcg==' }), 401, 'invalid_authorization');
      await rejects(h, () => h.json('POST', '/v1/events', batch([event()], { key: 12 }), { origin: ORIGIN }), 400, 'invalid_body', 'key');
    });

    it('a revoked key → 401', async () => {
      const h = await setup();
      await h.revokeKey('pk');
      await rejects(h, () => post(h, batch([event()])), 401, 'unknown_key');
    });

    it('a key revoked while in use stops working within the key cache time', async () => {
      const h = await setup();
      expect((await post(h, batch([event()]))).status).toBe(202);
      await h.revokeKey('pk');
      h.clock.t += KEY_CACHE_MS + 1;
      await rejects(h, () => post(h, batch([event()])), 401, 'unknown_key');
    });

    it('an origin the key does not allow → 403 with no CORS grant for it', async () => {
      const h = await setup();
      const before = await h.state();
      const res = await post(h, batch([event()]), { origin: OTHER_ORIGIN });
      await expectError(res, 403, 'origin_not_allowed');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(await h.state()).toEqual(before);
    });

    it('a secret key from a browser origin → 403', async () => {
      const h = await setup();
      await rejects(h, () => post(h, batch([event()]), { authorization: `Bearer ${h.sk}`, origin: ORIGIN }), 403, 'secret_key_in_browser');
      await rejects(h, () => h.json('POST', '/v1/events', batch([event()], { key: h.sk }), { origin: OTHER_ORIGIN }), 403, 'secret_key_in_browser');
    });

    it('GET → 405 with Allow', async () => {
      const h = await setup();
      const res = await h.request('/v1/events', { headers: { authorization: `Bearer ${h.pk}` } });
      await expectError(res, 405, 'method_not_allowed');
      expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    });
  });

  describe('POST /v1/events: CORS preflight and rate limit', () => {
    it('answers a preflight from an allowed origin', async () => {
      const h = await setup();
      const res = await h.request('/v1/events', {
        method: 'OPTIONS',
        headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      expect(res.headers.get('vary')).toContain('Origin');
    });

    it('lets a known origin read a 401, so the SDK can tell a bad key from a network failure', async () => {
      const h = await setup();
      const res = await post(h, batch([event()]), { authorization: 'Bearer pk_' + 'D'.repeat(32) });
      expect(res.status).toBe(401);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      const foreign = await post(h, batch([event()]), { authorization: 'Bearer pk_' + 'D'.repeat(32), origin: OTHER_ORIGIN });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses a preflight from an origin no key allows', async () => {
      const h = await setup();
      const res = await h.request('/v1/events', { method: 'OPTIONS', headers: { origin: OTHER_ORIGIN, 'access-control-request-method': 'POST' } });
      await expectError(res, 403, 'origin_not_allowed');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('lets the SDK read errors on an allowed origin, with Retry-After exposed', async () => {
      const h = await setup({ rateLimit: { burst: RATE_LIMIT_BURST, perSecond: 1 } });
      for (let i = 0; i < RATE_LIMIT_BURST; i++) await post(h, batch([event()]));
      const res = await post(h, batch([event()]));
      expect(res.status).toBe(429);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
    });

    it('429 with Retry-After once the key has used its limit, and nothing stored; the key in the body is limited too', async () => {
      const h = await setup({ rateLimit: { burst: RATE_LIMIT_BURST, perSecond: 0.5 } });
      for (let i = 0; i < RATE_LIMIT_BURST; i++) expect((await post(h, batch([event()]))).status).toBe(202);
      const before = await h.state();
      const res = await post(h, batch([event()]));
      await expectError(res, 429, 'rate_limited');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await h.state()).toEqual(before);
      await rejects(h, () => h.json('POST', '/v1/events', batch([event()], { key: h.pk }), { origin: ORIGIN }), 429, 'rate_limited');
    });
  });
}
