import { describe, expect, it } from 'vitest';
import type { RemoteConfig } from '../../sdk/wire';
import { NOW, ORIGIN, setup, type Harness } from '../test/harness';

const H = 3_600_000;
const DAY = 24 * H;
const sk = (h: Harness) => ({ authorization: `Bearer ${h.sk}` });

async function workspace() {
  const h = await setup({}, { background: true });
  const ok = async (res: Promise<Response>) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${r.status} ${await r.text()}`);
    return r;
  };
  await ok(h.json('PUT', '/v1/destinations/inbox', { name: 'local-inbox', kind: 'local_inbox' }, sk(h)));
  await ok(h.json('POST', '/v1/accounts', { accounts: [{ id: 'acme', name: 'Acme', tier: 'enterprise', arr: 120000, owner: 'kim@forestall.test' }] }, sk(h)));
  return { h, ok };
}

const tickets = (h: Harness, list: unknown[]) => h.json('POST', '/v1/tickets', { tickets: list }, sk(h));
const triggers = async (h: Harness) => (await (await h.request('/v1/triggers', { headers: sk(h) })).json()).triggers as Array<{ id: string; ruleId: string; ticketIds: string[]; delivery: string; summary: { markdown: string; headline: string } }>;

describe('the risk pipeline', () => {
  it('the field example: two unresolved tickets in 5 days flag the account for CSM review and reach the local inbox, once per cooldown', async () => {
    const { h, ok } = await workspace();
    await ok(
      h.json('PUT', '/v1/rules/csm-review', {
        name: 'Two unresolved tickets in 5 days',
        description: 'if this account has two unresolved tickets in 5 days, flag for CSM review',
        conditions: [{ kind: 'count', subject: 'unresolved_tickets', value: 2, within: { value: 5, unit: 'days' } }],
        actions: [{ type: 'flag_csm' }, { type: 'outreach', destination: 'local-inbox' }],
      }, sk(h)),
    );
    await ok(tickets(h, [{ id: 'T-1', accountId: 'acme', status: 'open', subject: 'Export is empty', createdAt: NOW - 2 * DAY, requester: { id: 'u1' }, messages: [{ id: 'm1', author: 'customer', text: 'The CSV export is empty again', at: NOW - 2 * DAY }] }]));
    await h.pipeline.idle();
    expect(await triggers(h)).toEqual([]);

    await ok(tickets(h, [{ id: 'T-2', accountId: 'acme', status: 'open', subject: 'Invoices missing', createdAt: NOW - DAY, requester: { id: 'u2' } }]));
    await h.pipeline.idle();
    const fired = await triggers(h);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ ruleId: 'csm-review', delivery: 'pending' });
    expect(fired[0]!.summary.headline).toContain('Acme');

    const atRisk = await (await h.request('/v1/accounts/at-risk', { headers: sk(h) })).json();
    expect(atRisk.accounts[0]).toMatchObject({ accountId: 'acme' });
    expect(atRisk.accounts[0].reasons.map((r: { id: string }) => r.id)).toContain('unresolved_stack');

    expect(await h.dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    const inbox = await (await h.request('/v1/inbox', { headers: sk(h) })).json();
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0].markdown).toContain('Acme');
    expect((await triggers(h))[0]!.delivery).toBe('delivered');

    // Another ticket inside the cooldown: re-scored, not paged again.
    await ok(tickets(h, [{ id: 'T-3', accountId: 'acme', status: 'new', createdAt: NOW - H }]));
    await h.pipeline.idle();
    expect(await triggers(h)).toHaveLength(1);
    // A day later it still holds, so it fires again.
    h.clock.t = NOW + DAY;
    await h.pipeline.evaluate(h.workspaceId, 'acme');
    expect(await triggers(h)).toHaveLength(2);
  });

  it('routes each ticket mentioning chargeback to the senior queue once, and pushes a tip to the account', async () => {
    const { h, ok } = await workspace();
    await ok(h.json('PUT', '/v1/tips/billing', { id: 'billing', title: 'Billing help', body: 'See **Billing**.', when: { signal: 'screen_cycling', screen: '/billing**' }, priority: 1, cooldownMs: 0 }, sk(h)));
    await ok(h.json('PUT', '/v1/rules/chargebacks', { name: 'Chargebacks to senior', conditions: [{ kind: 'ticket', filter: { mentions: ['chargeback'] } }], actions: [{ type: 'route_ticket', queue: 'senior', priority: 'urgent' }, { type: 'show_tip', tipId: 'billing' }] }, sk(h)));
    const chargeback = (id: string, at: number) => ({ id, accountId: 'acme', status: 'open', subject: 'Double charge', createdAt: at, messages: [{ id: 'm1', author: 'customer', text: 'I will file a chargeback with my bank.', at }] });
    await ok(tickets(h, [chargeback('T-10', NOW - H), { id: 'T-11', accountId: 'acme', status: 'open', subject: 'Logo', createdAt: NOW - H }]));
    await h.pipeline.idle();
    let fired = await triggers(h);
    expect(fired.map((t) => t.ticketIds)).toEqual([['T-10']]);
    expect(h.db.$client.prepare("select id, queue, priority from tickets where queue is not null").all()).toEqual([{ id: 'T-10', queue: 'senior', priority: 'urgent' }]);

    h.clock.t = NOW + 1000;
    await ok(tickets(h, [chargeback('T-12', NOW - 60_000)]));
    await h.pipeline.idle();
    fired = await triggers(h);
    expect(fired.map((t) => t.ticketIds)).toEqual([['T-12'], ['T-10']]);

    const config = (await (await h.request('/v1/config?account=acme', { headers: { authorization: `Bearer ${h.pk}`, origin: ORIGIN } })).json()) as RemoteConfig;
    expect(config.push).toEqual(['billing']);
  });

  it('scores the account from SDK events too, and a broken rule does not stop the others', async () => {
    const { h, ok } = await workspace();
    await ok(h.json('PUT', '/v1/rules/any-risk', { name: 'Any risk', conditions: [{ kind: 'risk_score', op: 'gte', value: 1 }], actions: [{ type: 'flag_csm' }] }, sk(h)));
    // Stored directly, as an older version of the edge might have: its destination no longer exists.
    await h.store.putRule(h.workspaceId, { id: 'broken', name: 'Broken', enabled: true, match: 'all', conditions: [{ kind: 'risk_score', op: 'gte', value: 1 }], actions: [{ type: 'outreach', destination: 'gone' }], cooldown: { value: 1, unit: 'days' } }, NOW);
    const events = Array.from({ length: 4 }, (_, i) => ({
      id: `f${i}`,
      type: 'friction',
      at: NOW - (i + 1) * H,
      anonymousId: 'a',
      sessionId: 's',
      userId: 'u1',
      accountId: 'acme',
      screen: '/billing',
      signal: { id: `f${i}`, type: 'rage_click', screen: '/billing', at: NOW - (i + 1) * H, detail: {} },
    }));
    await ok(h.json('POST', '/v1/events', { sentAt: NOW, events }, { authorization: `Bearer ${h.pk}` }));
    await h.pipeline.idle();
    const risk = (await (await h.request('/v1/accounts/acme', { headers: sk(h) })).json()).risk;
    expect(risk.reasons.map((r: { id: string }) => r.id)).toContain('in_product_friction');
    const fired = await triggers(h);
    expect(fired.map((t) => t.ruleId).sort()).toEqual(['any-risk', 'broken']);
    expect(h.logs).toContainEqual(expect.objectContaining({ msg: 'rule action has no destination', ruleId: 'broken' }));
  });

  it('a sweep re-scores what changed while nobody was listening, and stop() leaves nothing running', async () => {
    const { h } = await workspace();
    await h.store.upsertTickets(h.workspaceId, [{ id: 'T-1', accountId: 'acme', status: 'open', createdAt: NOW - DAY }, { id: 'T-2', accountId: 'acme', status: 'open', createdAt: NOW - H }], 'api', NOW);
    expect(await h.store.getAssessment(h.workspaceId, 'acme', 14)).toBeNull();
    expect(await h.pipeline.sweep()).toBe(1);
    await h.pipeline.idle();
    expect(await h.store.getAssessment(h.workspaceId, 'acme', 14)).toMatchObject({ accountId: 'acme' });
    await h.pipeline.stop();
    h.pipeline.touch(h.workspaceId, ['acme']);
    await h.pipeline.idle();
  });
});

describe('with a model configured', () => {
  it('re-reads customer messages the offline classifiers scored, keeps the model reading, and leaves failed ones for later', async () => {
    const h = await setup();
    const { createSqliteStore } = await import('../db/sqliteStore');
    const { createRiskPipeline } = await import('./riskPipeline');
    const { analyzeMessageOffline } = await import('../ai');
    const store = createSqliteStore(h.db, { analyzeMessage: (t) => analyzeMessageOffline(t) });
    await store.upsertTickets(h.workspaceId, [{ id: 'T-1', accountId: 'acme', status: 'open', createdAt: NOW - H, messages: [
      { id: 'm1', author: 'customer', text: 'Fine, I guess. Great job breaking it again.', at: NOW - H },
      { id: 'm2', author: 'customer', text: 'timeout please', at: NOW - H + 1 },
      { id: 'm3', author: 'agent', text: 'Sorry about that', at: NOW - H + 2 },
    ] }], 'api', NOW);
    const asked: string[] = [];
    const ai = {
      modelId: 'test:model',
      summarize: async (s: never) => s,
      analyzeMessage: async (text: string) => {
        asked.push(text);
        return text.startsWith('timeout')
          ? { ...analyzeMessageOffline(text), source: 'fallback' as const }
          : { tone: { score: -0.7, label: 'negative' as const }, guardrails: [], source: 'model' as const };
      },
    };
    const pipeline = createRiskPipeline({ store, clock: h.clock, logger: { info() {}, error() {} }, ai });
    await pipeline.evaluate(h.workspaceId, 'acme');
    expect(asked.sort()).toEqual(['Fine, I guess. Great job breaking it again.', 'timeout please']);
    const messages = (await store.loadAccountFacts(h.workspaceId, 'acme', NOW)).tickets[0]!.messages;
    expect(messages.find((m) => m.id === 'm1')!.tone).toBe(-0.7);
    // The model's reading stands; only the one it failed on is asked again.
    asked.length = 0;
    await pipeline.evaluate(h.workspaceId, 'acme');
    expect(asked).toEqual(['timeout please']);
  });
});

describe('a busy account', () => {
  it('is scored at most once per interval however often it is touched, and the last touch is never lost', async () => {
    const h = await setup();
    const { createRiskPipeline } = await import('./riskPipeline');
    let loads = 0;
    const store = { ...h.store, loadAccountFacts: (...a: Parameters<typeof h.store.loadAccountFacts>) => (loads++, h.store.loadAccountFacts(...a)) };
    const clock = { t: NOW, now: () => clock.t };
    const pipeline = createRiskPipeline({ store, clock, logger: { info() {}, error() {} }, debounceMs: 0, minIntervalMs: 200 });
    pipeline.touch(h.workspaceId, ['acme']);
    await pipeline.idle();
    expect(loads).toBe(1);
    // Touched again and again inside the interval: held back, then scored once when it ends.
    for (let i = 0; i < 5; i++) pipeline.touch(h.workspaceId, ['acme', 'globex']);
    await new Promise((r) => setTimeout(r, 20));
    expect(loads).toBe(2); // globex, never scored before, goes at once
    clock.t = NOW + 200;
    await pipeline.idle();
    expect(loads).toBe(3);
    await pipeline.stop();
  });
});

describe('at scale and with a failing model', () => {
  /** Just enough of a store to score accounts with no facts, without a database. */
  const fakeStore = (over: Record<string, unknown> = {}) => {
    const scored: string[] = [];
    const store = {
      listWorkspaceIds: async () => ['ws'],
      getSettings: async () => null,
      loadAccountFacts: async (_ws: string, accountId: string) => ({ accountId, account: null, users: [], tickets: [], signals: [], helpOpens: [], activity: [], tips: [], cases: [] }),
      saveAssessment: async (_ws: string, a: { accountId: string }) => void scored.push(a.accountId),
      listRules: async () => [],
      messagesToRefine: async () => [],
      updateMessageAnalysis: async () => {},
      ...over,
    };
    return { store: store as never, scored };
  };

  it('a touch or sweep of 200,000 accounts does not throw', async () => {
    const { createRiskPipeline } = await import('./riskPipeline');
    const ids = Array.from({ length: 200_000 }, (_, i) => `a${i}`);
    const { store } = fakeStore({ accountsToSweep: async () => ids });
    // Scheduled but not run (draining that many is the next test's, at a size a unit test can afford).
    const pipeline = createRiskPipeline({ store, clock: { now: () => NOW }, logger: { info() {}, error() {} }, debounceMs: 60_000 });
    expect(() => pipeline.touch('ws', ids)).not.toThrow();
    await pipeline.stop();
    const swept = createRiskPipeline({ store, clock: { now: () => NOW }, logger: { info() {}, error() {} }, debounceMs: 60_000 });
    expect(await swept.sweep()).toBe(200_000);
    await swept.stop();
  });

  it('drains a sweep of 20,000 accounts, scoring each once', async () => {
    const { createRiskPipeline } = await import('./riskPipeline');
    const ids = Array.from({ length: 20_000 }, (_, i) => `a${i}`);
    const { store, scored } = fakeStore({ accountsToSweep: async () => ids });
    const pipeline = createRiskPipeline({ store, clock: { now: () => NOW }, logger: { info() {}, error() {} }, debounceMs: 0 });
    expect(await pipeline.sweep()).toBe(20_000);
    // Touched again while they wait: the same keys, still one scoring each.
    pipeline.touch('ws', ids);
    await pipeline.idle();
    expect(scored.length).toBe(20_000);
    expect(new Set(scored).size).toBe(20_000);
    await pipeline.stop();
  }, 10_000); // well under a second; copying the map per account took ~19 s here

  it('a failing model is asked twice per evaluation at most, not once per message', async () => {
    const { createRiskPipeline } = await import('./riskPipeline');
    const { analyzeMessageOffline } = await import('../ai');
    const messages = Array.from({ length: 20 }, (_, i) => ({ ticketId: 'T-1', messageId: `m${i}`, text: `message ${i}` }));
    const { store } = fakeStore({ messagesToRefine: async () => messages });
    let calls = 0;
    const ai = {
      modelId: 'test:model',
      summarize: async (s: never) => s,
      // What the AI layer answers when the model times out or errors.
      analyzeMessage: async (text: string) => (calls++, { ...analyzeMessageOffline(text), source: 'fallback' as const }),
    };
    const pipeline = createRiskPipeline({ store, clock: { now: () => NOW }, logger: { info() {}, error() {} }, ai });
    await pipeline.evaluate('ws', 'acme');
    expect(calls).toBe(2);
    // The next evaluation tries again, with the same bound.
    await pipeline.evaluate('ws', 'acme');
    expect(calls).toBe(4);
  });
});
