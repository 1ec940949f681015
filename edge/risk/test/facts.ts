// Typed builders for risk facts, so a test reads as a timeline against one fixed clock: "T-2 opened 31 hours after T-1 was solved".
import type { GuardrailHit } from '../../ai/types';
import type { AccountFacts, FactAccount, FactActivityDay, FactHelpOpen, FactMessage, FactSignal, FactTicket, FactUser } from '../types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Monday 15 June 2026, 12:00 UTC. */
export const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);
export const ago = (ms: number): number => NOW - ms;

export function account(p: Partial<FactAccount> = {}): FactAccount {
  return { id: 'acme', name: 'Acme', tier: null, arr: null, renewalAt: null, plan: null, health: null, healthScore: null, owner: null, csm: null, traits: {}, ...p };
}

export function user(id: string, p: Partial<FactUser> = {}): FactUser {
  return { id, role: null, createdAt: ago(400 * DAY), lastSeenAt: ago(HOUR), ...p };
}

/**
 * A ticket created at `createdAt`. Giving `solvedAt` makes it solved (unless `status` says otherwise) with a status
 * history to match; `requesterId` defaults to u-1.
 */
export function ticket(id: string, p: Partial<Omit<FactTicket, 'id'>> & { createdAt: number }): FactTicket {
  const solvedAt = p.solvedAt ?? null;
  const status = p.status ?? (solvedAt !== null ? 'solved' : 'open');
  const history: FactTicket['history'] = p.history ?? [
    { type: 'created', toStatus: 'new', at: p.createdAt },
    ...(solvedAt !== null ? [{ type: 'status' as const, toStatus: 'solved' as const, at: solvedAt }] : []),
  ];
  return {
    id,
    status,
    priority: null,
    requesterId: 'u-1',
    requesterEmail: null,
    subject: null,
    tags: [],
    topic: null,
    solvedAt,
    csat: null,
    messages: [],
    ...p,
    history,
  };
}

/** A customer message; tone null unless given, so tone-blind tests need not care. */
export function said(id: string, at: number, p: { text?: string; tone?: number | null; guardrails?: GuardrailHit[] } = {}): FactMessage {
  return { id, author: 'customer', at, text: p.text ?? 'Hello', tone: p.tone ?? null, guardrails: p.guardrails ?? [] };
}

export function replied(id: string, at: number, text = 'Thanks, looking into it'): FactMessage {
  return { id, author: 'agent', at, text, tone: null, guardrails: [] };
}

export function signal(id: string, at: number, p: Partial<Omit<FactSignal, 'id' | 'at'>> = {}): FactSignal {
  return { id, type: 'rage_click', userId: 'u-1', screen: '/billing', at, ...p };
}

export function helpOpen(id: string, at: number, p: Partial<Omit<FactHelpOpen, 'id' | 'at'>> = {}): FactHelpOpen {
  return { id, userId: 'u-1', articleId: 'a-export', at, ...p };
}

/** Start of the UTC day `n` days before NOW's day. */
export const dayStart = (n: number): number => Math.floor(NOW / DAY) * DAY - n * DAY;

/** One activity entry per day, oldest first, the last one yesterday; `users` per day alike or day by day. */
export function activity(events: number[], users: number | number[] = 5): FactActivityDay[] {
  return events.map((n, i) => ({ day: dayStart(events.length - i), events: n, users: typeof users === 'number' ? users : users[i]! }));
}

/** `total` spread over `days` days as evenly as whole events allow, the remainder on the first days. */
export const spread = (total: number, days = 7): number[] => Array.from({ length: days }, (_, i) => Math.floor(total / days) + (i < total % days ? 1 : 0));

export function facts(p: Partial<AccountFacts> = {}): AccountFacts {
  return { accountId: 'acme', account: account(), users: [], tickets: [], signals: [], helpOpens: [], activity: [], tips: [], cases: [], ...p };
}
