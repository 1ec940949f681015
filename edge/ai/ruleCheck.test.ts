// The checks every compiled rule passes, on hand-written rules.
import { describe, expect, it } from 'vitest';
import type { RuleInput } from '../rules/schema';
import { checkRule } from './ruleCheck';
import type { RuleCompileContext } from './types';

const CTX: RuleCompileContext = {
  tips: [{ id: 'billing-help', title: 'Billing help' }],
  destinations: [
    { id: 'd-esc', name: '#cs-escalations', kind: 'slack' },
    { id: 'd-zd', name: 'Zendesk', kind: 'zendesk' },
  ],
};
const base: RuleInput = {
  id: 'r1',
  name: 'r1',
  conditions: [{ kind: 'count', subject: 'unresolved_tickets', value: 2, within: { value: 5, unit: 'days' } }],
  actions: [{ type: 'flag_csm' }],
};
const check = (over: Partial<RuleInput>, ctx = CTX) => checkRule({ ...base, ...over }, ctx);

describe('checkRule', () => {
  it('passes a good rule with the schema defaults filled in', () => {
    expect(check({})).toEqual({
      ok: true,
      rule: { ...base, enabled: true, match: 'all', cooldown: { value: 1, unit: 'days' }, conditions: [{ ...base.conditions[0], op: 'gte', per: 'account' }] },
      warnings: [],
    });
  });

  it('resolves a destination name to its id', () => {
    const result = check({ actions: [{ type: 'outreach', destination: 'CS-Escalations' }] });
    expect(result.ok && result.rule.actions).toEqual([{ type: 'outreach', destination: 'd-esc' }]);
  });

  it('refuses what the schema refuses, saying where', () => {
    expect(check({ conditions: [{ kind: 'risk_score', op: 'gt', value: 140 }] })).toEqual({
      ok: false,
      code: 'invalid',
      reason: 'The rule does not fit the rules schema (conditions.0.value: Too big: expected number to be <=100).',
    });
  });

  it('refuses a tip or destination that does not exist', () => {
    expect(check({ actions: [{ type: 'show_tip', tipId: 'nope' }] })).toEqual({ ok: false, code: 'invalid', reason: 'There is no tip "nope". Tips: Billing help (billing-help).' });
    expect(check({ actions: [{ type: 'outreach', destination: '#nope' }] })).toMatchObject({ ok: false, code: 'invalid', reason: expect.stringContaining('There is no destination "#nope".') });
    expect(check({ actions: [{ type: 'outreach', destination: 'x' }] }, { tips: [], destinations: [] })).toMatchObject({
      reason: 'There is no destination "x". This workspace has no destinations yet.',
    });
  });

  it('refuses alerts to a help desk and routing through anything else', () => {
    expect(check({ actions: [{ type: 'outreach', destination: 'Zendesk' }] })).toMatchObject({ ok: false, code: 'invalid' });
    expect(check({ actions: [{ type: 'route_ticket', queue: 'senior', destination: '#cs-escalations' }] })).toMatchObject({ ok: false, code: 'invalid' });
    const routed = check({ actions: [{ type: 'route_ticket', queue: 'senior', destination: 'zendesk' }] });
    expect(routed.ok && routed.rule.actions).toEqual([{ type: 'route_ticket', queue: 'senior', destination: 'd-zd' }]);
  });

  it('refuses conditions that hold for every account', () => {
    expect(check({ conditions: [{ kind: 'count', subject: 'tickets', op: 'gte', value: 0, within: { value: 1, unit: 'days' } }] })).toMatchObject({ ok: false, code: 'unsafe' });
    expect(check({ conditions: [{ kind: 'risk_score', op: 'lte', value: 100 }] })).toMatchObject({ ok: false, code: 'unsafe' });
    expect(check({ match: 'any', conditions: [...base.conditions, { kind: 'risk_score', op: 'gte', value: 0 }] })).toMatchObject({ ok: false, code: 'unsafe' });
  });

  it('refuses a paging cooldown under an hour, but not for a tip', () => {
    expect(check({ cooldown: { value: 59, unit: 'minutes' } })).toEqual({
      ok: false,
      code: 'unsafe',
      reason: 'A cooldown of 59 minutes would page people up to 24 times a day about one account. Use at least 1 hour.',
    });
    expect(check({ cooldown: { value: 1, unit: 'hours' } }).ok).toBe(true);
    expect(check({ cooldown: { value: 5, unit: 'minutes' }, actions: [{ type: 'show_tip', tipId: 'billing-help' }] }).ok).toBe(true);
  });

  it('refuses conditions that can never hold together', () => {
    const within = { value: 5, unit: 'days' } as const;
    expect(
      check({
        conditions: [
          { kind: 'count', subject: 'tickets', op: 'gte', value: 5, within },
          { kind: 'count', subject: 'tickets', op: 'lt', value: 3, within },
        ],
      }),
    ).toMatchObject({ ok: false, code: 'invalid' });
    // Different windows measure different things.
    expect(
      check({
        conditions: [
          { kind: 'count', subject: 'tickets', op: 'gte', value: 5, within: { value: 30, unit: 'days' } },
          { kind: 'count', subject: 'tickets', op: 'lt', value: 3, within },
        ],
      }).ok,
    ).toBe(true);
  });

  it('warns where a rule is valid but may surprise', () => {
    expect(check({ actions: [{ type: 'notify_owner' }] })).toMatchObject({ ok: true, warnings: ['No email destination is set up yet: the account owner will not be emailed until one is.'] });
    const noisy = check({ conditions: [{ kind: 'count', subject: 'tickets', value: 1, within: { value: 1, unit: 'days' } }], actions: [{ type: 'outreach', destination: 'd-esc' }] });
    expect(noisy.ok && noisy.warnings).toEqual(['This fires on almost any activity of any account; check that paging people for each one is what you want.']);
  });
});
