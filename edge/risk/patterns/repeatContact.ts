// Repeat contact: the account is back about the same issue soon after a ticket on it was solved, so the fix did not hold.
import { requesterIds, unique } from '../lib/evidence';
import { followUps } from '../lib/followUps';
import { issueOf, sharedIssue, type Issue } from '../lib/issue';
import { oldestFirst } from '../lib/order';
import { count } from '../lib/prose';
import { DAY_MS, formatDuration, hours, HOUR_MS } from '../lib/time';
import { accountName, solveTimes } from '../lib/tickets';
import type { RiskThresholds } from '../thresholds';
import type { AccountFacts, FactTicket, Reason } from '../types';

export const REPEAT_CONTACT_DEFAULTS: RiskThresholds['repeat_contact'] = {
  /** The design's 72 hours: long enough to span a weekend, short enough that a new ticket is most likely the old problem back. */
  withinHours: 72,
  /** A broken fix is the classic escalation path: strong alone (with context it reaches "high"), not decisive. */
  points: 30,
};

/**
 * Solved tickets compared with one new ticket, newest first: bounds the work per ticket when an account solves
 * hundreds in three days (a bulk close), where the newest solves are the ones that matter anyway.
 */
const MAX_SOLVES_COMPARED = 50;

/** A new ticket within the window after a solved ticket on the same issue (issue: see lib/issue.ts), created recently. */
export function repeatContact(facts: AccountFacts, t: RiskThresholds, now: number): Reason | null {
  const solves = oldestFirst(
    facts.tickets.flatMap((ticket) => solveTimes(ticket).map((at) => ({ ticket, at }))),
    (s) => s.at,
    (s) => s.ticket.id,
  );
  const issues = new Map<FactTicket, Issue>();
  const issue = (x: FactTicket) => issues.get(x) ?? issues.set(x, issueOf(x)).get(x)!;
  const repeats = followUps(
    solves,
    facts.tickets,
    { recentFrom: now - t.recentDays * DAY_MS, now, windowMs: t.repeat_contact.withinHours * HOUR_MS },
    (solve, ticket) => (solve.ticket === ticket ? null : sharedIssue(issue(solve.ticket), issue(ticket))),
    MAX_SOLVES_COMPARED,
  );
  const last = repeats[repeats.length - 1];
  if (!last) return null;

  const gap = last.ticket.createdAt - last.anchor.at;
  const tickets = repeats.flatMap((r) => [r.anchor.ticket, r.ticket]);
  const more = repeats.length > 1 ? ` That makes ${count(repeats.length, 'repeat contact')} in the last ${count(t.recentDays, 'day')}.` : '';
  return {
    id: 'repeat_contact',
    kind: 'pattern',
    points: t.repeat_contact.points,
    sentence: `${accountName(facts)} opened ${last.ticket.id} ${formatDuration(gap)} after ${last.anchor.ticket.id} on the same issue (${last.found}) was solved.${more}`,
    evidence: {
      ticketIds: unique(tickets.map((x) => x.id)),
      userIds: requesterIds(tickets),
      from: repeats[0]!.anchor.at,
      to: last.ticket.createdAt,
      values: { hours: hours(gap), issue: last.found, repeats: repeats.length },
    },
    at: last.ticket.createdAt,
  };
}
