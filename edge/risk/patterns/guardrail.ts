// Guardrails: what must go to a human whatever the score: legal threats, chargebacks, privacy, safety, fraud, a
// manager asked for, cancellation, a large refund; and any open ticket of a VIP or partner account.
import type { GuardrailCategory } from '../../ai/types';
import { requesterIds, unique } from '../lib/evidence';
import { categoriesOf, standingHits } from '../lib/guardrails';
import { oldestFirst } from '../lib/order';
import { formatAmount, list, listSome } from '../lib/prose';
import { DAY_MS } from '../lib/time';
import { accountName, isUnresolved } from '../lib/tickets';
import { vipMark } from '../lib/vip';
import type { RiskThresholds } from '../thresholds';
import type { AccountFacts, Reason } from '../types';

export const GUARDRAIL_DEFAULTS: RiskThresholds['guardrail'] = {
  /**
   * 500 in the account's currency: about where help desks stop letting a frontline agent approve a refund alone
   * (Zendesk and Intercom macros commonly route above a few hundred), so above it someone senior decides anyway.
   */
  refundAmountAtLeast: 500,
  /** Alone it makes an account "high": a legal threat or a chargeback is an escalation already under way. */
  points: 50,
  /**
   * A VIP account with an open ticket needs a human but is not itself at risk: no points, so every VIP with a
   * question does not crowd the at-risk list (the vip_account context still raises a VIP that has real patterns).
   */
  vipPoints: 0,
};

/** What the customer did, as a CSM would say it: "threatened legal action". */
const DID: Record<GuardrailCategory, string> = {
  legal_threat: 'threatened legal action',
  chargeback: 'mentioned a chargeback',
  privacy: 'raised a privacy or data-protection request',
  safety: 'raised a safety concern',
  fraud: 'reported fraud or an account takeover',
  manager_request: 'asked for a manager',
  cancellation: 'said they want to cancel',
  /** Followed by the amount: only refunds at or above refundAmountAtLeast stand. */
  high_value_refund: 'asked for a refund',
};

/**
 * Guardrail hits in customer messages of open tickets, or of any ticket within the recency horizon; or a VIP or
 * partner account (lib/vip.ts) with an open ticket. Either makes the assessment require a human.
 */
export function guardrail(facts: AccountFacts, t: RiskThresholds, now: number): Reason | null {
  const p = t.guardrail;
  const hits = standingHits(facts, { since: now - t.recentDays * DAY_MS, now, openTickets: true, refundAmountAtLeast: p.refundAmountAtLeast });
  const vip = vipMark(facts, t.vip);
  const open = vip ? oldestFirst(facts.tickets.filter((x) => isUnresolved(x) && x.createdAt <= now), (x) => x.createdAt, (x) => x.id) : [];
  if (!hits.length && !open.length) return null;

  const categories = categoriesOf(hits);
  const values: Record<string, number | string> = {};
  for (const c of categories) values[c] = hits.filter((h) => h.hit.category === c).pop()!.hit.evidence;
  const refunds = hits.flatMap((h) => (h.hit.category === 'high_value_refund' && h.hit.amount !== undefined ? [h.hit.amount] : []));
  if (refunds.length) values.refundAmount = Math.max(...refunds);

  const name = accountName(facts);
  const parts: string[] = [];
  if (hits.length) {
    const did = categories.map((c) => {
      const words = c === 'high_value_refund' ? `${DID[c]} of ${formatAmount(values.refundAmount as number)}` : DID[c];
      return `${words} (${listSome(unique(hits.filter((h) => h.hit.category === c).map((h) => h.ticket.id)), 2)})`;
    });
    parts.push(`A customer at ${name} ${list(did)}`);
  }
  if (open.length) parts.push(`${name} is a VIP account (${vip}) with ${open.length === 1 ? 'an open ticket' : 'open tickets'} (${listSome(open.map((x) => x.id))})`);
  const ticketIds = unique([...hits.map((h) => h.ticket.id), ...open.map((x) => x.id)]);
  const at = Math.max(hits.length ? hits[hits.length - 1]!.message.at : 0, open.length ? open[open.length - 1]!.createdAt : 0);
  if (vip) values.vip = vip;
  return {
    id: 'guardrail',
    kind: 'pattern',
    points: hits.length ? p.points : p.vipPoints,
    sentence: `${parts.join('; and ')}: a human must handle it.`,
    evidence: {
      ticketIds,
      ...(hits.length ? { messageIds: unique(hits.map((h) => h.message.id)) } : {}),
      userIds: requesterIds([...hits.map((h) => h.ticket), ...open]),
      // Both lists are oldest first.
      from: Math.min(hits[0]?.message.at ?? Infinity, open[0]?.createdAt ?? Infinity),
      to: at,
      values,
    },
    at,
    guardrails: categories,
  };
}
