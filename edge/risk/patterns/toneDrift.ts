// Tone drift: the account's customers sounding worse with each contact, before anyone says "escalate".
import { requesterIds, unique } from '../lib/evidence';
import { oldestFirst } from '../lib/order';
import { listSome } from '../lib/prose';
import { DAY_MS, formatDay } from '../lib/time';
import { accountName } from '../lib/tickets';
import type { RiskThresholds } from '../thresholds';
import type { AccountFacts, FactTicket, Reason } from '../types';

export const TONE_DRIFT_DEFAULTS: RiskThresholds['tone_drift'] = {
  /** The design's three: two points make a change, three make a direction. */
  interactions: 3,
  /**
   * Neutral or better at the start (tone runs -1…1). Lexicon scorers such as VADER call -0.05…0.05 neutral, but a
   * plain support message ("the export fails again") reads slightly negative, so neutral here reaches down to -0.2.
   */
  startAtLeast: -0.2,
  /** Clearly negative at the end: below -0.4 a lexicon scorer has found frustration words, not just a problem report. */
  endAtMost: -0.4,
  /** The fall must be real: from -0.2 to -0.4 is noise between two scorers' opinions; 0.4 is a change a reader hears. */
  minDrop: 0.4,
  /** A leading sign rather than a failure: it rarely escalates alone, but it moves an account with another pattern up a level. */
  points: 25,
};

/**
 * One customer turn on one ticket: the customer messages between two agent replies, with their mean tone. A
 * customer who sends three messages in a row has spoken once; counting them three times would make one angry
 * afternoon look like a trend.
 */
interface Interaction {
  ticket: FactTicket;
  messageIds: string[];
  tone: number;
  /** The turn's last message. */
  at: number;
}

function interactions(tickets: readonly FactTicket[]): Interaction[] {
  const out: Interaction[] = [];
  for (const ticket of tickets) {
    let turn: { ids: string[]; sum: number; n: number; at: number } | null = null;
    const close = () => {
      if (turn && turn.n > 0) out.push({ ticket, messageIds: turn.ids, tone: turn.sum / turn.n, at: turn.at });
      turn = null;
    };
    for (const m of oldestFirst(ticket.messages, (x) => x.at, (x) => x.id)) {
      if (m.author === 'agent') {
        close();
        continue;
      }
      // Unscored messages (the AI layer has not answered yet) neither count nor break a turn.
      if (m.tone === null) continue;
      turn ??= { ids: [], sum: 0, n: 0, at: m.at };
      turn.ids.push(m.id);
      turn.sum += m.tone;
      turn.n++;
      turn.at = m.at;
    }
    close();
  }
  return oldestFirst(out, (x) => x.at, (x) => x.messageIds[0]!);
}

/** Two decimals: the scorers are not more precise than that. */
const tone = (x: number) => Math.round(x * 100) / 100;

/**
 * The account's last N customer interactions, across its tickets, never rising, from neutral (≥ startAtLeast) to
 * negative (≤ endAtMost), falling at least minDrop, the last one recent. Only the latest N: a drift the customer has
 * since recovered from is over.
 */
export function toneDrift(facts: AccountFacts, t: RiskThresholds, now: number): Reason | null {
  const p = t.tone_drift;
  const all = interactions(facts.tickets).filter((x) => x.at <= now);
  if (all.length < p.interactions) return null;
  const run = all.slice(-p.interactions);
  const first = run[0]!;
  const last = run[run.length - 1]!;
  if (last.at < now - t.recentDays * DAY_MS) return null;
  if (!(first.tone >= p.startAtLeast && last.tone <= p.endAtMost && first.tone - last.tone >= p.minDrop)) return null;
  if (run.some((x, i) => i > 0 && x.tone > run[i - 1]!.tone)) return null;

  const tickets = unique(run.map((x) => x.ticket.id));
  return {
    id: 'tone_drift',
    kind: 'pattern',
    points: p.points,
    sentence:
      `${accountName(facts)}'s customer messages slid from neutral to negative over their last ${run.length} interactions ` +
      `(tone ${run.map((x) => tone(x.tone)).join(' → ')} on ${listSome(tickets)}), the latest on ${formatDay(last.at)}.`,
    evidence: {
      ticketIds: tickets,
      messageIds: run.flatMap((x) => x.messageIds),
      userIds: requesterIds(run.map((x) => x.ticket)),
      from: first.at,
      to: last.at,
      values: { fromTone: tone(first.tone), toTone: tone(last.tone), drop: tone(first.tone - last.tone), interactions: run.length },
    },
    at: last.at,
  };
}
