import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLDOUT_PERCENT, DEFAULT_LIMITS, type RemoteConfig, type Tip } from '../../sdk/wire';
import { ORIGIN, OTHER_ORIGIN, setup } from '../test/harness';

const tip = (id: string, extra: Partial<Tip> = {}): Tip => ({
  id,
  title: 'Export stuck?',
  body: 'Pick **CSV** first.',
  when: { signal: 'rage_click', screen: '/reports/**' },
  priority: 1,
  cooldownMs: 86_400_000,
  ...extra,
});

describe('GET /v1/config', () => {
  it('gives defaults and the enabled tips of the key workspace, with an ETag', async () => {
    const h = await setup();
    await h.json('PUT', '/v1/tips/t1', tip('t1'), { authorization: `Bearer ${h.sk}` });
    await h.json('PUT', '/v1/tips/t2', tip('t2', { enabled: false }), { authorization: `Bearer ${h.sk}` });
    const res = await h.request('/v1/config', { headers: { authorization: `Bearer ${h.pk}`, origin: ORIGIN } });
    expect(res.status).toBe(200);
    const config = (await res.json()) as RemoteConfig;
    expect(config).toEqual({ workspaceId: h.workspaceId, detectors: {}, tips: [tip('t1')], limits: DEFAULT_LIMITS, holdoutPercent: DEFAULT_HOLDOUT_PERCENT });
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{24}"$/);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('answers 304 to a matching If-None-Match, and 200 with a new ETag once something changed', async () => {
    const h = await setup();
    const get = (etag?: string) =>
      h.request('/v1/config', { headers: { authorization: `Bearer ${h.pk}`, ...(etag ? { 'if-none-match': etag } : {}) } });
    const first = await get();
    const etag = first.headers.get('etag')!;
    const again = await get(etag);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await get(`W/${etag}, "other"`)).status).toBe(304);

    await h.json('PUT', '/v1/settings', { detectors: { rage_click: { clicks: 4 }, dead_click: false }, limits: { maxTipsPerSession: 1, newUserDays: 7 }, holdoutPercent: 20 }, { authorization: `Bearer ${h.sk}` });
    const changed = await get(etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const config = (await changed.json()) as RemoteConfig;
    expect(config.detectors).toEqual({ rage_click: { clicks: 4 }, dead_click: false });
    expect(config.holdoutPercent).toBe(20);
    expect(config.limits).toEqual({ maxTipsPerSession: 1, newUserDays: 7 });
  });

  it('takes the public key as ?key= for clients that cannot set headers', async () => {
    const h = await setup();
    expect((await h.request(`/v1/config?key=${h.pk}`)).status).toBe(200);
  });

  it('refuses a missing key, an unknown key, a foreign origin and an sk_ from a browser', async () => {
    const h = await setup();
    expect((await h.request('/v1/config')).status).toBe(401);
    expect((await h.request('/v1/config', { headers: { authorization: 'Bearer pk_' + 'B'.repeat(32) } })).status).toBe(401);
    expect((await h.request('/v1/config', { headers: { authorization: `Bearer ${h.pk}`, origin: OTHER_ORIGIN } })).status).toBe(403);
    expect((await h.request('/v1/config', { headers: { authorization: `Bearer ${h.sk}`, origin: ORIGIN } })).status).toBe(403);
  });
});

describe('/v1/settings', () => {
  it('validates settings and changes nothing on a bad one', async () => {
    const h = await setup();
    const before = h.state();
    const res = await h.json('PUT', '/v1/settings', { detectors: { rage_click: { clicks: -1, bogus: 1 } }, limits: { maxTipsPerSession: 3, newUserDays: 14 }, holdoutPercent: 101 }, { authorization: `Bearer ${h.sk}` });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: Array<{ path: string }> } };
    expect(body.error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['detectors.rage_click', 'holdoutPercent']));
    expect(h.state()).toEqual(before);
  });

  it('needs the secret key', async () => {
    const h = await setup();
    const res = await h.json('PUT', '/v1/settings', { detectors: {}, limits: DEFAULT_LIMITS, holdoutPercent: 0 }, { authorization: `Bearer ${h.pk}` });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('secret_key_required');
  });
});

describe('tips pushed by rules (show_tip)', () => {
  it('adds the live pushed tips of the account the SDK names, and changes the ETag with them', async () => {
    const h = await setup();
    const sk = { authorization: `Bearer ${h.sk}` };
    await h.json('PUT', '/v1/tips/t1', tip('t1'), sk);
    await h.json('PUT', '/v1/tips/t2', tip('t2', { enabled: false }), sk);
    const NOW = h.clock.now();
    const t = { id: 'trg', workspaceId: h.workspaceId, ruleId: 'r', ruleName: 'r', accountId: 'acme', ticketIds: [], actions: [], riskScore: 0, reasons: [], summary: {} as never, firedAt: NOW, ackedAt: null, ackedBy: null, delivery: 'none' as const };
    await h.store.fireTrigger(h.workspaceId, { trigger: t, outbox: [], cooldowns: [], tipTargets: [{ tipId: 't1', until: NOW + 1000 }, { tipId: 't2', until: NOW + 1000 }, { tipId: 'gone', until: NOW + 1000 }], routes: [] }, NOW);
    const get = (q: string) => h.request(`/v1/config${q}`, { headers: { authorization: `Bearer ${h.pk}`, origin: ORIGIN } });
    const acme = await get('?account=acme');
    expect(((await acme.json()) as RemoteConfig).push).toEqual(['t1']);
    const plain = await get('');
    expect((await plain.json()) as RemoteConfig).not.toHaveProperty('push');
    expect(((await (await get('?account=other')).json()) as RemoteConfig).push).toBeUndefined();
    expect(acme.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    h.clock.t = NOW + 1000;
    expect(((await (await get('?account=acme')).json()) as RemoteConfig).push).toBeUndefined();
    const bad = await get(`?account=${'x'.repeat(300)}`);
    expect([bad.status, (await bad.json()).error.code]).toEqual([400, 'invalid_query']);
    expect((await get('?account=')).status).toBe(400);
  });
});
