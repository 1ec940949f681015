import { describe, expect, it } from 'vitest';
import { contextReasons } from './context';
import { account, ago, DAY, facts, HOUR, NOW, ticket, user } from './test/facts';
import { DEFAULT_RISK_THRESHOLDS as T } from './thresholds';
import type { Reason } from './types';

/** A matched pattern naming the users it involves; the context reads only its points and users. */
const pattern = (userIds: string[] = [], points = 20): Reason => ({ id: 'usage_drop', kind: 'pattern', points, sentence: '', evidence: { userIds }, at: NOW });
const ids = (rs: Reason[]) => rs.map((r) => [r.id, r.points]);

describe('context', () => {
  it('adjusts risk, never creates it: nothing without a pattern that adds points', () => {
    const f = facts({ account: account({ renewalAt: NOW + 10 * DAY, arr: 1_000_000, tier: 'vip' }), tickets: [ticket('T-1', { createdAt: ago(DAY) })] });
    expect(contextReasons(f, [], T, NOW)).toEqual([]);
    expect(contextReasons(f, [pattern([], 0)], T, NOW)).toEqual([]);
    expect(ids(contextReasons(f, [pattern()], T, NOW))).toEqual([
      ['renewal_window', 10],
      ['high_value', 10],
      ['vip_account', 10],
      ['recent_unresolved', 5],
    ]);
  });

  it.each([
    [59, true],
    [60, true],
    [61, false],
    [-1, false],
  ])('renewal in %i days: %s', (days, raises) => {
    const f = facts({ account: account({ renewalAt: NOW + days * DAY }) });
    const r = contextReasons(f, [pattern()], T, NOW);
    expect(r.length > 0).toBe(raises);
    if (raises) expect(r[0]).toEqual({ id: 'renewal_window', kind: 'context', points: 10, sentence: `Acme renews in ${days} days (${new Date(NOW + days * DAY).getUTCDate()} Aug).`, evidence: { values: { renewalInDays: days } }, at: NOW });
  });

  it.each([
    [150_000, [['high_value', 10]]],
    [100_000, [['high_value', 10]]],
    [99_999, []],
    [5_000, []],
    [4_999, [['low_value', -5]]],
    [null, []],
  ])('ARR %s', (arr, expected) => {
    expect(ids(contextReasons(facts({ account: account({ arr }) }), [pattern()], T, NOW))).toEqual(expected);
  });

  it('says the ARR the way a CSM reads it', () => {
    expect(contextReasons(facts({ account: account({ arr: 120_000 }) }), [pattern()], T, NOW)[0]?.sentence).toBe('Acme is a high-value account (120K ARR).');
  });

  describe('who is affected', () => {
    const users = [
      user('u-new', { createdAt: ago(3 * DAY) }),
      user('u-new2', { createdAt: ago(13 * DAY) }),
      user('u-admin', { role: 'Admin', createdAt: ago(5 * DAY) }),
      user('u-old', { createdAt: ago(200 * DAY) }),
      user('u-mid', { createdAt: ago(60 * DAY) }),
      user('u-unknown-age', { createdAt: null }),
    ];
    it.each([
      [['u-new', 'u-new2'], [['new_member', -10]]],
      [['u-new', 'u-mid'], []],
      [['u-new', 'u-stranger'], []],
      [['u-new', 'u-unknown-age'], []],
      [['u-mid'], []],
      [['u-old'], [['power_user', 10]]],
      [['u-new', 'u-admin'], [['power_user', 10]]],
      [[], []],
    ])('%j', (involved, expected) => {
      expect(ids(contextReasons(facts({ users }), [pattern(involved)], T, NOW))).toEqual(expected);
    });

    it('names them', () => {
      const f = facts({ users });
      expect(contextReasons(f, [pattern(['u-admin', 'u-old'])], T, NOW)[0]).toMatchObject({
        sentence: 'u-admin (Admin) and u-old are affected: an admin or long-standing user, who speaks for the account.',
        evidence: { userIds: ['u-admin', 'u-old'] },
      });
      expect(contextReasons(f, [pattern(['u-new'])], T, NOW)[0]?.sentence).toBe('Everyone affected (u-new) joined in the last 14 days: onboarding friction a tip or guide can answer.');
    });
  });

  it.each([
    [9, 'open', true],
    [10, 'open', true],
    [11, 'open', false],
    [2, 'solved', false],
  ] as const)('a ticket opened %i days ago, %s: %s', (days, status, raises) => {
    const f = facts({ tickets: [ticket('T-1', { createdAt: ago(days * DAY), status })] });
    expect(ids(contextReasons(f, [pattern()], T, NOW))).toEqual(raises ? [['recent_unresolved', 5]] : []);
  });

  it('lists the unresolved tickets', () => {
    const f = facts({ tickets: [ticket('T-2', { createdAt: ago(HOUR) }), ticket('T-1', { createdAt: ago(3 * DAY) })] });
    expect(contextReasons(f, [pattern()], T, NOW)[0]).toEqual({
      id: 'recent_unresolved',
      kind: 'context',
      points: 5,
      sentence: 'T-1 and T-2 are still unresolved, opened in the last 10 days.',
      evidence: { ticketIds: ['T-1', 'T-2'], from: ago(3 * DAY), to: ago(HOUR) },
      at: ago(HOUR),
    });
  });
});
