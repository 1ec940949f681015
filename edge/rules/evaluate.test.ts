import { describe, expect, it } from 'vitest';
import type { GuardrailHit } from '../ai/types';
import { assessAccount } from '../risk/score';
import { account, ago, DAY, facts, helpOpen, HOUR, NOW, said, signal, ticket, user } from '../risk/test/facts';
import { DEFAULT_RISK_THRESHOLDS as T } from '../risk/thresholds';
import type { AccountFacts } from '../risk/types';
import { cooldownKey, evaluateRule, type RuleEvaluation } from './evaluate';
import { ruleSchema, type RuleInput } from './schema';

const rule = (conditions: RuleInput['conditions'], more: Partial<RuleInput> = {}) =>
  ruleSchema.parse({ id: 'r1', name: 'Test rule', conditions, actions: [{ type: 'flag_csm' }], ...more });
const evaluate = (r: ReturnType<typeof rule>, f: AccountFacts, t = T): RuleEvaluation => evaluateRule(r, { facts: f, assessment: assessAccount(f, t, NOW), thresholds: t }, NOW);
const holds = (c: RuleInput['conditions'][number], f: AccountFacts) => evaluate(rule([c]), f).matched;
const explained = (c: RuleInput['conditions'][number], f: AccountFacts) => evaluate(rule([c]), f).conditions[0]!.explanation;

const chargeback: GuardrailHit = { category: 'chargeback', evidence: 'I will file a chargeback' };

/**
 * Within the last 7 days: tickets T-1 (u-1, open, urgent) and T-2 (u-2, solved, rated bad); friction s1 (u-1, rage
 * click on /billing/invoices) and s2 (u-2, dead click on /settings); help opens h1, h2 (u-1); case c1 (u-3).
 * Older: T-3 (u-1, open, 20 days) and s3 (u-1, 10 days).
 */
const world = () =>
  facts({
    users: [user('u-1'), user('u-2'), user('u-3')],
    tickets: [
      ticket('T-1', {
        createdAt: ago(2 * DAY),
        priority: 'urgent',
        subject: 'Charged twice for the annual plan',
        tags: ['billing', 'csv_export'],
        topic: 'billing',
        messages: [said('m1', ago(2 * DAY), { text: 'If this is not fixed I will file a CHARGEBACK with my bank.', guardrails: [chargeback] })],
      }),
      ticket('T-2', { createdAt: ago(3 * DAY), requesterId: 'u-2', solvedAt: ago(2 * DAY), subject: 'Export', csat: { score: 'bad', negative: true, comment: null, at: ago(2 * DAY) } }),
      ticket('T-3', { createdAt: ago(20 * DAY), subject: 'Login', messages: [said('m3', ago(20 * DAY), { text: 'Where is my data?', guardrails: [{ category: 'privacy', evidence: 'delete my data' }] })] }),
    ],
    signals: [signal('s1', ago(DAY), { screen: '/billing/invoices' }), signal('s2', ago(DAY), { type: 'dead_click', userId: 'u-2', screen: '/settings' }), signal('s3', ago(10 * DAY))],
    helpOpens: [helpOpen('h1', ago(DAY)), helpOpen('h2', ago(DAY) + HOUR)],
    cases: [{ id: 'c1', reference: 'FS-1001', userId: 'u-3', createdAt: ago(DAY) }],
  });

describe('the field example', () => {
  const fieldRule = ruleSchema.parse({
    id: 'two-unresolved',
    name: 'Two unresolved tickets in 5 days',
    description: 'if this account has two unresolved tickets in 5 days, flag for CSM review',
    conditions: [{ kind: 'count', subject: 'unresolved_tickets', value: 2, within: { value: 5, unit: 'days' } }],
    actions: [{ type: 'flag_csm' }],
  });

  it('two unresolved tickets in 5 days: flag the account for CSM review, once per cooldown', () => {
    const f = facts({ tickets: [ticket('T-1', { createdAt: ago(4 * DAY) }), ticket('T-2', { createdAt: ago(HOUR), status: 'pending' })] });
    expect(evaluate(fieldRule, f)).toEqual({
      ruleId: 'two-unresolved',
      accountId: 'acme',
      matched: true,
      ticketIds: [],
      cooldownKeys: ['two-unresolved/acme'],
      explanations: ['2 unresolved tickets created in the last 5 days (at least 2)'],
      conditions: [{ kind: 'count', held: true, explanation: '2 unresolved tickets created in the last 5 days (at least 2)' }],
    });
    expect(fieldRule.cooldown).toEqual({ value: 1, unit: 'days' });
  });

  it.each([
    ['one of them is solved', [ticket('T-1', { createdAt: ago(4 * DAY), solvedAt: ago(3 * DAY) }), ticket('T-2', { createdAt: ago(HOUR) })]],
    ['one was opened 6 days ago', [ticket('T-1', { createdAt: ago(6 * DAY) }), ticket('T-2', { createdAt: ago(HOUR) })]],
    ['there is only one', [ticket('T-2', { createdAt: ago(HOUR) })]],
  ])('not when %s', (_, tickets) => {
    const r = evaluate(fieldRule, facts({ tickets }));
    expect([r.matched, r.cooldownKeys, r.explanations]).toEqual([false, [], []]);
  });
});

describe('count conditions', () => {
  it.each([
    ['tickets', 2],
    ['unresolved_tickets', 1],
    ['ticket_requesters', 2],
    ['bad_csat', 1],
    ['friction_signals', 2],
    ['help_opens', 2],
    ['cases', 1],
  ] as const)('%s in the last 7 days: %i', (subject, n) => {
    const within = { value: 7, unit: 'days' } as const;
    expect(holds({ kind: 'count', subject, op: 'eq', value: n, within }, world())).toBe(true);
    expect(holds({ kind: 'count', subject, op: 'eq', value: n + 1, within }, world())).toBe(false);
  });

  it.each([
    ['gte', 2, true],
    ['gte', 3, false],
    ['gt', 1, true],
    ['gt', 2, false],
    ['lte', 2, true],
    ['lte', 1, false],
    ['lt', 3, true],
    ['lt', 2, false],
    ['eq', 2, true],
    ['eq', 3, false],
    ['neq', 1, true],
    ['neq', 2, false],
  ] as const)('2 tickets %s %i: %s', (op, value, expected) => {
    expect(holds({ kind: 'count', subject: 'tickets', op, value, within: { value: 1, unit: 'weeks' } }, world())).toBe(expected);
  });

  it('the window: a day, 72 hours, a month', () => {
    const c = (value: number, unit: 'days' | 'hours') => ({ kind: 'count', subject: 'tickets', value: 1, within: { value, unit } }) as const;
    expect(holds(c(1, 'days'), world())).toBe(false);
    expect(holds(c(48, 'hours'), world())).toBe(true);
    expect(explained({ ...c(30, 'days'), value: 3 }, world())).toBe('3 tickets created in the last 30 days (at least 3)');
    expect(explained(c(1, 'days'), world())).toBe('0 tickets created in the last day (at least 1)');
  });

  describe('per user', () => {
    const month = { value: 30, unit: 'days' } as const;
    it('some single user reaches the count', () => {
      expect(explained({ kind: 'count', subject: 'tickets', value: 2, within: month, per: 'user' }, world())).toBe('u-1: 2 tickets created in the last 30 days (at least 2)');
      expect(holds({ kind: 'count', subject: 'tickets', value: 3, within: month }, world())).toBe(true);
      expect(holds({ kind: 'count', subject: 'tickets', value: 3, within: month, per: 'user' }, world())).toBe(false);
      expect(explained({ kind: 'count', subject: 'tickets', value: 3, within: month, per: 'user' }, world())).toBe(
        'no single user: most is u-1 with 2 tickets created in the last 30 days (at least 3)',
      );
    });

    it('a known user with nothing counts as 0; items nobody can be tied to count for no one', () => {
      expect(explained({ kind: 'count', subject: 'tickets', op: 'eq', value: 0, within: month, per: 'user' }, world())).toBe('u-3: 0 tickets created in the last 30 days (exactly 0)');
      const anonymous = facts({ signals: [signal('s1', ago(HOUR), { userId: null }), signal('s2', ago(HOUR), { userId: null })] });
      expect(holds({ kind: 'count', subject: 'friction_signals', value: 2, within: month }, anonymous)).toBe(true);
      expect(holds({ kind: 'count', subject: 'friction_signals', value: 1, within: month, per: 'user' }, anonymous)).toBe(false);
    });

    it('friction signals of one user on one part of the product', () => {
      const c = { kind: 'count', subject: 'friction_signals', value: 2, within: { value: 14, unit: 'days' }, per: 'user', filter: { screen: '/billing/**' } } as const;
      expect(explained(c, world())).toBe('u-1: 2 friction signals (on /billing/**) in the last 14 days (at least 2)');
    });

    it('requesters per user are 1 each', () => {
      expect(holds({ kind: 'count', subject: 'ticket_requesters', value: 1, within: month, per: 'user' }, world())).toBe(true);
      expect(holds({ kind: 'count', subject: 'ticket_requesters', value: 2, within: month, per: 'user' }, world())).toBe(false);
    });
  });

  describe('filters', () => {
    const week = { value: 7, unit: 'days' } as const;
    const n = (subject: 'tickets' | 'friction_signals' | 'bad_csat', filter: object) =>
      [0, 1, 2, 3].find((v) => holds({ kind: 'count', subject, op: 'eq', value: v, within: week, filter } as never, world()));

    it.each([
      [{ signalType: 'rage_click' }, 1],
      [{ signalType: 'form_struggle' }, 0],
      [{ screen: '/billing/*' }, 1],
      [{ screen: '/billing' }, 0],
      [{ screen: '/**' }, 2],
      [{ screen: '/settings', signalType: 'dead_click' }, 1],
      [{ screen: '/settings', signalType: 'rage_click' }, 0],
    ])('friction signals %j: %i', (filter, expected) => {
      expect(n('friction_signals', filter)).toBe(expected);
    });

    it.each([
      [{ priority: ['urgent', 'high'] }, 1],
      [{ priority: ['low'] }, 0],
      [{ tag: 'BILLING' }, 1],
      [{ topic: 'Billing' }, 1],
      [{ topic: 'login' }, 0],
      [{ mentions: ['chargeback'] }, 1],
      [{ mentions: ['charge'] }, 0],
      [{ mentions: ['charge back'] }, 0],
      [{ mentions: ['annual   plan'] }, 1],
      [{ mentions: ['my bank'] }, 1],
      [{ mentions: ['csv export'] }, 1],
      [{ mentions: ['export'] }, 2],
      [{ mentions: ['refund', 'export'] }, 2],
      [{ mentions: ['chargeback'], priority: ['low'] }, 0],
    ])('tickets %j: %i', (filter, expected) => {
      expect(n('tickets', filter)).toBe(expected);
    });

    it('mentions are whole words, case-insensitive, and never run from one field into the next', () => {
      const f = facts({ tickets: [ticket('T-1', { createdAt: ago(HOUR), subject: 'Broken CSV', tags: ['export'], messages: [said('m1', ago(HOUR), { text: 'Ünïcode (café) $500 refund?' })] })] });
      const count = (mentions: string[]) => evaluate(rule([{ kind: 'count', subject: 'tickets', value: 1, within: week, filter: { mentions } }]), f).matched;
      expect(count(['csv export'])).toBe(false);
      expect(count(['CAFÉ'])).toBe(true);
      expect(count(['caf'])).toBe(false);
      expect(count(['$500 refund'])).toBe(true);
      expect(count(['(café)'])).toBe(true);
      expect(count(['.*'])).toBe(false);
    });

    it('agent words are not the customer’s', () => {
      const f = facts({ tickets: [ticket('T-1', { createdAt: ago(HOUR), messages: [{ id: 'a1', author: 'agent', at: ago(HOUR), text: 'No chargeback needed', tone: null, guardrails: [] }] })] });
      expect(holds({ kind: 'count', subject: 'tickets', value: 1, within: week, filter: { mentions: ['chargeback'] } }, f)).toBe(false);
    });

    it('bad ratings are filtered like tickets', () => {
      expect(n('bad_csat', { mentions: ['export'] })).toBe(1);
      expect(n('bad_csat', { topic: 'billing' })).toBe(0);
    });
  });
});

describe('account conditions', () => {
  const crm = (p: Parameters<typeof account>[0] = {}) =>
    facts({
      account: account({ tier: 'Enterprise', plan: 'Scale', arr: 120_000, health: 'At Risk', healthScore: 42, renewalAt: NOW + 41 * DAY + HOUR, owner: 'Dana', csm: 'Lee', traits: { partner: true, seats: 40, region: 'EU' }, ...p }),
    });
  it.each([
    [{ field: 'tier', op: 'in', value: ['enterprise', 'vip'] }, true, 'tier is "Enterprise" (one of enterprise, vip)'],
    [{ field: 'tier', op: 'nin', value: ['enterprise', 'vip'] }, false, 'tier is "Enterprise" (none of enterprise, vip)'],
    [{ field: 'tier', op: 'eq', value: 'ENTERPRISE' }, true, 'tier is "Enterprise" (exactly ENTERPRISE)'],
    [{ field: 'plan', op: 'neq', value: 'scale' }, false, 'plan is "Scale" (not scale)'],
    [{ field: 'arr', op: 'gte', value: 100_000 }, true, 'arr is 120000 (at least 100000)'],
    [{ field: 'arr', op: 'lt', value: 100_000 }, false, 'arr is 120000 (fewer than 100000)'],
    [{ field: 'healthScore', op: 'lte', value: 50 }, true, 'healthScore is 42 (at most 50)'],
    [{ field: 'health', op: 'eq', value: 'at risk' }, true, 'health is "At Risk" (exactly at risk)'],
    [{ field: 'renewalInDays', op: 'lte', value: 41 }, true, 'renewalInDays is 41 (at most 41)'],
    [{ field: 'renewalInDays', op: 'lt', value: 41 }, false, 'renewalInDays is 41 (fewer than 41)'],
    [{ field: 'owner', op: 'exists' }, true, 'owner is "Dana" (set)'],
    [{ field: 'csm', op: 'in', value: ['lee', 'kim'] }, true, 'csm is "Lee" (one of lee, kim)'],
    [{ field: 'trait:partner', op: 'eq', value: true }, true, 'trait:partner is true (exactly true)'],
    [{ field: 'trait:seats', op: 'gt', value: 25 }, true, 'trait:seats is 40 (more than 25)'],
    [{ field: 'trait:region', op: 'in', value: ['eu', 'uk'] }, true, 'trait:region is "EU" (one of eu, uk)'],
    [{ field: 'trait:vip', op: 'exists' }, false, 'trait:vip is not set (set)'],
    [{ field: 'trait:vip', op: 'exists', value: false }, true, 'trait:vip is not set (not set)'],
    [{ field: 'trait:vip', op: 'neq', value: true }, true, 'trait:vip is not set (not true)'],
    [{ field: 'trait:vip', op: 'eq', value: true }, false, 'trait:vip is not set (exactly true)'],
    [{ field: 'trait:constructor', op: 'exists' }, false, 'trait:constructor is not set (set)'],
  ] as const)('%j', (c, expected, explanation) => {
    const r = evaluate(rule([{ kind: 'account', ...c } as never]), crm());
    expect([r.matched, r.conditions[0]!.explanation]).toEqual([expected, explanation]);
  });

  it('without a CRM record every field is unset', () => {
    const f = facts({ account: null });
    expect(holds({ kind: 'account', field: 'tier', op: 'nin', value: ['vip'] }, f)).toBe(true);
    expect(holds({ kind: 'account', field: 'arr', op: 'lt', value: 1 }, f)).toBe(false);
    expect(explained({ kind: 'account', field: 'renewalInDays', op: 'lte', value: 60 }, f)).toBe('renewalInDays is not set (at most 60)');
  });

  it('a renewal already passed is negative days', () => {
    expect(explained({ kind: 'account', field: 'renewalInDays', op: 'lt', value: 0 }, crm({ renewalAt: NOW - 2 * DAY }))).toBe('renewalInDays is -2 (fewer than 0)');
  });
});

describe('risk score conditions', () => {
  const stack = facts({ tickets: [ticket('T-1', { createdAt: ago(4 * DAY) }), ticket('T-2', { createdAt: ago(DAY) })] });
  it.each([
    ['gte', 30, true],
    ['gte', 31, false],
    ['lt', 31, true],
    ['eq', 30, true],
  ] as const)('score 30 %s %i: %s', (op, value, expected) => {
    expect(holds({ kind: 'risk_score', op, value }, stack)).toBe(expected);
  });
  it('explains with the score', () => {
    expect(explained({ kind: 'risk_score', op: 'gte', value: 50 }, stack)).toBe('risk score 30 (at least 50)');
  });
});

describe('guardrail conditions', () => {
  it('any category, in the pattern’s scope: open tickets and recent messages', () => {
    expect(explained({ kind: 'guardrail' }, world())).toBe('guardrail hit: chargeback (T-1), privacy (T-3)');
  });

  it('named categories only', () => {
    expect(holds({ kind: 'guardrail', categories: ['legal_threat', 'cancellation'] }, world())).toBe(false);
    expect(explained({ kind: 'guardrail', categories: ['cancellation', 'legal_threat'] }, world())).toBe('no guardrail hit (legal threat, cancellation)');
    expect(explained({ kind: 'guardrail', categories: ['privacy'] }, world())).toBe('guardrail hit: privacy (T-3)');
  });

  it('a window means messages in the window, open ticket or not', () => {
    expect(explained({ kind: 'guardrail', within: { value: 14, unit: 'days' } }, world())).toBe('guardrail hit in the last 14 days: chargeback (T-1)');
    expect(explained({ kind: 'guardrail', within: { value: 24, unit: 'hours' } }, world())).toBe('no guardrail hit in the last 24 hours');
  });

  it('refunds count from the workspace’s amount', () => {
    const refund = (amount: number) => facts({ tickets: [ticket('T-1', { createdAt: ago(DAY), messages: [said('m1', ago(DAY), { guardrails: [{ category: 'high_value_refund', evidence: 'refund', amount }] })] })] });
    expect(holds({ kind: 'guardrail', categories: ['high_value_refund'] }, refund(499))).toBe(false);
    expect(holds({ kind: 'guardrail', categories: ['high_value_refund'] }, refund(500))).toBe(true);
  });
});

describe('ticket conditions', () => {
  it('acts on the matching tickets, each with its own cooldown key', () => {
    const f = world();
    f.tickets.push(ticket('T-4', { createdAt: ago(HOUR), subject: 'Chargeback filed', requesterId: 'u-2' }));
    const r = evaluate(rule([{ kind: 'ticket', filter: { mentions: ['chargeback'] } }], { id: 'route-chargebacks', actions: [{ type: 'route_ticket', queue: 'billing-escalations', priority: 'urgent' }] }), f);
    expect(r).toMatchObject({
      matched: true,
      ticketIds: ['T-1', 'T-4'],
      cooldownKeys: ['route-chargebacks/acme/ticket/T-1', 'route-chargebacks/acme/ticket/T-4'],
      explanations: ['T-1 and T-4 match (mentioning "chargeback"), unresolved and active in the last 7 days'],
    });
  });

  it('solved tickets and tickets quiet for longer than the window are left alone', () => {
    const f = facts({
      tickets: [
        ticket('T-1', { createdAt: ago(2 * DAY), solvedAt: ago(DAY), priority: 'urgent' }),
        ticket('T-2', { createdAt: ago(20 * DAY), priority: 'urgent' }),
        ticket('T-3', { createdAt: ago(20 * DAY), priority: 'urgent', messages: [said('m1', ago(3 * DAY))] }),
      ],
    });
    expect(evaluate(rule([{ kind: 'ticket', filter: { priority: ['urgent'] } }]), f).ticketIds).toEqual(['T-3']);
    expect(evaluate(rule([{ kind: 'ticket', filter: { priority: ['urgent'] }, within: { value: 30, unit: 'days' } }]), f).ticketIds).toEqual(['T-2', 'T-3']);
    expect(explained({ kind: 'ticket', filter: { priority: ['low'] } }, f)).toBe('no ticket (priority low), unresolved and active in the last 7 days');
  });

  it("with 'all', the tickets that meet every ticket condition; none in common is no match", () => {
    const f = facts({
      tickets: [ticket('T-1', { createdAt: ago(DAY), priority: 'urgent', tags: ['billing'] }), ticket('T-2', { createdAt: ago(DAY), priority: 'urgent' }), ticket('T-3', { createdAt: ago(DAY), tags: ['billing'] })],
    });
    const both = rule([
      { kind: 'ticket', filter: { priority: ['urgent'] } },
      { kind: 'ticket', filter: { tag: 'billing' } },
    ]);
    expect(evaluate(both, f).ticketIds).toEqual(['T-1']);
    const none = evaluate(both, { ...f, tickets: f.tickets.filter((t) => t.id !== 'T-1') });
    expect([none.matched, none.cooldownKeys, none.explanations.at(-1)]).toEqual([false, [], 'but no single ticket meets every ticket condition']);
    expect(evaluate(rule(both.conditions, { match: 'any' }), f).ticketIds).toEqual(['T-1', 'T-2', 'T-3']);
  });

  it("with 'any', a rule that held through an account condition is keyed by the account", () => {
    const r = evaluate(rule([{ kind: 'ticket', filter: { tag: 'nothing-has-this' } }, { kind: 'risk_score', op: 'gte', value: 0 }], { match: 'any' }), world());
    expect([r.matched, r.ticketIds, r.cooldownKeys]).toEqual([true, [], ['r1/acme']]);
  });
});

describe('pattern conditions', () => {
  const repeat = facts({
    tickets: [ticket('T-1', { createdAt: ago(6 * DAY), solvedAt: ago(5 * DAY), topic: 'export' }), ticket('T-2', { createdAt: ago(5 * DAY) + 80 * HOUR, topic: 'export' })],
  });

  it('read from the assessment', () => {
    const stack = facts({ tickets: [ticket('T-1', { createdAt: ago(4 * DAY) }), ticket('T-2', { createdAt: ago(DAY) })] });
    expect(explained({ kind: 'pattern', pattern: 'unresolved_stack' }, stack)).toBe('unresolved stack: Acme has 2 unresolved tickets opened in the last 5 days (T-1 and T-2).');
    expect(explained({ kind: 'pattern', pattern: 'repeat_contact' }, stack)).toBe('repeat contact does not match now');
  });

  it('params override the thresholds for this rule only', () => {
    expect(holds({ kind: 'pattern', pattern: 'repeat_contact' }, repeat)).toBe(false);
    expect(explained({ kind: 'pattern', pattern: 'repeat_contact', params: { withinHours: 96 } }, repeat)).toBe(
      'repeat contact (with withinHours 96): Acme opened T-2 80 hours after T-1 on the same issue (export) was solved.',
    );
    const stack = facts({ tickets: [ticket('T-1', { createdAt: ago(4 * DAY) }), ticket('T-2', { createdAt: ago(DAY) })] });
    expect(explained({ kind: 'pattern', pattern: 'unresolved_stack', params: { tickets: 3 } }, stack)).toBe('unresolved stack does not match now (with tickets 3)');
  });

  it('params the schema would refuse hold nothing, and say why', () => {
    const r = evaluateRule({ ...rule([{ kind: 'pattern', pattern: 'usage_drop' }]), conditions: [{ kind: 'pattern', pattern: 'usage_drop', params: { points: 90 } }] }, { facts: repeat, assessment: assessAccount(repeat, T, NOW), thresholds: T }, NOW);
    expect(r.conditions[0]).toEqual({ kind: 'pattern', held: false, explanation: 'usage drop: "points" is not a threshold of usage_drop; it has dropPercent, periodDays, minPriorEvents' });
  });
});

describe('the rule as a whole', () => {
  const f = facts({ account: account({ tier: 'enterprise' }), tickets: [ticket('T-1', { createdAt: ago(4 * DAY) }), ticket('T-2', { createdAt: ago(DAY) })] });
  const conditions: RuleInput['conditions'] = [
    { kind: 'account', field: 'tier', op: 'eq', value: 'enterprise' },
    { kind: 'risk_score', op: 'gte', value: 50 },
  ];

  it("'all' needs every condition; 'any' one; the explanations are those that held", () => {
    expect(evaluate(rule(conditions), f)).toMatchObject({ matched: false, explanations: ['tier is "enterprise" (exactly enterprise)'] });
    expect(evaluate(rule(conditions, { match: 'any' }), f)).toMatchObject({ matched: true, cooldownKeys: ['r1/acme'], explanations: ['tier is "enterprise" (exactly enterprise)'] });
  });

  it('a rule turned off never matches, and says so', () => {
    expect(evaluate(rule(conditions, { match: 'any', enabled: false }), f)).toMatchObject({ matched: false, cooldownKeys: [], explanations: ['tier is "enterprise" (exactly enterprise)', 'but the rule is turned off'] });
  });

  it('cooldown keys cannot collide whatever the ids contain', () => {
    expect(cooldownKey('r/1', 'acme')).toBe('r%2F1/acme');
    expect(cooldownKey('r', '1/acme')).toBe('r/1%2Facme');
    expect(cooldownKey('r', 'acme', 'T/1')).toBe('r/acme/ticket/T%2F1');
  });
});

describe('what the schema refuses', () => {
  const issues = (c: unknown) => ruleSchema.safeParse({ id: 'r1', name: 'x', conditions: [c], actions: [{ type: 'flag_csm' }] }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  it.each([
    [{ kind: 'count', subject: 'tickets', value: 2, within: { value: 1, unit: 'days' }, filter: { screen: '/billing' } }, ['conditions.0.filter.screen: screen does not apply to tickets: they are narrowed by mentions, priority, tag, topic']],
    [{ kind: 'count', subject: 'friction_signals', value: 2, within: { value: 1, unit: 'days' }, filter: { mentions: ['x'] } }, ['conditions.0.filter.mentions: mentions does not apply to friction_signals: they are narrowed by signalType, screen']],
    [{ kind: 'count', subject: 'cases', value: 2, within: { value: 1, unit: 'days' }, filter: { tag: 'x' } }, ['conditions.0.filter.tag: tag does not apply to cases, which take no filter']],
    [{ kind: 'ticket', filter: { signalType: 'rage_click' } }, ['conditions.0.filter.signalType: signalType does not apply to tickets: they are narrowed by mentions, priority, tag, topic']],
    [{ kind: 'pattern', pattern: 'repeat_contact', params: { withinDays: 3 } }, ['conditions.0.params: "withinDays" is not a threshold of repeat_contact; it has withinHours']],
    [{ kind: 'pattern', pattern: 'tone_drift', params: { interactions: 1 } }, ['conditions.0.params: interactions must be at least 2 interactions']],
  ])('%j', (c, expected) => {
    expect(issues(c)).toEqual(expected);
  });
});
