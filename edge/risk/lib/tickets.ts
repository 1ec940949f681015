// What the patterns read off a ticket: whether it is still open, when it was solved and rated, who asked, and how
// the account is called in a sentence.
import type { AccountFacts, FactTicket, TicketStatus } from '../types';

const RESOLVED: ReadonlySet<TicketStatus> = new Set(['solved', 'closed']);

/** Not solved or closed now: new, open, pending (waiting on the customer) and on-hold all still need someone. */
export const isUnresolved = (t: FactTicket): boolean => !RESOLVED.has(t.status);

/**
 * Every time the ticket became solved or closed, oldest first. A ticket solved, reopened and solved again was solved
 * twice, and a new ticket soon after either solve is a repeat contact; solved → closed is one resolution, not two.
 * `solvedAt` counts too, for tickets backfilled without their status history.
 */
export function solveTimes(t: FactTicket): number[] {
  const times: number[] = [];
  let resolved = false;
  for (const h of t.history) {
    if (h.type !== 'status' || h.toStatus === null) continue;
    const now = RESOLVED.has(h.toStatus);
    if (now && !resolved) times.push(h.at);
    resolved = now;
  }
  if (t.solvedAt !== null && !times.includes(t.solvedAt)) times.push(t.solvedAt);
  return times.sort((a, b) => a - b);
}

/** When the customer rated the ticket: the rating's own time, else its history entry, else the solve it rated. */
export function ratedAt(t: FactTicket): number | null {
  if (!t.csat) return null;
  if (t.csat.at !== null) return t.csat.at;
  for (let i = t.history.length - 1; i >= 0; i--) if (t.history[i]!.type === 'csat') return t.history[i]!.at;
  return t.solvedAt;
}

/** Who asked: the requester's user id, else their email (lower-cased), else nobody we can tell apart. */
export const requesterOf = (t: FactTicket): string | null => t.requesterId ?? t.requesterEmail?.toLowerCase() ?? null;

/** The ticket's last movement: created, a message, a status change, a rating. */
export function lastActivityAt(t: FactTicket): number {
  let at = Math.max(t.createdAt, t.solvedAt ?? 0, t.csat?.at ?? 0);
  for (const m of t.messages) at = Math.max(at, m.at);
  for (const h of t.history) at = Math.max(at, h.at);
  return at;
}

/** The account as a CSM knows it: its CRM name, else its id. */
export const accountName = (facts: AccountFacts): string => facts.account?.name ?? facts.accountId;
