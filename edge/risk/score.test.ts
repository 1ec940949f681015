import { describe, expect, it } from 'vitest';
import { assessAccount, riskLevel, scoreFromPoints } from './score';
import { account, activity, ago, DAY, facts, helpOpen, HOUR, NOW, replied, said, signal, spread, ticket, user } from './test/facts';
import { DEFAULT_RISK_THRESHOLDS as T, resolveRiskThresholds } from './thresholds';
import type { AccountFacts } from './types';

const reasons = (f: AccountFacts, t = T) => assessAccount(f, t, NOW).reasons.map((r) => [r.id, r.points]);

/** The field's example: two unresolved tickets in five days, from two people (25 + 5 for the unresolved ticket). */
const stack = () => [ticket('T-1', { createdAt: ago(4 * DAY) }), ticket('T-2', { createdAt: ago(DAY), requesterId: 'u-2' })];
/** T-4 on the same issue 30 hours after T-3 was solved (30). */
const repeat = () => [ticket('T-3', { createdAt: ago(6 * DAY), solvedAt: ago(5 * DAY), topic: 'export' }), ticket('T-4', { createdAt: ago(5 * DAY) + 30 * HOUR, topic: 'export', status: 'solved', solvedAt: ago(3 * DAY) })];
const legal = () =>
  ticket('T-9', { createdAt: ago(2 * DAY), status: 'solved', solvedAt: ago(DAY), messages: [said('m9', ago(2 * DAY), { guardrails: [{ category: 'legal_threat', evidence: 'see you in court' }] })] });

describe('the score', () => {
  it.each([
    [-10, 0],
    [0, 0],
    [25, 25],
    [60, 60],
    [61, 61],
    [80, 76],
    [100, 85],
    [150, 95],
    [240, 99],
    [10_000, 99],
  ])('%i points → %i', (points, score) => {
    expect(scoreFromPoints(points)).toBe(score);
  });

  it('never reaches 100 and never falls as points rise', () => {
    let last = 0;
    for (let p = 0; p <= 2000; p++) {
      const s = scoreFromPoints(p);
      expect(s).toBeGreaterThanOrEqual(last);
      expect(s).toBeLessThan(100);
      last = s;
    }
  });

  it.each([
    [0, 'low'],
    [24, 'low'],
    [25, 'medium'],
    [49, 'medium'],
    [50, 'high'],
    [74, 'high'],
    [75, 'critical'],
    [99, 'critical'],
  ] as const)('score %i is %s', (score, level) => {
    expect(riskLevel(score)).toBe(level);
  });
});

describe('assessing an account', () => {
  it('a quiet account: 0, low, no reasons, no human needed', () => {
    const f = facts({ account: account({ renewalAt: NOW + 5 * DAY, arr: 500_000 }), tickets: [ticket('T-1', { createdAt: ago(20 * DAY), solvedAt: ago(19 * DAY) })] });
    expect(assessAccount(f, T, NOW)).toEqual({ accountId: 'acme', score: 0, level: 'low', reasons: [], requiresHuman: false, evaluatedAt: NOW });
  });

  it('the field example: two unresolved tickets in five days is medium, 30 points', () => {
    const a = assessAccount(facts({ tickets: stack() }), T, NOW);
    expect([a.score, a.level]).toEqual([30, 'medium']);
    expect(a.reasons.map((r) => [r.kind, r.id, r.points, r.sentence])).toEqual([
      ['pattern', 'unresolved_stack', 25, 'Acme has 2 unresolved tickets opened in the last 5 days (T-1 and T-2).'],
      ['context', 'recent_unresolved', 5, 'T-1 and T-2 are still unresolved, opened in the last 10 days.'],
    ]);
  });

  it('more reasons, higher score; the points add up to the score below 60', () => {
    const one = assessAccount(facts({ tickets: repeat() }), T, NOW);
    const two = assessAccount(facts({ tickets: [...repeat(), ...stack()] }), T, NOW);
    const three = assessAccount(facts({ tickets: [...repeat(), ...stack()], activity: activity([...spread(1000), ...spread(500)]) }), T, NOW);
    expect([one.score, two.score, three.score]).toEqual([30, 60, 76]);
    expect([one.level, two.level, three.level]).toEqual(['medium', 'high', 'critical']);
    expect(two.reasons.reduce((s, r) => s + r.points, 0)).toBe(two.score);
  });

  it('saturates below 100 when everything is wrong at once', () => {
    const f = facts({
      account: account({ tier: 'vip', arr: 400_000, renewalAt: NOW + 20 * DAY }),
      users: [user('u-1', { role: 'admin' })],
      tickets: [
        ...repeat(),
        ...stack(),
        legal(),
        ticket('T-5', { createdAt: ago(9 * DAY), solvedAt: ago(8 * DAY), csat: { score: 'bad', negative: true, comment: null, at: ago(8 * DAY) } }),
        ticket('T-6', {
          createdAt: ago(3 * DAY),
          requesterId: 'u-3',
          messages: [0, -0.3, -0.6].flatMap((tone, i) => [said(`t${i}`, ago(3 * DAY) + i * HOUR, { tone }), replied(`r${i}`, ago(3 * DAY) + i * HOUR + 1)]),
        }),
      ],
      signals: [signal('s1', ago(2 * DAY)), signal('s2', ago(2 * DAY) + HOUR), signal('s3', ago(DAY))],
      helpOpens: [helpOpen('h1', ago(2 * DAY)), helpOpen('h2', ago(2 * DAY) + HOUR)],
      activity: activity([...spread(1000), ...spread(100)]),
    });
    const a = assessAccount(f, T, NOW);
    expect(a.reasons.filter((r) => r.kind === 'pattern').map((r) => r.id)).toEqual([
      'guardrail',
      'repeat_contact',
      'low_csat_reengagement',
      'tone_drift',
      'account_volume',
      'unresolved_stack',
      'usage_drop',
      'resolved_still_confused',
      'in_product_friction',
    ]);
    expect(a.score).toBe(99);
    expect(a.level).toBe('critical');
    expect(a.requiresHuman).toBe(true);
  });

  it('context raises urgency: the same patterns near renewal, high-value, VIP, with an admin affected', () => {
    const plain = assessAccount(facts({ tickets: repeat() }), T, NOW);
    const urgent = facts({ account: account({ renewalAt: NOW + 30 * DAY, arr: 250_000, tier: 'partner' }), users: [user('u-1', { role: 'owner' })], tickets: repeat() });
    const a = assessAccount(urgent, T, NOW);
    expect(reasons(urgent)).toEqual([
      ['repeat_contact', 30],
      ['renewal_window', 10],
      ['high_value', 10],
      ['vip_account', 10],
      ['power_user', 10],
    ]);
    expect([plain.score, a.score, a.level]).toEqual([30, 69, 'high']);
  });

  it('context lowers urgency: the same patterns on a small account whose people all joined this week', () => {
    const f = facts({ account: account({ arr: 1200 }), users: [user('u-1', { createdAt: ago(5 * DAY) })], tickets: repeat() });
    expect(reasons(f)).toEqual([
      ['repeat_contact', 30],
      ['low_value', -5],
      ['new_member', -10],
    ]);
    expect(assessAccount(f, T, NOW).score).toBe(15);
  });

  it('a guardrail needs a human whatever the score; a VIP with an open question too, at no points', () => {
    const threat = assessAccount(facts({ tickets: [legal()] }), T, NOW);
    expect([threat.score, threat.level, threat.requiresHuman]).toEqual([50, 'high', true]);
    const vip = assessAccount(facts({ account: account({ tier: 'VIP', arr: 900_000 }), tickets: [ticket('T-1', { createdAt: ago(DAY) })] }), T, NOW);
    expect([vip.score, vip.level, vip.requiresHuman, vip.reasons.map((r) => r.id)]).toEqual([0, 'low', true, ['guardrail']]);
  });

  it('the workspace’s weights move the score', () => {
    expect(assessAccount(facts({ tickets: repeat() }), resolveRiskThresholds({ repeat_contact: { points: 45 } }), NOW).score).toBe(45);
  });

  it('is deterministic: the same facts in any order give the same assessment', () => {
    const f = facts({
      users: [user('u-1'), user('u-2')],
      tickets: [...repeat(), ...stack(), legal()],
      signals: [signal('s1', ago(2 * DAY)), signal('s2', ago(2 * DAY)), signal('s3', ago(DAY))],
      helpOpens: [helpOpen('h1', ago(2 * DAY)), helpOpen('h2', ago(2 * DAY))],
    });
    const reversed: AccountFacts = { ...f, users: [...f.users].reverse(), tickets: [...f.tickets].reverse(), signals: [...f.signals].reverse(), helpOpens: [...f.helpOpens].reverse() };
    expect(assessAccount(reversed, T, NOW)).toEqual(assessAccount(f, T, NOW));
  });
});
