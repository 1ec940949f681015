// The guardrail hits that stand now: in customer messages of the account's open tickets or its recent messages,
// with refunds counted only above the workspace's amount. The guardrail pattern and rule conditions both read them.
import { GUARDRAIL_CATEGORIES, type GuardrailCategory, type GuardrailHit } from '../../ai/types';
import type { AccountFacts, FactMessage, FactTicket } from '../types';
import { oldestFirst } from './order';
import { isUnresolved } from './tickets';

export interface StandingHit {
  hit: GuardrailHit;
  ticket: FactTicket;
  message: FactMessage;
}

/**
 * A refund request is a guardrail only at or above the amount; one without an amount is not known to be high-value
 * (the AI layer extracts the amount when the customer states it). Every other category always counts: negation
 * ("I'm not going to sue") is the classifier's job upstream.
 */
const isStandingHit = (hit: GuardrailHit, refundAmountAtLeast: number): boolean =>
  hit.category !== 'high_value_refund' || (hit.amount !== undefined && hit.amount >= refundAmountAtLeast);

/**
 * Hits in customer messages written at or after `since` (and not after `now`), plus, when `openTickets`, every hit
 * on a ticket still unresolved whatever its age: an open legal threat stays a legal threat. Oldest first.
 */
export function standingHits(
  facts: AccountFacts,
  options: { since: number; now: number; openTickets: boolean; refundAmountAtLeast: number; categories?: readonly GuardrailCategory[] },
): StandingHit[] {
  const out: StandingHit[] = [];
  for (const ticket of facts.tickets) {
    const open = options.openTickets && isUnresolved(ticket);
    for (const message of ticket.messages) {
      if (message.author !== 'customer' || message.at > options.now || (!open && message.at < options.since)) continue;
      for (const hit of message.guardrails) {
        if (!isStandingHit(hit, options.refundAmountAtLeast)) continue;
        if (options.categories && !options.categories.includes(hit.category)) continue;
        out.push({ hit, ticket, message });
      }
    }
  }
  return oldestFirst(out, (x) => x.message.at, (x) => x.message.id);
}

/** The categories hit, in the order GUARDRAIL_CATEGORIES lists them (so two runs name them alike). */
export const categoriesOf = (hits: readonly StandingHit[]): GuardrailCategory[] =>
  GUARDRAIL_CATEGORIES.filter((c) => hits.some((h) => h.hit.category === c));
