// Rules in words: the phrases the rules list and the compiled preview show for each part of a rule.
import { describe, expect, it } from 'vitest';
import { describeAction, describeCondition, summarizeRule } from './describe';

describe('describe', () => {
  it('says each condition and action as a CSM would', () => {
    expect(describeCondition({ kind: 'count', subject: 'unresolved_tickets', op: 'gte', value: 2, within: { value: 5, unit: 'days' }, per: 'account' })).toBe('At least 2 unresolved tickets within 5 days');
    expect(describeCondition({ kind: 'count', subject: 'friction_signals', op: 'gt', value: 3, within: { value: 1, unit: 'days' }, per: 'user', filter: { signalType: 'rage_click', screen: '/billing/**' } })).toBe(
      'More than 3 friction signals (rage click, on /billing/**) within 1 day, from one user',
    );
    expect(describeCondition({ kind: 'ticket', filter: { mentions: ['chargeback', 'lawyer'] } })).toBe('An open ticket (mentioning “chargeback” or “lawyer”)');
    expect(describeCondition({ kind: 'account', field: 'renewalInDays', op: 'lte', value: 60 })).toBe('Days to renewal is at most 60');
    expect(describeCondition({ kind: 'risk_score', op: 'gte', value: 70 })).toBe('Risk score at least 70');
    expect(describeCondition({ kind: 'guardrail', categories: ['legal_threat'] })).toBe('A guardrail is hit: legal threat');
    expect(describeAction({ type: 'route_ticket', queue: 'billing', priority: 'urgent' })).toBe('Route the ticket to billing as urgent');
    expect(describeAction({ type: 'outreach', destination: 'local-inbox' })).toBe('Send outreach to local-inbox');
  });

  it('makes one sentence of a rule that has no words of its own', () => {
    expect(
      summarizeRule({
        match: 'any',
        conditions: [
          { kind: 'risk_score', op: 'gte', value: 80 },
          { kind: 'guardrail' },
        ],
        actions: [{ type: 'flag_csm' }, { type: 'require_human' }],
      }),
    ).toBe('When risk score at least 80, or a guardrail is hit: flag for CSM review, then require a human.');
  });
});
