import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DestinationRecord, HandoffSummary, OutboxRecord, TriggerRecord } from '../actions/types';
import type { RiskAssessment } from '../risk/types';
import { ruleSchema } from '../rules/schema';
import type { EventRow, TriggerFiring } from '../store';
import { NOW, setup, type Harness } from '../test/harness';

const H = 3_600_000;
const DAY = 24 * H;

const summary = (headline = 'Acme: 2 unresolved tickets'): HandoffSummary => ({
  headline,
  whatHappened: [],
  whatWasChecked: [],
  customerWants: '',
  account: { id: 'acme', name: 'Acme', tier: null, arr: null, renewalAt: null, owner: null, csm: null, riskScore: 60, recentTickets: [], csat: [] },
  policy: { guardrails: [], requiresHuman: false, notes: [] },
  nextAction: 'Call them',
  markdown: `# ${headline}`,
  source: 'template',
});

function trigger(over: Partial<TriggerRecord> = {}): TriggerRecord {
  return {
    id: 'trg_' + randomUUID(),
    workspaceId: '',
    ruleId: 'two-unresolved',
    ruleName: 'Two unresolved in 5 days',
    accountId: 'acme',
    ticketIds: [],
    actions: [{ type: 'flag_csm' }],
    riskScore: 60,
    reasons: [{ id: 'unresolved_stack', kind: 'pattern', points: 30, sentence: 'Two open tickets', evidence: {}, at: NOW }],
    summary: summary(),
    firedAt: NOW,
    ackedAt: null,
    ackedBy: null,
    delivery: 'none',
    ...over,
  };
}

const destination = (h: Harness, over: Partial<DestinationRecord> = {}): DestinationRecord => ({
  id: 'dst_' + randomUUID(),
  workspaceId: h.workspaceId,
  name: '#cs-escalations',
  config: { kind: 'local_inbox' },
  enabled: true,
  disabledReason: null,
  createdAt: NOW,
  updatedAt: NOW,
  ...over,
});

const outboxRow = (t: TriggerRecord, d: DestinationRecord, over: Partial<OutboxRecord> = {}): OutboxRecord => ({
  id: 'out_' + randomUUID(),
  workspaceId: d.workspaceId,
  triggerId: t.id,
  destinationId: d.id,
  action: 'outreach',
  payload: { text: 'hello' },
  idempotencyKey: 'idem_' + t.id,
  state: 'pending',
  attempts: 0,
  nextAttemptAt: NOW,
  lastStatus: null,
  lastError: null,
  deliveredAt: null,
  createdAt: NOW,
  ...over,
});

const firing = (t: TriggerRecord, over: Partial<TriggerFiring> = {}): TriggerFiring => ({
  trigger: t,
  outbox: [],
  cooldowns: [{ key: `account:${t.accountId}`, until: NOW + DAY }],
  tipTargets: [],
  routes: [],
  ...over,
});

function eventRow(over: Partial<Omit<EventRow, 'payload'>> & { payload?: Record<string, unknown> }): EventRow {
  const id = over.id ?? randomUUID();
  const { payload, ...rest } = over;
  return {
    id,
    type: 'screen',
    at: NOW - H,
    clientAt: NOW - H,
    receivedAt: NOW,
    clockSkew: false,
    anonymousId: 'anon',
    sessionId: 'sess',
    userId: 'u1',
    accountId: 'acme',
    screen: '/billing',
    ...rest,
    payload: JSON.stringify({ id, type: rest.type ?? 'screen', ...payload }),
  };
}

const assessment = (accountId: string, score: number, at = NOW, ids: RiskAssessment['reasons'][number]['id'][] = ['unresolved_stack']): RiskAssessment => ({
  accountId,
  score,
  level: score >= 75 ? 'critical' : score >= 50 ? 'high' : score >= 25 ? 'medium' : 'low',
  reasons: ids.map((id) => ({ id, kind: 'pattern' as const, points: 10, sentence: id, evidence: {}, at })),
  requiresHuman: false,
  evaluatedAt: at,
});

describe('loadAccountFacts', () => {
  it('gathers the account, its users, its recent and open tickets with messages and history, and its SDK events', async () => {
    const h = await setup();
    const s = h.store;
    const ws = h.workspaceId;
    await s.upsertAccounts(ws, [{ id: 'acme', name: 'Acme', tier: 'enterprise', arr: 120000, renewalDate: NOW + 40 * DAY, traits: { vip: true } }], NOW);
    await s.upsertUsers(ws, [{ id: 'u1', accountId: 'acme', role: 'admin', createdAt: NOW - 300 * DAY }, { id: 'u9', accountId: 'other' }], NOW);
    await s.upsertTickets(
      ws,
      [
        { id: 'T-1', status: 'solved', accountId: 'acme', requester: { id: 'u1' }, subject: 'CSV export', createdAt: NOW - 3 * DAY, solvedAt: NOW - 2 * DAY, csat: { score: 'bad' }, messages: [{ id: 'm1', author: 'customer', text: 'Export is empty', at: NOW - 3 * DAY }, { id: 'm2', author: 'agent', text: 'Fixed', at: NOW - 2 * DAY }] },
        { id: 'T-OLD-OPEN', status: 'open', accountId: 'acme', createdAt: NOW - 90 * DAY, updatedAt: NOW - 90 * DAY },
        { id: 'T-OLD-SOLVED', status: 'solved', accountId: 'acme', createdAt: NOW - 90 * DAY, solvedAt: NOW - 89 * DAY, updatedAt: NOW - 89 * DAY },
        { id: 'T-OTHER', status: 'open', accountId: 'other', createdAt: NOW - DAY },
      ],
      'api',
      NOW,
    );
    const signalId = randomUUID();
    await s.insertEvents(ws, [
      eventRow({ id: signalId, type: 'friction', at: NOW - 5 * H, payload: { signal: { id: signalId, type: 'rage_click', screen: '/billing', at: NOW - 5 * H, detail: {} } } }),
      eventRow({ type: 'help_opened', at: NOW - 4 * H, payload: { props: { articleId: 'vat-ids' } } }),
      eventRow({ type: 'tip_held_out', at: NOW - 3 * H, payload: { tipId: 'vat' } }),
      eventRow({ type: 'screen', at: NOW - 26 * H }),
      eventRow({ type: 'screen', at: NOW - 40 * DAY }),
      eventRow({ type: 'screen', accountId: 'other' }),
    ]);
    await s.createCase(ws, {
      id: 'case_1',
      handoff: { id: randomUUID(), anonymousId: 'anon', sessionId: 'sess', userId: 'u1', accountId: 'acme', answers: { tryingTo: 'export', expected: '' }, trail: { screens: [], signals: [], errors: [], tips: [], articles: [] }, at: NOW - H },
      context: { accountId: 'acme', userId: 'u1', usersSeen: 1, eventCounts: {}, recentSignals: [], recentCases: [], windowDays: 30 },
      summary: '',
      createdAt: NOW - H,
    });

    const f = await s.loadAccountFacts(ws, 'acme', NOW);
    expect(f.account).toMatchObject({ id: 'acme', name: 'Acme', tier: 'enterprise', arr: 120000, renewalAt: NOW + 40 * DAY, traits: { vip: true } });
    expect(f.users).toEqual([{ id: 'u1', role: 'admin', createdAt: NOW - 300 * DAY, lastSeenAt: null }]);
    // The old solved ticket aged out; the old open one still counts.
    expect(f.tickets.map((t) => t.id)).toEqual(['T-OLD-OPEN', 'T-1']);
    const t1 = f.tickets[1]!;
    expect(t1).toMatchObject({ status: 'solved', requesterId: 'u1', subject: 'CSV export', solvedAt: NOW - 2 * DAY, csat: { score: 'bad', negative: true } });
    expect(t1.messages.map((m) => [m.id, m.author, m.text])).toEqual([
      ['m1', 'customer', 'Export is empty'],
      ['m2', 'agent', 'Fixed'],
    ]);
    expect(t1.history.map((x) => x.type)).toEqual(['created', 'status', 'csat']);
    expect(f.signals).toEqual([{ id: signalId, type: 'rage_click', userId: 'u1', screen: '/billing', at: NOW - 5 * H }]);
    expect(f.helpOpens).toEqual([expect.objectContaining({ articleId: 'vat-ids', at: NOW - 4 * H })]);
    expect(f.tips).toEqual([{ tipId: 'vat', outcome: 'held_out', userId: 'u1', at: NOW - 3 * H }]);
    // Four events in the window over two days; the 40-day-old one is outside it.
    expect(f.activity.reduce((n, d) => n + d.events, 0)).toBe(4);
    expect(f.activity.every((d) => d.day % DAY === 0 && d.users === 1)).toBe(true);
    expect(f.cases).toEqual([{ id: 'case_1', reference: 'FS-1001', userId: 'u1', createdAt: NOW - H }]);
  });

  it('scores customer messages with the injected analyzer when they first arrive, and never agent messages', async () => {
    const h = await setup();
    const { createSqliteStore } = await import('./sqliteStore');
    let calls = 0;
    const store = createSqliteStore(h.db, {
      analyzeMessage: (text) => {
        calls++;
        return { tone: { score: text.includes('!') ? -0.8 : 0, label: 'neutral' }, guardrails: text.includes('lawyer') ? [{ category: 'legal_threat', evidence: 'lawyer' }] : [], source: 'fallback' };
      },
    });
    const ticket = { id: 'T-9', accountId: 'acme', status: 'open' as const, createdAt: NOW - H, messages: [{ id: 'a', author: 'customer' as const, text: 'My lawyer will call!', at: NOW - H }, { id: 'b', author: 'agent' as const, text: 'Sorry!', at: NOW - H }] };
    await store.upsertTickets(h.workspaceId, [ticket], 'api', NOW);
    await store.upsertTickets(h.workspaceId, [ticket], 'api', NOW);
    expect(calls).toBe(1);
    const [t] = (await store.loadAccountFacts(h.workspaceId, 'acme', NOW)).tickets;
    expect(t!.messages.map((m) => [m.id, m.tone, m.guardrails])).toEqual([
      ['a', -0.8, [{ category: 'legal_threat', evidence: 'lawyer' }]],
      ['b', null, []],
    ]);
    await store.updateMessageAnalysis(h.workspaceId, 'T-9', 'a', { tone: { score: -0.5, label: 'negative' }, guardrails: [], source: 'model' });
    expect((await store.loadAccountFacts(h.workspaceId, 'acme', NOW)).tickets[0]!.messages[0]).toMatchObject({ tone: -0.5, guardrails: [] });
  });
});

describe('assessments', () => {
  it('lists accounts by score with CRM fields, filters by tier, owner and reason, pages, and keeps a daily trend', async () => {
    const h = await setup();
    const s = h.store;
    const ws = h.workspaceId;
    await s.upsertAccounts(ws, [{ id: 'a', name: 'A', tier: 'enterprise', owner: 'kim' }, { id: 'b', tier: 'pro', csm: 'kim' }, { id: 'c', tier: 'pro' }], NOW);
    await s.saveAssessment(ws, assessment('a', 40, NOW - 2 * DAY));
    await s.saveAssessment(ws, assessment('a', 70, NOW - DAY, ['usage_drop', 'tone_drift']));
    await s.saveAssessment(ws, assessment('a', 72, NOW - DAY + H, ['usage_drop', 'tone_drift']));
    await s.saveAssessment(ws, assessment('b', 55));
    await s.saveAssessment(ws, assessment('c', 0, NOW, []));
    await s.saveAssessment(ws, assessment('no-crm', 30));

    const all = await s.listAtRisk(ws, { minScore: 1, limit: 10, offset: 0, trendDays: 14 });
    expect(all.total).toBe(3);
    expect(all.accounts.map((r) => [r.accountId, r.score, r.name, r.tier])).toEqual([
      ['a', 72, 'A', 'enterprise'],
      ['b', 55, null, 'pro'],
      ['no-crm', 30, null, null],
    ]);
    // One point a day: the day's last score.
    expect(all.accounts[0]!.trend).toEqual([
      { day: Math.floor((NOW - 2 * DAY) / DAY) * DAY, score: 40 },
      { day: Math.floor((NOW - DAY) / DAY) * DAY, score: 72 },
    ]);
    const ids = async (f: object) => (await s.listAtRisk(ws, { minScore: 1, limit: 10, offset: 0, trendDays: 14, ...f })).accounts.map((r) => r.accountId);
    expect(await ids({ tier: 'pro' })).toEqual(['b']);
    expect(await ids({ owner: 'kim' })).toEqual(['a', 'b']);
    expect(await ids({ reason: 'usage_drop' })).toEqual(['a']);
    expect(await ids({ reason: 'usage' })).toEqual([]);
    expect(await ids({ minScore: 0 })).toEqual(['a', 'b', 'no-crm', 'c']);
    expect(await ids({ limit: 1, offset: 1 })).toEqual(['b']);
    expect(await s.getAssessment(ws, 'a', 14)).toMatchObject({ score: 72, reasons: [{ id: 'usage_drop' }, { id: 'tone_drift' }] });
    expect(await s.getAssessment(ws, 'zzz', 14)).toBeNull();
    expect(await s.accountsToSweep(ws, NOW + DAY)).toEqual(['a', 'b', 'no-crm']);
  });
});

describe('rules, triggers and the outbox', () => {
  const rule = ruleSchema.parse({ id: 'two-unresolved', name: 'Two unresolved in 5 days', conditions: [{ kind: 'count', subject: 'unresolved_tickets', value: 2, within: { value: 5, unit: 'days' } }], actions: [{ type: 'flag_csm' }] });

  it('stores rules, and deleting one forgets its cooldowns', async () => {
    const h = await setup();
    const s = h.store;
    expect(await s.putRule(h.workspaceId, rule, NOW)).toBe(true);
    expect(await s.putRule(h.workspaceId, { ...rule, name: 'Renamed' }, NOW + 1)).toBe(false);
    expect(await s.listRules(h.workspaceId)).toEqual([{ rule: { ...rule, name: 'Renamed' }, createdAt: NOW, updatedAt: NOW + 1 }]);
    await s.fireTrigger(h.workspaceId, firing(trigger()), NOW);
    expect(await s.coolingKeys(h.workspaceId, rule.id, ['account:acme', 'account:other'], NOW)).toEqual(new Set(['account:acme']));
    expect(await s.coolingKeys(h.workspaceId, rule.id, ['account:acme'], NOW + DAY)).toEqual(new Set());
    expect(await s.deleteRule(h.workspaceId, rule.id)).toBe(true);
    expect(await s.deleteRule(h.workspaceId, rule.id)).toBe(false);
    expect(await s.coolingKeys(h.workspaceId, rule.id, ['account:acme'], NOW)).toEqual(new Set());
  });

  it('writes a trigger with its outbox rows, cooldown, tip target and route in one go, and refuses a second firing in the cooldown', async () => {
    const h = await setup();
    const s = h.store;
    const ws = h.workspaceId;
    await s.upsertTickets(ws, [{ id: 'T-1', accountId: 'acme', status: 'open', createdAt: NOW - H }], 'api', NOW);
    const d = destination(h);
    await s.putDestination(h.workspaceId, d);
    const t = trigger({ ticketIds: ['T-1'] });
    const ok = await s.fireTrigger(ws, firing(t, { outbox: [outboxRow(t, d)], tipTargets: [{ tipId: 'vat', until: NOW + DAY }], routes: [{ ticketId: 'T-1', queue: 'senior', priority: 'urgent' }] }), NOW);
    expect(ok).toBe(true);
    const before = h.state();
    const again = trigger();
    expect(await s.fireTrigger(ws, firing(again, { outbox: [outboxRow(again, d)] }), NOW + H)).toBe(false);
    expect(h.state()).toEqual(before);
    expect(await s.getTrigger(ws, again.id)).toBeNull();

    const got = await s.getTrigger(ws, t.id);
    expect(got).toMatchObject({ id: t.id, delivery: 'pending', deliveries: [{ destinationName: '#cs-escalations', destinationKind: 'local_inbox', state: 'pending' }] });
    expect(got!.deliveries[0]).not.toHaveProperty('payload');
    expect(await s.tipTargets(ws, 'acme', NOW)).toEqual(['vat']);
    expect(await s.tipTargets(ws, 'acme', NOW + DAY)).toEqual([]);
    expect(await s.getTicket(ws, 'T-1')).toMatchObject({ priority: 'urgent' });
    expect(h.db.$client.prepare('select queue, routed_at from tickets').get()).toEqual({ queue: 'senior', routed_at: NOW });
  });

  it('leases due rows to one dispatcher, records attempts, and rolls the worst state up to the trigger', async () => {
    const h = await setup();
    const s = h.store;
    const ws = h.workspaceId;
    const d1 = destination(h);
    const d2 = destination(h, { name: 'slack', config: { kind: 'slack', url: 'https://hooks.slack.com/services/x' } });
    const off = destination(h, { name: 'off', enabled: false });
    for (const d of [d1, d2, off]) await s.putDestination(h.workspaceId, d);
    const t = trigger();
    const rows = [outboxRow(t, d1), outboxRow(t, d2, { nextAttemptAt: NOW + H }), outboxRow(t, off)];
    await s.fireTrigger(ws, firing(t, { outbox: rows }), NOW);

    const claimed = await s.claimDue(NOW, 10, NOW + 60_000);
    expect(claimed.map((c) => c.row.id)).toEqual([rows[0]!.id]);
    expect(claimed[0]).toMatchObject({ destination: { id: d1.id }, trigger: { id: t.id }, row: { nextAttemptAt: NOW + 60_000, payload: { text: 'hello' } } });
    // Leased: a second dispatcher gets nothing until the lease ends.
    expect(await s.claimDue(NOW + 1000, 10, NOW + 61_000)).toEqual([]);
    expect((await s.claimDue(NOW + 60_000, 10, NOW + 120_000)).map((c) => c.row.id)).toEqual([rows[0]!.id]);

    await s.recordAttempt(ws, rows[0]!.id, { state: 'delivered', attempts: 1, nextAttemptAt: NOW, lastStatus: 200, lastError: null, deliveredAt: NOW });
    expect((await s.getTrigger(ws, t.id))!.delivery).toBe('pending');
    await s.recordAttempt(ws, rows[1]!.id, { state: 'dead', attempts: 8, nextAttemptAt: NOW, lastStatus: 500, lastError: 'HTTP 500', deliveredAt: null });
    await s.recordAttempt(ws, rows[2]!.id, { state: 'delivered', attempts: 1, nextAttemptAt: NOW, lastStatus: 200, lastError: null, deliveredAt: NOW });
    expect((await s.getTrigger(ws, t.id))!.delivery).toBe('dead');
    expect(await s.listTriggers(ws, { delivery: 'dead', limit: 10 })).toHaveLength(1);

    expect(await s.retryTrigger(ws, t.id, NOW + 5)).toBe(1);
    expect((await s.getTrigger(ws, t.id))!.delivery).toBe('pending');
    expect((await s.claimDue(NOW + 5, 10, NOW + 100)).map((c) => c.row.id)).toEqual([rows[1]!.id]);
    expect(await s.retryTrigger(ws, t.id, NOW + 6)).toBe(0);

    await s.disableDestination(ws, d2.id, 'HTTP 410 Gone');
    expect(await s.getDestination(ws, 'slack')).toMatchObject({ enabled: false, disabledReason: 'HTTP 410 Gone' });
  });

  it('acknowledges once, keeping who was first', async () => {
    const h = await setup();
    const t = trigger();
    await h.store.fireTrigger(h.workspaceId, firing(t), NOW);
    expect(await h.store.ackTrigger(h.workspaceId, t.id, 'kim', NOW + 1)).toMatchObject({ ackedAt: NOW + 1, ackedBy: 'kim' });
    expect(await h.store.ackTrigger(h.workspaceId, t.id, 'lee', NOW + 2)).toMatchObject({ ackedAt: NOW + 1, ackedBy: 'kim' });
    expect(await h.store.ackTrigger(h.workspaceId, 'nope', 'lee', NOW)).toBeNull();
    expect(await h.store.listTriggers(h.workspaceId, { acked: false, limit: 10 })).toEqual([]);
  });

  it('keeps destination names unique per workspace, finds by id or name, and shows inbox items once', async () => {
    const h = await setup();
    const s = h.store;
    const a = destination(h);
    expect(await s.putDestination(h.workspaceId, a)).toBe('created');
    expect(await s.putDestination(h.workspaceId, { ...a, enabled: false })).toBe('updated');
    expect(await s.putDestination(h.workspaceId, destination(h))).toBe('name_taken');
    expect(await s.getDestination(h.workspaceId, '#cs-escalations')).toMatchObject({ id: a.id, enabled: false });
    expect(await s.getDestination(h.workspaceId, a.id)).toMatchObject({ name: '#cs-escalations' });
    const item = { id: 'i1', workspaceId: h.workspaceId, destinationId: a.id, triggerId: 't', title: 'Acme', markdown: '**hi**', at: NOW };
    await s.appendInbox(item);
    await s.appendInbox({ ...item, title: 'again' });
    expect(await s.listInbox(h.workspaceId, 10)).toEqual([item]);
    expect(await s.deleteDestination(h.workspaceId, a.id)).toBe(true);
    expect(await s.listDestinations(h.workspaceId)).toEqual([]);
  });
});

describe('analytics queries', () => {
  it('counts users per tip and arm, and which of them filed a ticket or case within the window', async () => {
    const h = await setup();
    const s = h.store;
    const ws = h.workspaceId;
    const tip = (userId: string, type: 'tip_shown' | 'tip_held_out', at: number, tipId = 'vat') => eventRow({ type, userId, at, payload: { tipId } });
    await s.insertEvents(ws, [
      tip('u1', 'tip_shown', NOW - 10 * DAY),
      tip('u1', 'tip_shown', NOW - 9 * DAY), // the same user again: counted once
      tip('u2', 'tip_shown', NOW - 10 * DAY),
      tip('u3', 'tip_held_out', NOW - 10 * DAY),
      tip('u4', 'tip_held_out', NOW - 10 * DAY),
      tip('u5', 'tip_shown', NOW - 10 * DAY, 'other'),
    ]);
    await s.upsertTickets(
      ws,
      [
        { id: 'A', requester: { id: 'u1' }, createdAt: NOW - 8 * DAY }, // within 7 days of u1's first tip
        { id: 'B', requester: { id: 'u2' }, createdAt: NOW - 2 * DAY }, // 8 days after: outside
        { id: 'C', requester: { id: 'u3' }, createdAt: NOW - 9 * DAY },
        { id: 'D', requester: { id: 'u4' }, createdAt: NOW - 11 * DAY }, // before the tip: not after it
      ],
      'api',
      NOW,
    );
    const rows = await s.preventionCounts(ws, NOW - 30 * DAY, NOW, 7 * DAY);
    expect(rows).toEqual([
      { tipId: 'other', shownUsers: 1, shownEscalated: 0, heldOutUsers: 0, heldOutEscalated: 0 },
      { tipId: 'vat', shownUsers: 2, shownEscalated: 1, heldOutUsers: 2, heldOutEscalated: 1 },
    ]);
  });

  it('counts triggers by pattern per day, and friction by screen and by day', async () => {
    const h = await setup();
    const s = h.store;
    const ws = h.workspaceId;
    await s.fireTrigger(ws, firing(trigger({ accountId: 'a', firedAt: NOW - DAY, reasons: [{ id: 'usage_drop', kind: 'pattern', points: 1, sentence: '', evidence: {}, at: 0 }, { id: 'renewal_window', kind: 'context', points: 1, sentence: '', evidence: {}, at: 0 }] })), NOW);
    await s.fireTrigger(ws, firing(trigger({ accountId: 'b', firedAt: NOW - DAY + 1 })), NOW);
    const dayOf = (t: number) => Math.floor(t / DAY) * DAY;
    expect(await s.escalationsByPattern(ws, NOW - 7 * DAY, NOW)).toEqual([
      { day: dayOf(NOW - DAY), pattern: 'unresolved_stack', count: 1 },
      { day: dayOf(NOW - DAY), pattern: 'usage_drop', count: 1 },
    ]);
    const f = (screen: string, type: string, accountId: string, at = NOW - H) => eventRow({ type: 'friction', screen, accountId, at, payload: { signal: { type } } });
    await s.insertEvents(ws, [f('/billing', 'rage_click', 'a'), f('/billing', 'rage_click', 'b'), f('/billing', 'dead_click', 'a'), f('/invoices', 'rage_click', 'a', NOW - 2 * DAY)]);
    expect(await s.frictionByScreen(ws, NOW - 7 * DAY, NOW)).toEqual([
      { screen: '/billing', type: 'rage_click', count: 2, accounts: 2 },
      { screen: '/billing', type: 'dead_click', count: 1, accounts: 1 },
      { screen: '/invoices', type: 'rage_click', count: 1, accounts: 1 },
    ]);
    expect((await s.frictionByDay(ws, NOW - 7 * DAY, NOW)).reduce((n, r) => n + r.count, 0)).toBe(4);
  });
});
