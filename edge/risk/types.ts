// The risk engine's input (what the store knows of one account, as plain data) and output (a 0–100 score with
// the reasons that produced it). The engine is a pure function of these and a time: no store, no clock, no I/O.
import type { SignalType } from '../../sdk/wire';
import type { GuardrailCategory, GuardrailHit } from '../ai/types';

export type TicketStatus = 'new' | 'open' | 'pending' | 'on-hold' | 'solved' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';

export interface FactMessage {
  id: string;
  author: 'customer' | 'agent';
  at: number;
  /**
   * What was written. Rule conditions match `mentions` against customer text, and the handoff summary quotes the
   * customer's latest words. Agents-only notes (public: false) are not facts.
   */
  text: string;
  /** -1 … 1, from the AI layer (model or lexicon) when the message was stored; null if not scored yet. */
  tone: number | null;
  guardrails: GuardrailHit[];
}

export interface FactTicket {
  id: string;
  status: TicketStatus;
  priority: TicketPriority | null;
  requesterId: string | null;
  requesterEmail: string | null;
  subject: string | null;
  tags: string[];
  topic: string | null;
  createdAt: number;
  solvedAt: number | null;
  csat: { score: string; negative: boolean; comment: string | null; at: number | null } | null;
  /** Oldest first. */
  messages: FactMessage[];
  /** Created, status changes and ratings, oldest first: what was open when. */
  history: Array<{ type: 'created' | 'status' | 'csat'; toStatus: TicketStatus | null; at: number }>;
}

export interface FactSignal {
  /** The signal's id (the friction event's id). */
  id: string;
  type: SignalType;
  userId: string | null;
  screen: string | null;
  at: number;
}

export interface FactHelpOpen {
  id: string;
  userId: string | null;
  articleId: string;
  at: number;
}

/** Product activity on one UTC day: every SDK event counts (screens, clicks that mattered, tracks). */
export interface FactActivityDay {
  /** Epoch ms of 00:00 UTC. */
  day: number;
  events: number;
  /** Distinct identified users that day. */
  users: number;
}

export interface FactUser {
  id: string;
  role: string | null;
  createdAt: number | null;
  lastSeenAt: number | null;
}

export interface FactAccount {
  id: string;
  name: string | null;
  tier: string | null;
  arr: number | null;
  renewalAt: number | null;
  plan: string | null;
  health: string | null;
  healthScore: number | null;
  owner: string | null;
  csm: string | null;
  traits: Record<string, string | number | boolean | null>;
}

/** Everything the engine reads about one account, over the lookback window (RISK_LOOKBACK_DAYS). */
export interface AccountFacts {
  accountId: string;
  /** Null when only the SDK or tickets know the account (no CRM record yet). */
  account: FactAccount | null;
  users: FactUser[];
  tickets: FactTicket[];
  signals: FactSignal[];
  helpOpens: FactHelpOpen[];
  /** One entry per day that had activity, oldest first; a day without an entry had none. */
  activity: FactActivityDay[];
  /** Tips the account's users met: shown, held out (holdout arm), clicked, helpful, unhelpful, dismissed. */
  tips: Array<{ tipId: string; outcome: 'shown' | 'held_out' | 'clicked' | 'helpful' | 'unhelpful' | 'dismissed'; userId: string | null; at: number }>;
  /** Handoff cases from the widget. */
  cases: Array<{ id: string; reference: string; userId: string | null; createdAt: number }>;
}

/** How far back the store loads facts: the longest pattern window plus room for "72 h after a solve". */
export const RISK_LOOKBACK_DAYS = 30;

export const PATTERN_IDS = [
  'repeat_contact',
  'low_csat_reengagement',
  'tone_drift',
  'account_volume',
  'unresolved_stack',
  'usage_drop',
  'in_product_friction',
  'resolved_still_confused',
  'guardrail',
] as const;
export type PatternId = (typeof PATTERN_IDS)[number];

export const CONTEXT_IDS = ['renewal_window', 'high_value', 'low_value', 'vip_account', 'new_member', 'power_user', 'recent_unresolved'] as const;
export type ContextId = (typeof CONTEXT_IDS)[number];

/** What backs a reason, so a CSM can click through to it. */
export interface Evidence {
  ticketIds?: string[];
  signalIds?: string[];
  userIds?: string[];
  caseIds?: string[];
  messageIds?: string[];
  /** Help-article opens (their event ids). */
  helpOpenIds?: string[];
  /** The window the evidence falls in, epoch ms. */
  from?: number;
  to?: number;
  /** The numbers the sentence quotes (counts, percentages, hours, amounts). */
  values?: Record<string, number | string>;
}

/** One pattern that matched (or one piece of context that moved the score). */
export interface Reason {
  id: PatternId | ContextId;
  kind: 'pattern' | 'context';
  /** Points added to the score (context may subtract: a negative number); shown so the sum can be checked. */
  points: number;
  /** One sentence a CSM understands: "Acme opened T-2 31 hours after T-1 (same issue: CSV export) was solved." */
  sentence: string;
  evidence: Evidence;
  /** The newest evidence time, epoch ms. */
  at: number;
  /** Guardrail categories, for `guardrail`. */
  guardrails?: GuardrailCategory[];
}

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export interface RiskAssessment {
  accountId: string;
  /** 0–100. */
  score: number;
  level: RiskLevel;
  /** Patterns first (most points first), then context. */
  reasons: Reason[];
  /** A guardrail was hit: a human must handle this account's open issue, whatever the score. */
  requiresHuman: boolean;
  evaluatedAt: number;
}
