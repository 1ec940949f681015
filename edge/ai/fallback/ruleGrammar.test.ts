// The rule grammar on exact sentences: the six phrasings, their variants, and every kind of refusal.
import { describe, expect, it } from 'vitest';
import { ruleSchema, type RuleInput } from '../../rules/schema';
import type { RuleCompileContext, RuleCompileResult } from '../types';
import { compileRuleOffline, MAX_RULE_TEXT } from './ruleGrammar';

const CTX: RuleCompileContext = {
  tips: [
    { id: 'billing-help', title: 'Billing help' },
    { id: 'csv-export', title: 'Exporting to CSV' },
    { id: 'sso-setup', title: 'Setting up SSO' },
  ],
  destinations: [
    { id: 'd-esc', name: '#cs-escalations', kind: 'slack' },
    { id: 'd-leads', name: '#support-leads', kind: 'slack' },
    { id: 'd-hook', name: 'ops-webhook', kind: 'webhook' },
    { id: 'd-mail', name: 'csm-email', kind: 'email' },
    { id: 'd-zd', name: 'Zendesk', kind: 'zendesk' },
  ],
};

type Decides = Pick<RuleInput, 'conditions' | 'actions' | 'match' | 'cooldown'>;

/** The parts of a compiled rule a person confirms, with the schema's defaults filled in. */
function decides(result: RuleCompileResult): Decides {
  if (!result.ok) throw new Error(`refused (${result.code}): ${result.reason}`);
  const rule = ruleSchema.parse(result.rule);
  return { match: rule.match, conditions: rule.conditions, actions: rule.actions, cooldown: rule.cooldown };
}
const expected = (d: Decides): Decides => {
  const rule = ruleSchema.parse({ id: 'x', name: 'x', ...d });
  return { match: rule.match, conditions: rule.conditions, actions: rule.actions, cooldown: rule.cooldown };
};
const compile = (text: string) => compileRuleOffline(text, CTX);

const UNRESOLVED_2_IN_5_DAYS = { kind: 'count', subject: 'unresolved_tickets', op: 'gte', value: 2, within: { value: 5, unit: 'days' } } as const;
const REQUESTERS_3_IN_A_WEEK = { kind: 'count', subject: 'ticket_requesters', op: 'gte', value: 3, within: { value: 1, unit: 'weeks' } } as const;

describe('compileRuleOffline: the phrasings of the issue', () => {
  it('"if this account has two unresolved tickets in 5 days, flag for CSM review"', () => {
    const result = compile('if this account has two unresolved tickets in 5 days, flag for CSM review');
    expect(result).toEqual({
      ok: true,
      rule: {
        id: 'if-this-account-has-two-unresolved-tickets-in-5',
        name: 'if this account has two unresolved tickets in 5 days, flag for CSM review',
        description: 'if this account has two unresolved tickets in 5 days, flag for CSM review',
        enabled: true,
        match: 'all',
        conditions: [{ ...UNRESOLVED_2_IN_5_DAYS, per: 'account' }],
        actions: [{ type: 'flag_csm' }],
        cooldown: { value: 1, unit: 'days' },
      },
      restatement: 'When an account has at least 2 unresolved tickets created in the last 5 days, flag it for CSM review. At most once a day per account.',
      warnings: [],
      source: 'fallback',
    });
  });

  it('"when 3 users from the same account file tickets in a week, alert #cs-escalations on Slack"', () => {
    const result = compile('when 3 users from the same account file tickets in a week, alert #cs-escalations on Slack');
    expect(decides(result)).toEqual(expected({ conditions: [REQUESTERS_3_IN_A_WEEK], actions: [{ type: 'outreach', destination: 'd-esc' }] }));
    expect(result.ok && result.restatement).toBe(
      'When an account has tickets from at least 3 different people in the last week, alert #cs-escalations. At most once a day per account.',
    );
  });

  it('"route tickets mentioning chargeback to the senior queue"', () => {
    const result = compile('route tickets mentioning chargeback to the senior queue');
    expect(decides(result)).toEqual(expected({ conditions: [{ kind: 'ticket', filter: { mentions: ['chargeback'] } }], actions: [{ type: 'route_ticket', queue: 'senior' }] }));
    expect(result.ok && result.restatement).toBe(
      'When an account has an unsolved ticket mentioning “chargeback” updated in the last 7 days, route the ticket to the “senior” queue. At most once a day per ticket.',
    );
  });

  it('"if a customer gives a bad CSAT and opens another ticket within 7 days, notify the account owner"', () => {
    const result = compile('if a customer gives a bad CSAT and opens another ticket within 7 days, notify the account owner');
    expect(decides(result)).toEqual(expected({ conditions: [{ kind: 'pattern', pattern: 'low_csat_reengagement', params: { withinDays: 7 } }], actions: [{ type: 'notify_owner' }] }));
  });

  it('"show the billing tip when someone cycles on the billing page"', () => {
    const result = compile('show the billing tip when someone cycles on the billing page');
    expect(decides(result)).toEqual(
      expected({
        conditions: [
          { kind: 'count', subject: 'friction_signals', op: 'gte', value: 1, within: { value: 1, unit: 'days' }, per: 'user', filter: { signalType: 'screen_cycling', screen: '**billing**' } },
        ],
        actions: [{ type: 'show_tip', tipId: 'billing-help' }],
      }),
    );
    expect(result.ok && result.warnings).toEqual(['No time window was given for one count; it uses the last day.']);
  });

  it('"escalate VIP accounts with any urgent ticket to a human"', () => {
    const result = compile('escalate VIP accounts with any urgent ticket to a human');
    expect(decides(result)).toEqual(
      expected({
        conditions: [
          { kind: 'account', field: 'tier', op: 'in', value: ['vip'] },
          { kind: 'ticket', filter: { priority: ['urgent'] } },
        ],
        actions: [{ type: 'require_human' }],
      }),
    );
    expect(result.ok && result.restatement).toBe(
      "When the account's tier is vip and it has an unsolved urgent-priority ticket updated in the last 7 days, hand it to a human. At most once a day per ticket.",
    );
  });
});

describe('compileRuleOffline: variants', () => {
  it.each<[string, Decides]>([
    ['If this account has 2 unresolved tickets in five days, flag for CSM review.', { conditions: [UNRESOLVED_2_IN_5_DAYS], actions: [{ type: 'flag_csm' }] }],
    ['IF THIS ACCOUNT HAS TWO UNRESOLVED TICKETS IN 5 DAYS, FLAG FOR CSM REVIEW!!!', { conditions: [UNRESOLVED_2_IN_5_DAYS], actions: [{ type: 'flag_csm' }] }],
    ['Flag accounts with two open tickets within 5 days for CSM review', { conditions: [UNRESOLVED_2_IN_5_DAYS], actions: [{ type: 'flag_csm' }] }],
    ['when an account has 2 pending tickets over the last 5 days, mark it for CSM review', { conditions: [UNRESOLVED_2_IN_5_DAYS], actions: [{ type: 'flag_csm' }] }],
    [
      'If an account has 3 or more unresolved tickets in 72h, flag it',
      { conditions: [{ kind: 'count', subject: 'unresolved_tickets', op: 'gte', value: 3, within: { value: 72, unit: 'hours' } }], actions: [{ type: 'flag_csm' }] },
    ],
    [
      'flag for csm review when an account files more than twenty tickets in the past 2 weeks',
      { conditions: [{ kind: 'count', subject: 'tickets', op: 'gt', value: 20, within: { value: 2, unit: 'weeks' } }], actions: [{ type: 'flag_csm' }] },
    ],
    ['When three people at one company open tickets in 7 days, ping #cs-escalations', {
      conditions: [{ ...REQUESTERS_3_IN_A_WEEK, within: { value: 7, unit: 'days' } }],
      actions: [{ type: 'outreach', destination: 'd-esc' }],
    }],
    ['If tickets from 3 different users arrive within a week, post to #support-leads', {
      conditions: [REQUESTERS_3_IN_A_WEEK],
      actions: [{ type: 'outreach', destination: 'd-leads' }],
    }],
    ['Send tickets that mention "data breach" or GDPR to the privacy team', {
      conditions: [{ kind: 'ticket', filter: { mentions: ['data breach', 'gdpr'] } }],
      actions: [{ type: 'route_ticket', queue: 'privacy' }],
    }],
    ['Assign high or urgent priority tickets to the tier 2 queue with urgent priority', {
      conditions: [{ kind: 'ticket', filter: { priority: ['high', 'urgent'] } }],
      actions: [{ type: 'route_ticket', queue: 'tier 2', priority: 'urgent' }],
    }],
    ['Route tickets mentioning chargeback to the senior queue in Zendesk', {
      conditions: [{ kind: 'ticket', filter: { mentions: ['chargeback'] } }],
      actions: [{ type: 'route_ticket', queue: 'senior', destination: 'd-zd' }],
    }],
    ['If a customer leaves a poor rating then files a new ticket within 48 hours, email the account owner', {
      conditions: [{ kind: 'pattern', pattern: 'low_csat_reengagement', params: { withinDays: 2 } }],
      actions: [{ type: 'notify_owner' }],
    }],
    ['Display the SSO tip when a user rage clicks on the login page', {
      conditions: [
        { kind: 'count', subject: 'friction_signals', op: 'gte', value: 1, within: { value: 1, unit: 'days' }, per: 'user', filter: { signalType: 'rage_click', screen: '**login**' } },
      ],
      actions: [{ type: 'show_tip', tipId: 'sso-setup' }],
    }],
    ['show Exporting to CSV when someone rage clicks 5 times in 2 minutes on /reports/export', {
      conditions: [
        { kind: 'count', subject: 'friction_signals', op: 'gte', value: 5, within: { value: 2, unit: 'minutes' }, per: 'user', filter: { signalType: 'rage_click', screen: '/reports/export' } },
      ],
      actions: [{ type: 'show_tip', tipId: 'csv-export' }],
    }],
    ['If someone opens 3 help articles in half an hour… no: in 30 min, show the CSV export tip'.replace('in half an hour… no: ', ''), {
      conditions: [{ kind: 'count', subject: 'help_opens', op: 'gte', value: 3, within: { value: 30, unit: 'minutes' }, per: 'user' }],
      actions: [{ type: 'show_tip', tipId: 'csv-export' }],
    }],
    ['Escalate enterprise or VIP customers with an urgent ticket to a human agent', {
      conditions: [
        { kind: 'account', field: 'tier', op: 'in', value: ['enterprise', 'vip'] },
        { kind: 'ticket', filter: { priority: ['urgent'] } },
      ],
      actions: [{ type: 'require_human' }],
    }],
    ['When the risk score goes over 90, alert #cs-escalations, at most once every 12 hours', {
      conditions: [{ kind: 'risk_score', op: 'gt', value: 90 }],
      actions: [{ type: 'outreach', destination: 'd-esc' }],
      cooldown: { value: 12, unit: 'hours' },
    }],
    ['when risk reaches 70 and the account renews in the next 30 days, notify the CSM', {
      conditions: [
        { kind: 'risk_score', op: 'gte', value: 70 },
        { kind: 'account', field: 'renewalInDays', op: 'lte', value: 30 },
      ],
      actions: [{ type: 'notify_owner' }],
    }],
    ['If an enterprise customer with ARR over $100k has 2 bad CSATs in a month, alert #cs-escalations', {
      conditions: [
        { kind: 'account', field: 'tier', op: 'in', value: ['enterprise'] },
        { kind: 'account', field: 'arr', op: 'gt', value: 100_000 },
        { kind: 'count', subject: 'bad_csat', op: 'gte', value: 2, within: { value: 30, unit: 'days' } },
      ],
      actions: [{ type: 'outreach', destination: 'd-esc' }],
    }],
    ['if a customer threatens to cancel or asks for a manager, escalate to a human', {
      conditions: [{ kind: 'guardrail', categories: ['cancellation', 'manager_request'] }],
      actions: [{ type: 'require_human' }],
    }],
    ['When usage drops by 40% week over week, flag for CSM review', {
      conditions: [{ kind: 'pattern', pattern: 'usage_drop', params: { dropPercent: 40 } }],
      actions: [{ type: 'flag_csm' }],
    }],
    ['If the customer gets angrier, notify the account owner', {
      conditions: [{ kind: 'pattern', pattern: 'tone_drift' }],
      actions: [{ type: 'notify_owner' }],
    }],
    ['if an account has 2 unresolved tickets in 5 days, email csm-email', {
      conditions: [UNRESOLVED_2_IN_5_DAYS],
      actions: [{ type: 'outreach', destination: 'd-mail' }],
    }],
    ['Flag for CSM review when an account has 3 tickets in a week or 2 bad CSAT ratings in a fortnight', {
      match: 'any',
      conditions: [
        { kind: 'count', subject: 'tickets', op: 'gte', value: 3, within: { value: 1, unit: 'weeks' } },
        { kind: 'count', subject: 'bad_csat', op: 'gte', value: 2, within: { value: 2, unit: 'weeks' } },
      ],
      actions: [{ type: 'flag_csm' }],
    }],
    ['If an account has two unresolved tickets in 5 days, flag for CSM review with a cooldown of 2 weeks', {
      conditions: [UNRESOLVED_2_IN_5_DAYS],
      actions: [{ type: 'flag_csm' }],
      cooldown: { value: 2, unit: 'weeks' },
    }],
  ])('%s', (text, want) => {
    expect(decides(compile(text))).toEqual(expected(want));
  });

  it('reads a range as two bounds over the same window', () => {
    expect(decides(compile('flag for CSM review when an account has between 3 and 6 unresolved tickets in 10 days'))).toEqual(
      expected({
        conditions: [
          { kind: 'count', subject: 'unresolved_tickets', op: 'gte', value: 3, within: { value: 10, unit: 'days' } },
          { kind: 'count', subject: 'unresolved_tickets', op: 'lte', value: 6, within: { value: 10, unit: 'days' } },
        ],
        actions: [{ type: 'flag_csm' }],
      }),
    );
  });

  it("reads 'single-quoted' terms, \"a single day\", a verb before a ticket, and a bad rating in words", () => {
    expect(decides(compile("Send tickets mentioning 'refund request' to the billing queue")).conditions).toEqual([{ kind: 'ticket', filter: { mentions: ['refund request'] } }]);
    expect(decides(compile('If an account files 4 tickets in a single day, flag it')).conditions).toEqual([
      { kind: 'count', subject: 'tickets', op: 'gte', value: 4, within: { value: 1, unit: 'days' }, per: 'account' },
    ]);
    expect(decides(compile('Alert #cs-escalations when a partner account raises an urgent ticket')).conditions).toEqual([
      { kind: 'account', field: 'tier', op: 'in', value: ['partner'] },
      { kind: 'ticket', filter: { priority: ['urgent'] } },
    ]);
    expect(decides(compile('If a customer rates the ticket poorly and then opens a new ticket within 3 days, flag for CSM review')).conditions).toEqual([
      { kind: 'pattern', pattern: 'low_csat_reengagement', params: { withinDays: 3 } },
    ]);
  });

  it('says when a month is read as 30 days', () => {
    const result = compile('When a VIP account has 2 bad CSATs in a month, flag for CSM review');
    expect(result.ok && result.warnings).toEqual(['"1 month" is read as 30 days.']);
  });

  it('names the one Slack destination when the sentence only says "on Slack"', () => {
    const oneSlack = { ...CTX, destinations: CTX.destinations.filter((d) => d.id !== 'd-leads') };
    const result = compileRuleOffline('if an account has 2 unresolved tickets in 5 days, alert us on Slack', oneSlack);
    expect(decides(result).actions).toEqual([{ type: 'outreach', destination: 'd-esc' }]);
    expect(result.ok && result.warnings).toEqual(['"slack" is read as #cs-escalations, the workspace\'s only slack destination.']);
  });
});

describe('compileRuleOffline: refusals', () => {
  const refusal = (text: string, ctx = CTX) => {
    const result = compileRuleOffline(text, ctx);
    if (result.ok) throw new Error(`compiled: ${result.restatement}`);
    return { code: result.code, reason: result.reason };
  };

  it('refuses a destination that does not exist, listing the ones that do', () => {
    expect(refusal('When 3 users file tickets in a week, alert #vip-alerts on Slack')).toEqual({
      code: 'invalid',
      reason: 'There is no destination "#vip-alerts". Destinations: #cs-escalations (slack), #support-leads (slack), ops-webhook (webhook), csm-email (email), Zendesk (zendesk).',
    });
  });

  it('refuses a destination of the wrong kind', () => {
    expect(refusal('alert ops-webhook on Slack when an account has 2 unresolved tickets in 5 days')).toEqual({
      code: 'invalid',
      reason: 'ops-webhook is a webhook destination, not Slack. Destinations: #cs-escalations (slack), #support-leads (slack).',
    });
  });

  it('refuses a tip that does not exist, listing the ones that do', () => {
    expect(refusal('Show the onboarding tip when someone rage clicks')).toEqual({
      code: 'invalid',
      reason: 'There is no tip matching "onboarding". Tips: Billing help (billing-help), Exporting to CSV (csv-export), Setting up SSO (sso-setup).',
    });
  });

  it('refuses a tip name that fits several tips', () => {
    const ctx = { ...CTX, tips: [...CTX.tips, { id: 'billing-faq', title: 'Billing FAQ' }] };
    expect(refusal('show the billing tip when someone cycles on the billing page', ctx).code).toBe('ambiguous');
  });

  it('refuses a rule with no condition: it would fire for every account', () => {
    expect(refusal('Alert #cs-escalations on Slack for every account')).toEqual({
      code: 'unsafe',
      reason: 'It has no condition, so it would fire for every account. Say when it should fire, for example "when an account has 2 unresolved tickets in 5 days".',
    });
  });

  it('refuses a cooldown so short it pages people over and over', () => {
    expect(refusal('If an account has 2 unresolved tickets in 5 days, alert #cs-escalations every 5 minutes')).toEqual({
      code: 'unsafe',
      reason: 'A cooldown of 5 minutes would page people up to 288 times a day about one account. Use at least 1 hour.',
    });
  });

  it('refuses two numbers for one count', () => {
    expect(refusal('If an account has 2 or 3 unresolved tickets in 5 days, flag for CSM review')).toEqual({
      code: 'ambiguous',
      reason: 'It names two numbers for one count: 2 or 3. Which one should it be?',
    });
  });

  it('refuses two windows for one count', () => {
    expect(refusal('If an account has two unresolved tickets in 5 days or 3 days, flag for CSM review')).toEqual({
      code: 'ambiguous',
      reason: 'It names two time windows where one is needed: 5 days or 3 days. Which one should it be?',
    });
  });

  it('refuses two cooldowns', () => {
    expect(refusal('If an account has 2 unresolved tickets in 5 days, flag it at most once a day, at most once a week').code).toBe('ambiguous');
  });

  it('refuses a sentence without an action', () => {
    expect(refusal('When an account has 3 tickets in a week').code).toBe('unsupported');
  });

  it('refuses exceptions rather than dropping them', () => {
    expect(refusal('if an account has 2 unresolved tickets in 5 days unless they are on the free plan, flag for CSM review')).toEqual({
      code: 'unsupported',
      reason: 'Exceptions ("unless", "except", "not") are not something the offline rule grammar can express; write the rule without them, or configure a model.',
    });
  });

  it('refuses words it does not understand rather than half-read them', () => {
    expect(refusal('When an account has a couple of unresolved tickets in a few days, flag for CSM review')).toEqual({
      code: 'unsupported',
      reason: 'I could not understand "few days". Rephrase it with counts over time ("2 unresolved tickets in 5 days"), account fields, risk score or guardrails, or configure a model.',
    });
    expect(refusal('Make the product better for everyone').code).toBe('unsupported');
    // Words it could not read are the reason, even when nothing else was read as a condition.
    expect(refusal('If the customer seems grumpy, flag for CSM review').reason).toMatch(/^I could not understand "seems grumpy"/);
  });

  it('refuses a window longer than the schema allows', () => {
    expect(refusal('When an account has 2 unresolved tickets in 100 days flag for CSM review')).toEqual({
      code: 'invalid',
      reason: 'The rule does not fit the rules schema (conditions.0.within: a window can be at most 90 days).',
    });
  });

  it('refuses conditions that contradict each other', () => {
    expect(refusal('if the risk score is above 80 and the risk score is below 50, flag for CSM review').code).toBe('invalid');
  });

  it('refuses an empty or over-long sentence', () => {
    expect(refusal('   ').code).toBe('invalid');
    expect(refusal('flag '.repeat(MAX_RULE_TEXT)).reason).toMatch(/at most 500 characters/);
  });
});
