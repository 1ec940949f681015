// describeRule: each condition, action and cooldown as the sentence a CS person reads.
import { describe, expect, it } from 'vitest';
import { describeRule, describeWindow } from './describe';
import type { RuleInput } from './schema';

const rule = (over: Partial<RuleInput>): RuleInput => ({
  id: 'r',
  name: 'r',
  conditions: [{ kind: 'count', subject: 'unresolved_tickets', value: 2, within: { value: 5, unit: 'days' } }],
  actions: [{ type: 'flag_csm' }],
  ...over,
});

describe('describeRule', () => {
  it('restates the field example', () => {
    expect(describeRule(rule({}))).toBe(
      'When an account has at least 2 unresolved tickets created in the last 5 days, flag it for CSM review. At most once a day per account.',
    );
  });

  it.each<[RuleInput['conditions'][number], string]>([
    [{ kind: 'count', subject: 'tickets', op: 'gt', value: 4, within: { value: 2, unit: 'weeks' } }, 'an account has more than 4 tickets created in the last 2 weeks'],
    [{ kind: 'count', subject: 'tickets', op: 'lt', value: 1, within: { value: 1, unit: 'days' }, filter: { priority: ['urgent'] } }, 'an account has fewer than 1 urgent-priority ticket created in the last day'],
    [{ kind: 'count', subject: 'ticket_requesters', value: 3, within: { value: 1, unit: 'weeks' } }, 'an account has tickets from at least 3 different people in the last week'],
    [{ kind: 'count', subject: 'bad_csat', op: 'eq', value: 1, within: { value: 30, unit: 'days' } }, 'an account has exactly 1 bad CSAT rating in the last 30 days'],
    [
      { kind: 'count', subject: 'friction_signals', value: 3, within: { value: 10, unit: 'minutes' }, per: 'user', filter: { signalType: 'screen_cycling', screen: '/billing/**' } },
      'a single user has at least 3 screen-cycling signals on screens matching “/billing/**” in the last 10 minutes',
    ],
    [{ kind: 'count', subject: 'help_opens', value: 3, within: { value: 1, unit: 'hours' } }, 'an account has at least 3 help-article opens in the last hour'],
    [{ kind: 'count', subject: 'cases', op: 'lte', value: 2, within: { value: 1, unit: 'days' } }, 'an account has at most 2 handoff cases in the last day'],
    [{ kind: 'pattern', pattern: 'low_csat_reengagement', params: { withinDays: 7 } }, 'a customer gives a bad CSAT rating and opens another ticket within 7 days'],
    [{ kind: 'pattern', pattern: 'repeat_contact' }, 'a customer opens a new ticket within the repeat-contact window of a solved one on the same issue'],
    [{ kind: 'pattern', pattern: 'usage_drop', params: { dropPercent: 40 } }, 'product usage drops by 40% or more week over week'],
    [{ kind: 'account', field: 'tier', op: 'in', value: ['enterprise', 'vip'] }, "the account's tier is enterprise or vip"],
    [{ kind: 'account', field: 'arr', op: 'gte', value: 100000 }, "the account's ARR is at least $100,000"],
    [{ kind: 'account', field: 'renewalInDays', op: 'lte', value: 60 }, 'the account renews within 60 days'],
    [{ kind: 'account', field: 'trait:partner', op: 'eq', value: true }, "the account's “partner” trait is true"],
    [{ kind: 'account', field: 'csm', op: 'exists' }, "the account's CSM is set"],
    [{ kind: 'risk_score', op: 'gt', value: 80 }, "the account's risk score is above 80"],
    [{ kind: 'guardrail', categories: ['legal_threat', 'chargeback'], within: { value: 7, unit: 'days' } }, 'a ticket or handoff of the account hits the legal threat or chargeback guardrail in the last 7 days'],
    [{ kind: 'guardrail' }, 'a ticket or handoff of the account hits a guardrail'],
    [{ kind: 'ticket', filter: { mentions: ['refund', 'chargeback'], tag: 'billing' } }, 'an account has an unsolved ticket mentioning “refund” or “chargeback” and tagged “billing” updated in the last 7 days'],
  ])('%j', (condition, sentence) => {
    expect(describeRule(rule({ conditions: [condition] }))).toMatch(new RegExp(`^When ${sentence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, `));
  });

  it('names tips and destinations when it has their names, and ids otherwise', () => {
    const r = rule({ actions: [{ type: 'show_tip', tipId: 'billing-help' }, { type: 'outreach', destination: 'd1' }, { type: 'route_ticket', queue: 'senior', priority: 'urgent' }] });
    expect(describeRule(r, { tips: [{ id: 'billing-help', title: 'Billing help' }], destinations: [{ id: 'd1', name: '#cs-escalations' }] })).toContain(
      'show the tip “Billing help” to its users, alert #cs-escalations and route the ticket to the “senior” queue with urgent priority.',
    );
    expect(describeRule(r)).toContain('show the tip “billing-help” to its users, alert d1 and');
  });

  it('joins conditions with "or" for match any, and says the cooldown and its scope', () => {
    const r = rule({
      match: 'any',
      conditions: [{ kind: 'risk_score', op: 'gte', value: 80 }, { kind: 'ticket', filter: { priority: ['urgent'] } }],
      actions: [{ type: 'require_human' }, { type: 'notify_owner' }],
      cooldown: { value: 4, unit: 'hours' },
    });
    expect(describeRule(r)).toBe(
      "When the account's risk score is at least 80 or it has an unsolved urgent-priority ticket updated in the last 7 days, hand it to a human and email the account owner. At most once every 4 hours per ticket.",
    );
  });
});

describe('describeWindow', () => {
  it('says one unit without its number', () => {
    expect(describeWindow({ value: 1, unit: 'weeks' })).toBe('the last week');
    expect(describeWindow({ value: 72, unit: 'hours' })).toBe('the last 72 hours');
  });
});
