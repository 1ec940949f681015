import { describe, expect, it } from 'vitest';
import type { RemoteConfig, Tip } from '../../sdk/wire';
import { ORIGIN, setup } from '../test/harness';
import { nodeHarness } from '../test/harness';
import { configContract } from './config.contract';

configContract(nodeHarness);

const tip = (id: string, extra: Partial<Tip> = {}): Tip => ({
  id,
  title: 'Export stuck?',
  body: 'Pick **CSV** first.',
  when: { signal: 'rage_click', screen: '/reports/**' },
  priority: 1,
  cooldownMs: 86_400_000,
  ...extra,
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
