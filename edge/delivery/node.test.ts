import { describe, expect, it } from 'vitest';
import type { Lookup } from './addressGuard';
import { attemptDelivery } from './attempt';
import { attemptDeps, destination, outboxRow, receiversClosedAfterEach } from './fixtures';
import { createGuardedFetch } from './node';

const local = receiversClosedAfterEach();

const to =
  (...addresses: string[]): Lookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('createGuardedFetch', () => {
  it('connects to the address the guard approved, and hands back status, headers and body', async () => {
    const r = await local((req) => ({ status: 201, headers: { 'x-echo': req.headers['x-test'] as string }, body: `got ${req.body}` }));
    const guarded = createGuardedFetch({ lookup: to('127.0.0.1'), allow: 'loopback' });
    const res = await guarded(`http://receiver.test:${r.port}/hook`, { method: 'POST', headers: { 'x-test': 'yes', 'content-type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(await res.text()).toBe('got hello');
    expect(r.requests[0]).toMatchObject({ method: 'POST', url: '/hook', body: 'hello' });
    expect(r.requests[0]!.headers.host).toBe(`receiver.test:${r.port}`);
  });

  it('refuses at connect time a name that now resolves inside (DNS rebinding), without a request', async () => {
    const r = await local(() => ({ status: 200 }));
    let calls = 0;
    // The first answer is what the attempt's own check saw; the socket's lookup gets the second.
    const rebinding: Lookup = async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    expect(await rebinding('rebind.test')).toEqual([{ address: '93.184.216.34', family: 4 }]);
    const guarded = createGuardedFetch({ lookup: rebinding, allow: 'none' });
    await expect(guarded(`http://rebind.test:${r.port}/`, { method: 'POST', body: '{}' })).rejects.toMatchObject({ code: 'EADDRREFUSED' });
    const mixed = createGuardedFetch({ lookup: to('93.184.216.34', '127.0.0.1'), allow: 'none' });
    await expect(mixed(`http://mixed.test:${r.port}/`, { method: 'POST', body: '{}' })).rejects.toMatchObject({ code: 'EADDRREFUSED' });
    expect(r.requests).toEqual([]);
  });

  it('returns a redirect as it is, without following it', async () => {
    const inside = await local(() => ({ status: 200 }));
    const r = await local(() => ({ status: 307, headers: { location: inside.url('/admin') } }));
    const guarded = createGuardedFetch({ lookup: to('127.0.0.1'), allow: 'loopback' });
    const res = await guarded(r.url(), { method: 'POST', body: '{}' });
    expect(res.status).toBe(307);
    expect(inside.requests).toEqual([]);
  });

  it('answers 204 with no body, and gives up when aborted', async () => {
    const r = await local((req) => (req.url === '/hang' ? undefined : { status: 204 }));
    const guarded = createGuardedFetch({ lookup: to('127.0.0.1'), allow: 'loopback' });
    expect((await guarded(r.url('/ok'), { method: 'POST', body: '' })).status).toBe(204);
    await expect(guarded(r.url('/hang'), { method: 'POST', body: '', signal: AbortSignal.timeout(100) })).rejects.toThrow();
  });

  it('serves as the dispatcher’s fetch: a delivery through it is checked, sent and classified as usual', async () => {
    const r = await local(() => ({ status: 200, body: 'ok' }));
    const dest = destination({ kind: 'slack', url: r.url('/services/T/B/x') });
    const deps = attemptDeps({ fetch: createGuardedFetch({ lookup: to('127.0.0.1'), allow: 'loopback' }) });
    expect(await attemptDelivery(outboxRow(dest, { kind: 'slack', body: '{"text":"hi"}' }), dest, deps)).toEqual({ kind: 'delivered', status: 200 });
    expect(r.requests[0]!.body).toBe('{"text":"hi"}');
  });
});
