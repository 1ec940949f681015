// Triggers (a rule that fired for an account), the handoff summary each one carries, destinations (where outreach
// goes) and outbox rows (one delivery of one trigger to one destination). Types only: the store persists them,
// edge/delivery sends them.
import type { GuardrailCategory } from '../ai/types';
import type { Reason } from '../risk/types';
import type { RuleAction } from '../rules/schema';

/**
 * The handoff summary of the design: what a human needs before they pick this up. Grounded only in stored facts;
 * the AI layer may rewrite the prose, never the facts.
 */
export interface HandoffSummary {
  /** One line: "Acme (enterprise, $120k ARR, renews in 41 days): 2 unresolved tickets in 5 days." */
  headline: string;
  /** The trail: friction signals, tickets, errors, cases, in time order, as short lines. */
  whatHappened: string[];
  /** Articles read, tips shown and their outcome, what agents already tried. */
  whatWasChecked: string[];
  /** What the customer wants, in their words where we have them. */
  customerWants: string;
  account: {
    id: string;
    name: string | null;
    tier: string | null;
    arr: number | null;
    renewalAt: number | null;
    owner: string | null;
    csm: string | null;
    riskScore: number;
    recentTickets: Array<{ id: string; subject: string | null; status: string; createdAt: number }>;
    /** Latest CSAT ratings, newest first. */
    csat: Array<{ ticketId: string; score: string; negative: boolean; at: number | null }>;
  };
  policy: { guardrails: GuardrailCategory[]; requiresHuman: boolean; notes: string[] };
  nextAction: string;
  /** The same, as markdown for Slack, email and the console. */
  markdown: string;
  /** 'template' or 'model'. */
  source: 'template' | 'model';
}

export interface TriggerRecord {
  id: string;
  workspaceId: string;
  ruleId: string;
  ruleName: string;
  accountId: string;
  /** The tickets the rule matched (ticket conditions), for route_ticket and the per-ticket cooldown. */
  ticketIds: string[];
  actions: RuleAction[];
  riskScore: number;
  reasons: Reason[];
  summary: HandoffSummary;
  firedAt: number;
  /** Set by POST /v1/triggers/:id/ack. */
  ackedAt: number | null;
  ackedBy: string | null;
  /** Worst state over its deliveries: pending until all are delivered; dead if any died. */
  delivery: 'none' | 'pending' | 'delivered' | 'failed' | 'dead';
}

export const DESTINATION_KINDS = ['slack', 'webhook', 'email', 'zendesk', 'salesforce', 'local_inbox'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export type DestinationConfig =
  /** A Slack incoming webhook (https://hooks.slack.com/services/…). */
  | { kind: 'slack'; url: string }
  /** A signed webhook: Standard Webhooks headers, HMAC-SHA256 with the `whsec_` secret. */
  | { kind: 'webhook'; url: string; secret: string }
  /** Email over SMTP to fixed addresses; notify_owner sends to the account owner through the same server. */
  | { kind: 'email'; to: string[]; from: string; smtp: { host: string; port: number; secure: boolean; user?: string; pass?: string } }
  /** Zendesk REST (ticket updates for route_ticket): https://{subdomain}.zendesk.com, an agent email and API token. */
  | { kind: 'zendesk'; baseUrl: string; email: string; apiToken: string; groupIds?: Record<string, number> }
  /** Salesforce REST (Case updates for route_ticket): instance URL and an OAuth access token; queue names to Queue ids. */
  | { kind: 'salesforce'; instanceUrl: string; accessToken: string; queueIds?: Record<string, string>; apiVersion?: string }
  /** Stored in the edge and shown in the console: the demo's outreach, and a record of everything sent. */
  | { kind: 'local_inbox' };

export interface DestinationRecord {
  id: string;
  workspaceId: string;
  /** The workspace's handle, used by rules ("#cs-escalations", "csm-email"). */
  name: string;
  config: DestinationConfig;
  enabled: boolean;
  /** Why it was disabled (410 Gone from Slack, a person turned it off). */
  disabledReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export const OUTBOX_STATES = ['pending', 'delivered', 'failed', 'dead'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** One delivery of one trigger's action to one destination. */
export interface OutboxRecord {
  id: string;
  workspaceId: string;
  triggerId: string;
  destinationId: string;
  /** The action that made it: outreach, notify_owner (email), route_ticket (zendesk/salesforce). */
  action: RuleAction['type'];
  /** What to send, built when the trigger fired (so a retry sends the same bytes): see edge/delivery. */
  payload: unknown;
  /** Stable across retries: the webhook-id header, Slack dedup, the email Message-ID. */
  idempotencyKey: string;
  /** pending: waiting for its next attempt; failed: its last attempt failed, it will retry; dead: gave up. */
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: number | null;
  createdAt: number;
}

/** What the dispatcher needs from storage; the store implements it (SQLite on Node, the workspace's object on Workers). */
export interface OutboxPort {
  /**
   * Up to `limit` rows due at `now` (state pending or failed, nextAttemptAt ≤ now, destination enabled), oldest
   * first, each leased until `leaseUntil` (its nextAttemptAt moves there) so no other dispatcher takes it meanwhile;
   * a dispatcher that dies mid-delivery leaves the row to be retried when the lease ends: at least once.
   */
  claimDue(now: number, limit: number, leaseUntil: number): Promise<Array<{ row: OutboxRecord; destination: DestinationRecord; trigger: TriggerRecord }>>;
  /** Records the outcome of one attempt (and the trigger's overall delivery state). */
  recordAttempt(
    workspaceId: string,
    id: string,
    result: Pick<OutboxRecord, 'state' | 'attempts' | 'nextAttemptAt' | 'lastStatus' | 'lastError' | 'deliveredAt'>,
  ): Promise<void>;
  /** 410 Gone (or a person): no more deliveries go there until it is enabled again. */
  disableDestination(workspaceId: string, destinationId: string, reason: string): Promise<void>;
  /** Where local_inbox deliveries land; an item id seen before is ignored (at-least-once delivery, shown once). */
  appendInbox(item: InboxItem): Promise<void>;
}

/** One message in the built-in local inbox (the demo's Slack). */
export interface InboxItem {
  id: string;
  workspaceId: string;
  destinationId: string;
  triggerId: string;
  title: string;
  markdown: string;
  at: number;
}
