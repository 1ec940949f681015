import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { batch, event, NOW, setup, type Harness } from '../test/harness';

const DAY = 86_400_000;
const sk = (h: Harness) => ({ authorization: `Bearer ${h.sk}` });

describe('analytics', () => {
  it('reports prevention per tip and overall, with the holdout, rates and intervals', async () => {
    const h = await setup();
    const tipEvents = [];
    for (let i = 0; i < 40; i++) tipEvents.push(event({ type: 'tip_shown', tipId: 'vat', userId: `s${i}`, accountId: 'acme', at: NOW - 5 * DAY }));
    for (let i = 0; i < 10; i++) tipEvents.push(event({ type: 'tip_held_out', tipId: 'vat', userId: `h${i}`, accountId: 'acme', at: NOW - 5 * DAY }));
    await h.json('POST', '/v1/events', batch(tipEvents), { authorization: `Bearer ${h.pk}` });
    const tickets = [
      ...Array.from({ length: 4 }, (_, i) => ({ id: `S${i}`, requester: { id: `s${i}` }, createdAt: NOW - 4 * DAY })),
      ...Array.from({ length: 5 }, (_, i) => ({ id: `H${i}`, requester: { id: `h${i}` }, createdAt: NOW - 4 * DAY })),
    ];
    await h.json('POST', '/v1/tickets', { tickets }, sk(h));

    const res = await (await h.request('/v1/analytics/prevention?windowDays=7', { headers: sk(h) })).json();
    expect(res.windowDays).toBe(7);
    expect(res.tips).toHaveLength(1);
    const vat = res.tips[0];
    expect(vat.shown).toMatchObject({ users: 40, escalated: 4, rate: 0.1 });
    expect(vat.heldOut).toMatchObject({ users: 10, escalated: 5, rate: 0.5 });
    expect(vat.reduction.value).toBeCloseTo(0.4);
    expect(vat.reduction.low).toBeGreaterThan(0);
    expect(vat.significant).toBe(true);
    expect(res.overall.shown.users).toBe(40);
  });

  it('counts friction by screen and day', async () => {
    const h = await setup();
    const f = (screen: string, type: 'rage_click' | 'dead_click') => event({ type: 'friction', screen, accountId: 'acme', signal: { id: randomUUID(), type, screen, at: NOW - DAY, detail: {} } });
    await h.json('POST', '/v1/events', batch([f('/billing', 'rage_click'), f('/billing', 'rage_click'), f('/invoices', 'dead_click')]), { authorization: `Bearer ${h.pk}` });
    const res = await (await h.request('/v1/analytics/friction', { headers: sk(h) })).json();
    expect(res.byScreen).toEqual([
      { screen: '/billing', type: 'rage_click', count: 2, accounts: 1 },
      { screen: '/invoices', type: 'dead_click', count: 1, accounts: 1 },
    ]);
    const esc = await (await h.request('/v1/analytics/escalations', { headers: sk(h) })).json();
    expect(esc).toMatchObject({ byPattern: [], byDay: [] });
  });

  it('refuses a period that is backwards, too long or unreadable', async () => {
    const h = await setup();
    for (const q of [`from=${NOW}&to=${NOW - 1}`, `from=${NOW - 400 * DAY}&to=${NOW}`, 'from=soon', 'windowDays=0', 'windowDays=31']) {
      const res = await h.request(`/v1/analytics/prevention?${q}`, { headers: sk(h) });
      expect([q, res.status, (await res.json()).error.code]).toEqual([q, 400, 'invalid_query']);
    }
    expect((await h.request('/v1/analytics/friction?from=2026-01-01&to=2026-02-01', { headers: sk(h) })).status).toBe(200);
  });
});
