// In-product friction: the account's users struggling in the product again and again, or struggling and then writing in.
import { latestBurst } from '../lib/burst';
import { requesterIds, unique } from '../lib/evidence';
import { followUps } from '../lib/followUps';
import { oldestFirst } from '../lib/order';
import { count, words } from '../lib/prose';
import { DAY_MS, formatDay, formatDuration, hours, HOUR_MS } from '../lib/time';
import { accountName } from '../lib/tickets';
import type { RiskThresholds } from '../thresholds';
import type { SignalType } from '../../../sdk/wire';
import type { AccountFacts, FactSignal, Reason } from '../types';

export const IN_PRODUCT_FRICTION_DEFAULTS: RiskThresholds['in_product_friction'] = {
  /** Three: one signal is a bad moment, two can be one episode seen by two detectors, three is a pattern. */
  signals: 3,
  /** A week, like the other account-level windows: friction spread over a month is background noise. */
  windowDays: 7,
  /** A day: a ticket filed the same day as the friction is most likely about it (tips had their chance and did not help). */
  ticketWithinHours: 24,
  /** The earliest and weakest sign, often answered by a tip: it tips an account over a level rather than making one. */
  points: 15,
};

/** What the user went through, as a CSM would say it after "after". */
const EPISODE: Record<SignalType, string> = {
  rage_click: 'rage clicks',
  dead_click: 'a dead click',
  screen_cycling: 'screen cycling',
  help_seeking: 'repeated help-seeking',
  error_loop: 'an error loop',
  form_struggle: 'a form struggle',
};

const episode = (s: FactSignal) => `${EPISODE[s.type]}${s.screen ? ` on ${s.screen}` : ''}`;

/**
 * Either at least N friction signals from the account within the window (the last recent), or a recent ticket filed
 * within `ticketWithinHours` after a friction signal: by the ticket's requester when they had one, else by anyone at
 * the account (the requester may not be the person the SDK saw).
 */
export function inProductFriction(facts: AccountFacts, t: RiskThresholds, now: number): Reason | null {
  const p = t.in_product_friction;
  const recentFrom = now - t.recentDays * DAY_MS;
  const signals = oldestFirst(facts.signals, (s) => s.at, (s) => s.id);
  const burst = latestBurst(signals, (s) => s.at, (s) => s.id, { windowMs: p.windowDays * DAY_MS, recentFrom, now }, p.signals);

  const span = { recentFrom, now, windowMs: p.ticketWithinHours * HOUR_MS };
  const sameUser = followUps(signals, facts.tickets, span, (s, ticket) => (s.userId !== null && s.userId === ticket.requesterId ? true : null));
  const anyone = followUps(signals, facts.tickets, span, () => true);
  // The newest ticket that followed friction; the requester's own friction wins over a colleague's for the same ticket.
  const lastAny = anyone[anyone.length - 1];
  const own = lastAny && sameUser.find((f) => f.ticket === lastAny.ticket);
  const followed = own ?? lastAny;
  if (!burst && !followed) return null;

  const parts: string[] = [];
  if (burst) {
    const byType = new Map<string, number>();
    for (const s of burst) byType.set(s.type, (byType.get(s.type) ?? 0) + 1);
    const kinds = [...byType].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([type, n]) => `${words(type)} ×${n}`);
    parts.push(`${accountName(facts)}'s users hit ${count(burst.length, 'friction signal')} within ${count(p.windowDays, 'day')} (${kinds.join(', ')}), the latest on ${formatDay(burst[burst.length - 1]!.at)}`);
  }
  if (followed) {
    const { anchor: s, ticket } = followed;
    const gap = formatDuration(ticket.createdAt - s.at);
    parts.push(
      followed === own
        ? `${s.userId} filed ${ticket.id} ${gap} after ${episode(s)}`
        : `${ticket.id} was filed ${gap} after ${episode(s)} by someone at ${accountName(facts)}`,
    );
  }
  const seen = oldestFirst([...(burst ?? []), ...(followed ? [followed.anchor] : [])], (s) => s.at, (s) => s.id);
  const users = unique(seen.flatMap((s) => (s.userId ? [s.userId] : [])));
  const at = Math.max(burst ? burst[burst.length - 1]!.at : 0, followed ? followed.ticket.createdAt : 0);
  const from = Math.min(burst ? burst[0]!.at : Infinity, followed ? followed.anchor.at : Infinity);
  return {
    id: 'in_product_friction',
    kind: 'pattern',
    points: p.points,
    sentence: `${parts.join('; and ')}.`,
    evidence: {
      signalIds: unique(seen.map((s) => s.id)),
      ...(followed ? { ticketIds: [followed.ticket.id] } : {}),
      userIds: unique([...users, ...(followed ? requesterIds([followed.ticket]) : [])]),
      from,
      to: at,
      values: {
        ...(burst ? { signals: burst.length } : {}),
        ...(followed ? { hoursToTicket: hours(followed.ticket.createdAt - followed.anchor.at) } : {}),
      },
    },
    at,
  };
}
