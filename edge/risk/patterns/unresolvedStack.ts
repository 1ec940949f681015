// Unresolved stack: tickets piling up open on one account, each one a customer still waiting.
import { requesterIds } from '../lib/evidence';
import { oldestFirst } from '../lib/order';
import { count, listSome } from '../lib/prose';
import { DAY_MS } from '../lib/time';
import { accountName, isUnresolved } from '../lib/tickets';
import type { RiskThresholds } from '../thresholds';
import type { AccountFacts, Reason } from '../types';

export const UNRESOLVED_STACK_DEFAULTS: RiskThresholds['unresolved_stack'] = {
  /** The design's (and the field's) two: one open ticket is normal work; a second before the first is solved is a queue forming. */
  tickets: 2,
  /** The design's five days: a working week; older open tickets are a backlog question for support, not new risk. */
  windowDays: 5,
  /** The CS lead's own example rule; as strong as account volume. */
  points: 25,
};

/**
 * At least N tickets unresolved now (not solved or closed) and created within the window. Current by definition, so
 * the recency horizon adds nothing here.
 */
export function unresolvedStack(facts: AccountFacts, t: RiskThresholds, now: number): Reason | null {
  const p = t.unresolved_stack;
  const from = now - p.windowDays * DAY_MS;
  const open = oldestFirst(
    facts.tickets.filter((x) => isUnresolved(x) && x.createdAt >= from && x.createdAt <= now),
    (x) => x.createdAt,
    (x) => x.id,
  );
  if (open.length < p.tickets) return null;

  const ids = open.map((x) => x.id);
  const last = open[open.length - 1]!.createdAt;
  return {
    id: 'unresolved_stack',
    kind: 'pattern',
    points: p.points,
    sentence: `${accountName(facts)} has ${count(open.length, 'unresolved ticket')} opened in the last ${count(p.windowDays, 'day')} (${listSome(ids)}).`,
    evidence: { ticketIds: ids, userIds: requesterIds(open), from: open[0]!.createdAt, to: last, values: { unresolved: open.length, windowDays: p.windowDays } },
    at: last,
  };
}
