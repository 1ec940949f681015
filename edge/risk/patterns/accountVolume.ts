// Account volume: several people at one account filing tickets at once, a sign the problem is the account's, not one user's.
import { latestBurst } from '../lib/burst';
import { requesterIds, unique } from '../lib/evidence';
import { oldestFirst } from '../lib/order';
import { count, listSome } from '../lib/prose';
import { DAY_MS, formatDay } from '../lib/time';
import { accountName, requesterOf } from '../lib/tickets';
import type { RiskThresholds } from '../thresholds';
import type { AccountFacts, Reason } from '../types';

export const ACCOUNT_VOLUME_DEFAULTS: RiskThresholds['account_volume'] = {
  /** The design's three: two people can share a desk and a problem; three means it has spread through the team. */
  requesters: 3,
  /** The design's week: the span in which a team tells each other "you too?". */
  windowDays: 7,
  /** Breadth: as strong as a stack of unresolved tickets. */
  points: 25,
};

/** At least N distinct requesters (user id, else email) filed tickets within the window, the last of them recently. */
export function accountVolume(facts: AccountFacts, t: RiskThresholds, now: number): Reason | null {
  const p = t.account_volume;
  const asked = oldestFirst(
    facts.tickets.filter((x) => requesterOf(x) !== null),
    (x) => x.createdAt,
    (x) => x.id,
  );
  const burst = latestBurst(asked, (x) => x.createdAt, (x) => requesterOf(x)!, { windowMs: p.windowDays * DAY_MS, recentFrom: now - t.recentDays * DAY_MS, now }, p.requesters);
  if (!burst) return null;

  const people = unique(burst.map((x) => requesterOf(x)!));
  const ids = burst.map((x) => x.id);
  const first = burst[0]!.createdAt;
  const last = burst[burst.length - 1]!.createdAt;
  return {
    id: 'account_volume',
    kind: 'pattern',
    points: p.points,
    sentence: `${count(people.length, 'person', 'people')} at ${accountName(facts)} filed ${count(ids.length, 'ticket')} within ${count(p.windowDays, 'day')} (${listSome(ids)}), the latest on ${formatDay(last)}.`,
    evidence: { ticketIds: ids, userIds: requesterIds(burst), from: first, to: last, values: { requesters: people.length, tickets: ids.length } },
    at: last,
  };
}
