// Resolved but still confused: the person whose ticket we solved is back in the help centre or struggling in the
// product within days, so the answer did not land.
import { unique } from '../lib/evidence';
import { indexOfTime, oldestFirst } from '../lib/order';
import { count, list } from '../lib/prose';
import { DAY_MS, days, formatDay, formatDuration } from '../lib/time';
import { solveTimes } from '../lib/tickets';
import type { RiskThresholds } from '../thresholds';
import type { AccountFacts, FactTicket, Reason } from '../types';

export const RESOLVED_STILL_CONFUSED_DEFAULTS: RiskThresholds['resolved_still_confused'] = {
  /** The design's week after the solve: later help-seeking is as likely a new question. */
  withinDays: 7,
  /** Two: one article read after a solve is following the agent's link; a second, or friction, is searching again. */
  minEvents: 2,
  /** A leading sign of the next repeat contact, caught before the ticket: between friction and repeat contact. */
  points: 20,
};

interface Seeking {
  id: string;
  kind: 'help' | 'signal';
  at: number;
}

/**
 * For each solve of a ticket whose requester is a known user: that user's help-article opens and friction signals
 * after the solve and within the window; at least `minEvents` of them, the last recent. Only the requester counts:
 * in a large account somebody is always reading help, and that says nothing about this ticket.
 */
export function resolvedStillConfused(facts: AccountFacts, t: RiskThresholds, now: number): Reason | null {
  const p = t.resolved_still_confused;
  const recentFrom = now - t.recentDays * DAY_MS;
  const byUser = new Map<string, Seeking[]>();
  const add = (userId: string | null, s: Seeking) => {
    if (userId === null || s.at > now) return;
    const list = byUser.get(userId);
    if (list) list.push(s);
    else byUser.set(userId, [s]);
  };
  for (const h of facts.helpOpens) add(h.userId, { id: h.id, kind: 'help', at: h.at });
  for (const s of facts.signals) add(s.userId, { id: s.id, kind: 'signal', at: s.at });
  const sorted = new Map([...byUser].map(([user, list]) => {
    const events = oldestFirst(list, (x) => x.at, (x) => x.id);
    return [user, { events, times: events.map((x) => x.at) }];
  }));

  let best: { ticket: FactTicket; solvedAt: number; user: string; events: Seeking[] } | null = null;
  for (const ticket of oldestFirst(facts.tickets, (x) => x.createdAt, (x) => x.id)) {
    const mine = ticket.requesterId === null ? undefined : sorted.get(ticket.requesterId);
    if (!mine) continue;
    for (const solvedAt of solveTimes(ticket)) {
      const events = mine.events.slice(indexOfTime(mine.times, solvedAt, 'after'), indexOfTime(mine.times, solvedAt + p.withinDays * DAY_MS, 'after'));
      const last = events[events.length - 1];
      if (events.length >= p.minEvents && last!.at >= recentFrom && (!best || last!.at > best.events[best.events.length - 1]!.at)) {
        best = { ticket, solvedAt, user: ticket.requesterId!, events };
      }
    }
  }
  if (!best) return null;

  const help = best.events.filter((x) => x.kind === 'help');
  const signals = best.events.filter((x) => x.kind === 'signal');
  const did = [
    ...(help.length ? [`opened ${count(help.length, 'help article')}`] : []),
    ...(signals.length ? [`hit ${count(signals.length, 'friction signal')}`] : []),
  ];
  const last = best.events[best.events.length - 1]!;
  return {
    id: 'resolved_still_confused',
    kind: 'pattern',
    points: p.points,
    sentence: `${best.user} ${list(did)} within ${formatDuration(last.at - best.solvedAt)} after ${best.ticket.id} was solved on ${formatDay(best.solvedAt)}.`,
    evidence: {
      ticketIds: [best.ticket.id],
      userIds: [best.user],
      ...(signals.length ? { signalIds: unique(signals.map((x) => x.id)) } : {}),
      ...(help.length ? { helpOpenIds: unique(help.map((x) => x.id)) } : {}),
      from: best.solvedAt,
      to: last.at,
      values: { helpOpens: help.length, signals: signals.length, days: days(last.at - best.solvedAt) },
    },
    at: last.at,
  };
}
