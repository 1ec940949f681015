import { describe, expect, it } from 'vitest';
import type { GuardrailHit } from '../../ai/types';
import { account, ago, DAY, facts, HOUR, NOW, replied, said, ticket } from '../test/facts';
import { DEFAULT_RISK_THRESHOLDS as T, resolveRiskThresholds } from '../thresholds';
import { guardrail } from './guardrail';

const legal: GuardrailHit = { category: 'legal_threat', evidence: 'my lawyer will be in touch' };
const refund = (amount?: number): GuardrailHit => ({ category: 'high_value_refund', evidence: 'refund the annual plan', ...(amount !== undefined ? { amount, currency: 'USD' } : {}) });

/** One ticket whose customer message at `at` carries the hits. */
const hitOn = (hits: GuardrailHit[], at = ago(2 * DAY), p: Partial<Parameters<typeof ticket>[1]> = {}) =>
  facts({ tickets: [ticket('T-1', { createdAt: at - HOUR, messages: [said('m1', at, { text: 'words', guardrails: hits })], ...p })] });

describe('guardrails', () => {
  it('a legal threat on an open ticket: a human must handle it', () => {
    expect(guardrail(hitOn([legal]), T, NOW)).toEqual({
      id: 'guardrail',
      kind: 'pattern',
      points: 50,
      sentence: 'A customer at Acme threatened legal action (T-1): a human must handle it.',
      evidence: { ticketIds: ['T-1'], messageIds: ['m1'], userIds: ['u-1'], from: ago(2 * DAY), to: ago(2 * DAY), values: { legal_threat: 'my lawyer will be in touch' } },
      at: ago(2 * DAY),
      guardrails: ['legal_threat'],
    });
  });

  it.each([
    ['chargeback', 'mentioned a chargeback'],
    ['privacy', 'raised a privacy or data-protection request'],
    ['safety', 'raised a safety concern'],
    ['fraud', 'reported fraud or an account takeover'],
    ['manager_request', 'asked for a manager'],
    ['cancellation', 'said they want to cancel'],
  ] as const)('%s', (category, did) => {
    const r = guardrail(hitOn([{ category, evidence: 'quoted words' }]), T, NOW);
    expect(r?.guardrails).toEqual([category]);
    expect(r?.sentence).toBe(`A customer at Acme ${did} (T-1): a human must handle it.`);
  });

  it.each([
    [undefined, false],
    [499, false],
    [500, true],
    [2400, true],
  ])('a refund of %s against the 500 threshold: %s', (amount, stands) => {
    const r = guardrail(hitOn([refund(amount)]), T, NOW);
    expect(r?.guardrails ?? null).toEqual(stands ? ['high_value_refund'] : null);
    if (stands) expect(r?.evidence.values?.refundAmount).toBe(amount);
  });

  it('the refund threshold is the workspace’s', () => {
    expect(guardrail(hitOn([refund(2400)]), resolveRiskThresholds({ guardrail: { refundAmountAtLeast: 5000 } }), NOW)).toBeNull();
    expect(guardrail(hitOn([refund(2400)]), T, NOW)?.sentence).toBe('A customer at Acme asked for a refund of 2.4K (T-1): a human must handle it.');
  });

  it('several categories are named in a fixed order, each with its tickets', () => {
    const f = facts({
      tickets: [
        ticket('T-1', { createdAt: ago(3 * DAY), messages: [said('m1', ago(3 * DAY), { guardrails: [{ category: 'cancellation', evidence: 'we will cancel' }] })] }),
        ticket('T-2', { createdAt: ago(2 * DAY), requesterId: 'u-2', messages: [said('m2', ago(2 * DAY), { guardrails: [legal, { category: 'cancellation', evidence: 'cancel it all' }] })] }),
      ],
    });
    const r = guardrail(f, T, NOW);
    expect(r?.guardrails).toEqual(['legal_threat', 'cancellation']);
    expect(r?.sentence).toBe('A customer at Acme threatened legal action (T-2) and said they want to cancel (T-1 and T-2): a human must handle it.');
    expect(r?.evidence).toMatchObject({ ticketIds: ['T-1', 'T-2'], messageIds: ['m1', 'm2'], userIds: ['u-1', 'u-2'], values: { legal_threat: legal.evidence, cancellation: 'cancel it all' } });
  });

  it('only customer words count: an agent quoting policy is not a threat', () => {
    const agentHit = { ...replied('a1', ago(DAY)), guardrails: [legal] };
    expect(guardrail(facts({ tickets: [ticket('T-1', { createdAt: ago(2 * DAY), messages: [agentHit] })] }), T, NOW)).toBeNull();
  });

  it('recency: an open ticket keeps its threat; a solved ticket’s threat counts only while recent', () => {
    expect(guardrail(hitOn([legal], ago(20 * DAY)), T, NOW)).not.toBeNull();
    expect(guardrail(hitOn([legal], ago(6 * DAY), { solvedAt: ago(5 * DAY) }), T, NOW)).not.toBeNull();
    expect(guardrail(hitOn([legal], ago(8 * DAY), { solvedAt: ago(5 * DAY) }), T, NOW)).toBeNull();
  });

  describe('VIP and partner accounts', () => {
    const open = ticket('T-5', { createdAt: ago(DAY) });
    it.each([
      ['tier VIP', account({ tier: 'VIP' }), 'tier VIP'],
      ['tier partner', account({ tier: 'Partner' }), 'tier Partner'],
      ['a partner trait', account({ tier: 'growth', traits: { partner: true } }), 'trait partner'],
      ['a vip trait set to "yes"', account({ traits: { vip: 'yes' } }), 'trait vip'],
    ])('%s with an open ticket needs a human, without points of its own', (_, acct, mark) => {
      expect(guardrail(facts({ account: acct, tickets: [open] }), T, NOW)).toEqual({
        id: 'guardrail',
        kind: 'pattern',
        points: 0,
        sentence: `Acme is a VIP account (${mark}) with an open ticket (T-5): a human must handle it.`,
        evidence: { ticketIds: ['T-5'], userIds: ['u-1'], from: ago(DAY), to: ago(DAY), values: { vip: mark } },
        at: ago(DAY),
        guardrails: [],
      });
    });

    it.each([
      ['a VIP with every ticket solved', account({ tier: 'vip' }), [ticket('T-1', { createdAt: ago(3 * DAY), solvedAt: ago(2 * DAY) })]],
      ['an enterprise account', account({ tier: 'enterprise' }), [open]],
      ['a vip trait set to false', account({ traits: { vip: false, partner: 'no' } }), [open]],
      ['no CRM record', null, [open]],
    ])('%s: nothing', (_, acct, tickets) => {
      expect(guardrail(facts({ account: acct, tickets }), T, NOW)).toBeNull();
    });

    it('a VIP with a threat: both told, the threat’s points', () => {
      const f = hitOn([legal]);
      f.account = account({ tier: 'vip' });
      const r = guardrail(f, T, NOW);
      expect(r?.points).toBe(50);
      expect(r?.sentence).toBe('A customer at Acme threatened legal action (T-1); and Acme is a VIP account (tier vip) with an open ticket (T-1): a human must handle it.');
    });
  });
});
