// Low CSAT then re-engagement: the account rated us badly and came back with another ticket soon after, unhappy and still stuck.
import { requesterIds, unique } from '../lib/evidence';
import { followUps } from '../lib/followUps';
import { oldestFirst } from '../lib/order';
import { count } from '../lib/prose';
import { DAY_MS, days, formatDay, formatDuration } from '../lib/time';
import { accountName, ratedAt } from '../lib/tickets';
import type { RiskThresholds } from '../thresholds';
import type { AccountFacts, Reason } from '../types';

export const LOW_CSAT_REENGAGEMENT_DEFAULTS: RiskThresholds['low_csat_reengagement'] = {
  /** The design's week: a customer who comes back within a week of a bad rating is coming back to the same frustration. */
  withinDays: 7,
  /** As strong as a repeat contact: the customer has told us in so many words that it went badly. */
  points: 30,
};

/** "bad", or "2/5" on a five-point scale. */
const scoreWords = (score: string) => (/^\d$/.test(score) ? `${score}/5` : score);

/** A ticket rated negative (csat.negative), then another ticket from the account within the window, created recently. */
export function lowCsatReengagement(facts: AccountFacts, t: RiskThresholds, now: number): Reason | null {
  const ratings = oldestFirst(
    facts.tickets.flatMap((ticket) => {
      const at = ticket.csat?.negative ? ratedAt(ticket) : null;
      return at === null ? [] : [{ ticket, at, score: ticket.csat!.score }];
    }),
    (r) => r.at,
    (r) => r.ticket.id,
  );
  const returns = followUps(
    ratings,
    facts.tickets,
    { recentFrom: now - t.recentDays * DAY_MS, now, windowMs: t.low_csat_reengagement.withinDays * DAY_MS },
    // The newest bad rating before the ticket, other than its own.
    (rating, ticket) => (rating.ticket === ticket ? null : true),
  );
  const last = returns[returns.length - 1];
  if (!last) return null;

  const gap = last.ticket.createdAt - last.anchor.at;
  const tickets = returns.flatMap((r) => [r.anchor.ticket, r.ticket]);
  const more = returns.length > 1 ? ` That makes ${count(returns.length, 'ticket')} soon after a bad rating in the last ${count(t.recentDays, 'day')}.` : '';
  return {
    id: 'low_csat_reengagement',
    kind: 'pattern',
    points: t.low_csat_reengagement.points,
    sentence:
      `${accountName(facts)} rated ${last.anchor.ticket.id} ${scoreWords(last.anchor.score)} on ${formatDay(last.anchor.at)}, ` +
      `then opened ${last.ticket.id} ${formatDuration(gap)} later.${more}`,
    evidence: {
      ticketIds: unique(tickets.map((x) => x.id)),
      userIds: requesterIds(tickets),
      from: returns[0]!.anchor.at,
      to: last.ticket.createdAt,
      values: { days: days(gap), score: last.anchor.score, returns: returns.length },
    },
    at: last.ticket.createdAt,
  };
}
