// The edge's one Drizzle schema (SQLite dialect): better-sqlite3 on Node, D1 on Workers, same migrations.
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { HandoffSummary } from '../actions/types';
import type { DestinationConfig } from '../actions/types';
import type { GuardrailHit } from '../ai/types';
import type { Reason } from '../risk/types';
import type { RuleAction, RuleInput } from '../rules/schema';

/** A customer of Forestall: one product, one set of keys, tips, articles, events and cases. */
export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** JSON WorkspaceSettings (detector overrides, limits, holdout); null means the defaults. */
  settings: text('settings', { mode: 'json' }),
  /** Bumped whenever an article changes, so every process knows when its search index is stale. */
  articlesVersion: integer('articles_version').notNull().default(0),
  /** Next handoff case number; references read FS-1001, FS-1002, … */
  nextCaseNumber: integer('next_case_number').notNull().default(1001),
  createdAt: integer('created_at').notNull(),
});

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    kind: text('kind', { enum: ['pk', 'sk'] }).notNull(),
    /** sha-256 of the whole key, hex. The key itself is shown once and never stored. */
    hash: text('hash').notNull(),
    /** The first characters of the key, so a person can tell keys apart in `npm run keys -- list`. */
    prefix: text('prefix').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash').on(t.hash), index('api_keys_workspace').on(t.workspaceId)],
);

/** Browser origins a public key may be used from; a table rather than JSON so preflights can look an origin up. */
export const apiKeyOrigins = sqliteTable(
  'api_key_origins',
  {
    keyId: text('key_id')
      .notNull()
      .references(() => apiKeys.id),
    origin: text('origin').notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.origin] }), index('api_key_origins_origin').on(t.origin)],
);

export const events = sqliteTable(
  'events',
  {
    workspaceId: text('workspace_id').notNull(),
    id: text('id').notNull(),
    type: text('type').notNull(),
    /** When it happened, epoch ms, corrected for the client's clock skew and clamped to a sane window. */
    at: integer('at').notNull(),
    /** What the client said, kept for forensics. */
    clientAt: integer('client_at').notNull(),
    receivedAt: integer('received_at').notNull(),
    /** 1 when `at` was corrected or clamped rather than taken as sent. */
    clockSkew: integer('clock_skew', { mode: 'boolean' }).notNull(),
    anonymousId: text('anonymous_id').notNull(),
    sessionId: text('session_id').notNull(),
    userId: text('user_id'),
    accountId: text('account_id'),
    screen: text('screen'),
    /** The whole validated event as JSON. */
    payload: text('payload').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('events_account').on(t.workspaceId, t.accountId, t.at),
    index('events_user').on(t.workspaceId, t.userId, t.at),
  ],
);

export const tips = sqliteTable(
  'tips',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    id: text('id').notNull(),
    /** The Tip as JSON, exactly as validated. */
    tip: text('tip').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export const articles = sqliteTable(
  'articles',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    id: text('id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    url: text('url'),
    tags: text('tags', { mode: 'json' }).$type<string[]>(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** A handoff to a human: what the user said, what they went through, and what we knew of their account. */
export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** The client's handoff id: a retried handoff finds its case instead of making another. */
    handoffId: text('handoff_id').notNull(),
    number: integer('number').notNull(),
    reference: text('reference').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    anonymousId: text('anonymous_id').notNull(),
    sessionId: text('session_id').notNull(),
    userId: text('user_id'),
    accountId: text('account_id'),
    screen: text('screen'),
    answers: text('answers', { mode: 'json' }).notNull(),
    trail: text('trail', { mode: 'json' }).notNull(),
    /** Account context snapshot taken when the case was created. */
    context: text('context', { mode: 'json' }).notNull(),
    /** Readable markdown summary for the agent. */
    summary: text('summary').notNull(),
    attachmentName: text('attachment_name'),
    attachmentType: text('attachment_type'),
    /** Base64 as the client sent it: text works the same on better-sqlite3 and D1. */
    attachmentBase64: text('attachment_base64'),
    clientAt: integer('client_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('cases_handoff').on(t.workspaceId, t.handoffId),
    uniqueIndex('cases_number').on(t.workspaceId, t.number),
    index('cases_account').on(t.workspaceId, t.accountId, t.createdAt),
    index('cases_created').on(t.workspaceId, t.createdAt),
  ],
);

/*
 * Context in: what the customer's CRM and help desk know. Ids are the customer's own (their CRM's account id, their
 * help desk's ticket id), so a backfill through the API and a live webhook meet on the same row. Every table the risk
 * engine reads by account and time window has a (workspace, account, time) index.
 */

/** A customer's customer, as their CRM knows it. Every field but the id may be unknown (null). */
export const accounts = sqliteTable(
  'accounts',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    id: text('id').notNull(),
    name: text('name'),
    domain: text('domain'),
    tier: text('tier'),
    /** Annual recurring revenue in the CRM's currency units (not cents). */
    arr: real('arr'),
    /** Epoch ms of the next renewal. */
    renewalAt: integer('renewal_at'),
    /** Account owner (sales) and customer success manager: a name or email, as the CRM has it. */
    owner: text('owner'),
    csm: text('csm'),
    /** The CRM's own health label (green, at risk, …) and score (0–100). */
    health: text('health'),
    healthScore: real('health_score'),
    plan: text('plan'),
    /** Other CRM fields the customer chose to send, flat JSON. */
    traits: text('traits', { mode: 'json' }).$type<Record<string, string | number | boolean | null>>(),
    /** When Forestall first and last stored it. */
    insertedAt: integer('inserted_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('accounts_renewal').on(t.workspaceId, t.renewalAt),
    index('accounts_owner').on(t.workspaceId, t.owner),
    index('accounts_csm').on(t.workspaceId, t.csm),
  ],
);

/** A person at an account: the same user id the SDK's identify() sends. */
export const users = sqliteTable(
  'users',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    id: text('id').notNull(),
    accountId: text('account_id'),
    email: text('email'),
    name: text('name'),
    role: text('role'),
    /** Epoch ms the user was created in the customer's product (new member vs power user). */
    createdAt: integer('created_at'),
    lastSeenAt: integer('last_seen_at'),
    traits: text('traits', { mode: 'json' }).$type<Record<string, string | number | boolean | null>>(),
    insertedAt: integer('inserted_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('users_account').on(t.workspaceId, t.accountId),
    index('users_email').on(t.workspaceId, t.email),
  ],
);

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on-hold', 'solved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_SOURCES = ['api', 'zendesk', 'salesforce'] as const;

/** A support ticket with its real timestamps, so history can be backfilled and patterns see the true order of things. */
export const tickets = sqliteTable(
  'tickets',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    id: text('id').notNull(),
    status: text('status', { enum: TICKET_STATUSES }).notNull(),
    priority: text('priority', { enum: TICKET_PRIORITIES }),
    /** The requester as a user id the customer knows, and/or an email. */
    requesterId: text('requester_id'),
    requesterEmail: text('requester_email'),
    accountId: text('account_id'),
    subject: text('subject'),
    tags: text('tags', { mode: 'json' }).$type<string[]>(),
    topic: text('topic'),
    /** 'good' | 'bad' | '1'…'5', as rated. */
    csatScore: text('csat_score'),
    /** Bad, or 1–2 of 5: the column the "low CSAT then re-engagement" pattern filters on. */
    csatNegative: integer('csat_negative', { mode: 'boolean' }),
    csatComment: text('csat_comment'),
    csatAt: integer('csat_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    solvedAt: integer('solved_at'),
    /** Where the last write came from. */
    source: text('source', { enum: TICKET_SOURCES }).notNull(),
    insertedAt: integer('inserted_at').notNull(),
    /** Set by a rule's route_ticket: the queue it was sent to, and when. */
    queue: text('queue'),
    routedAt: integer('routed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('tickets_account_created').on(t.workspaceId, t.accountId, t.createdAt),
    index('tickets_account_solved').on(t.workspaceId, t.accountId, t.solvedAt),
    index('tickets_requester_created').on(t.workspaceId, t.requesterId, t.createdAt),
    index('tickets_status_updated').on(t.workspaceId, t.status, t.updatedAt),
  ],
);

/** One message of a ticket's conversation. Messages never change once stored: re-sending one is harmless. */
export const ticketMessages = sqliteTable(
  'ticket_messages',
  {
    workspaceId: text('workspace_id').notNull(),
    ticketId: text('ticket_id').notNull(),
    id: text('id').notNull(),
    author: text('author', { enum: ['customer', 'agent'] }).notNull(),
    /** The author's id in the help desk, when known. */
    authorId: text('author_id'),
    body: text('body').notNull(),
    /** False for an agents-only note. */
    public: integer('public', { mode: 'boolean' }).notNull(),
    at: integer('at').notNull(),
    insertedAt: integer('inserted_at').notNull(),
    /** Customer messages: tone -1…1 and guardrail hits, from the offline classifiers at ingest, later a model's. */
    tone: real('tone'),
    guardrails: text('guardrails', { mode: 'json' }).$type<GuardrailHit[]>(),
    /** 'fallback' or 'model': a model's reading replaces the fallback's, never the reverse. */
    analysisSource: text('analysis_source', { enum: ['fallback', 'model'] }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.ticketId, t.id] }),
    index('ticket_messages_ticket_at').on(t.workspaceId, t.ticketId, t.at),
  ],
);

/**
 * A ticket's history: created, each status change, each rating, at the time it happened. "A new ticket within 72 h
 * of a solved one", "two unresolved tickets in 5 days" and "a bad rating, then another ticket" read this by account
 * and time. The id is deterministic (or the sender's event id), so a replay adds nothing.
 */
export const ticketEvents = sqliteTable(
  'ticket_events',
  {
    workspaceId: text('workspace_id').notNull(),
    id: text('id').notNull(),
    ticketId: text('ticket_id').notNull(),
    /** The ticket's account when the event happened. */
    accountId: text('account_id'),
    type: text('type', { enum: ['created', 'status', 'csat'] }).notNull(),
    fromStatus: text('from_status', { enum: TICKET_STATUSES }),
    toStatus: text('to_status', { enum: TICKET_STATUSES }),
    csatScore: text('csat_score'),
    at: integer('at').notNull(),
    source: text('source', { enum: TICKET_SOURCES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('ticket_events_account_at').on(t.workspaceId, t.accountId, t.at),
    index('ticket_events_ticket_at').on(t.workspaceId, t.ticketId, t.at),
  ],
);

/** One signing secret of a webhook source; several live at once while the sender rotates. */
export interface WebhookSecret {
  id: string;
  /** The raw secret: HMAC verification needs it. Never returned after creation, never logged. */
  secret: string;
  createdAt: number;
  /** Epoch ms after which it no longer verifies; null while it is the current one. */
  expiresAt: number | null;
}

/**
 * Where inbound webhooks come from. The id (whs_…) is in the URL the sender posts to and names the workspace; the
 * name is the workspace's own handle for it (PUT /v1/webhook-sources/:name).
 */
export const webhookSources = sqliteTable(
  'webhook_sources',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['zendesk', 'standard'] }).notNull(),
    mapping: text('mapping', { enum: ['zendesk', 'salesforce_case', 'hubspot_company'] }).notNull(),
    secrets: text('secrets', { mode: 'json' }).$type<WebhookSecret[]>().notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('webhook_sources_name').on(t.workspaceId, t.name)],
);

/** Deliveries already applied, by the sender's id: a retried or replayed delivery changes nothing. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    sourceId: text('source_id').notNull(),
    deliveryId: text('delivery_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.deliveryId] }), index('webhook_deliveries_received').on(t.receivedAt)],
);

/*
 * Risk, rules and actions. An account's assessment is rewritten whenever something about it changes; a rule that
 * fires writes its trigger, the trigger's outbox rows and its cooldowns in one transaction, so a delivery is never
 * lost and an account is never paged twice for one rule inside the cooldown.
 */

/** The latest risk assessment of each account. */
export const accountRisk = sqliteTable(
  'account_risk',
  {
    workspaceId: text('workspace_id').notNull(),
    accountId: text('account_id').notNull(),
    score: integer('score').notNull(),
    level: text('level', { enum: ['low', 'medium', 'high', 'critical'] }).notNull(),
    reasons: text('reasons', { mode: 'json' }).$type<Reason[]>().notNull(),
    /** The pattern ids among the reasons, space-separated and padded (" usage_drop tone_drift "), for filtering. */
    patterns: text('patterns').notNull(),
    requiresHuman: integer('requires_human', { mode: 'boolean' }).notNull(),
    evaluatedAt: integer('evaluated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId] }), index('account_risk_score').on(t.workspaceId, t.score)],
);

/** One score per account per UTC day (the day's last): the trend the console draws. */
export const accountRiskDaily = sqliteTable(
  'account_risk_daily',
  {
    workspaceId: text('workspace_id').notNull(),
    accountId: text('account_id').notNull(),
    day: integer('day').notNull(),
    score: integer('score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId, t.day] })],
);

export const rules = sqliteTable(
  'rules',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    id: text('id').notNull(),
    /** The rule as validated (ruleSchema output). */
    rule: text('rule', { mode: 'json' }).$type<RuleInput>().notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** Until when a rule stays quiet for one key (an account, or a ticket for ticket rules). */
export const ruleCooldowns = sqliteTable(
  'rule_cooldowns',
  {
    workspaceId: text('workspace_id').notNull(),
    ruleId: text('rule_id').notNull(),
    key: text('key').notNull(),
    until: integer('until').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.ruleId, t.key] })],
);

export const triggers = sqliteTable(
  'triggers',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    ruleId: text('rule_id').notNull(),
    ruleName: text('rule_name').notNull(),
    accountId: text('account_id').notNull(),
    ticketIds: text('ticket_ids', { mode: 'json' }).$type<string[]>().notNull(),
    actions: text('actions', { mode: 'json' }).$type<RuleAction[]>().notNull(),
    riskScore: integer('risk_score').notNull(),
    reasons: text('reasons', { mode: 'json' }).$type<Reason[]>().notNull(),
    summary: text('summary', { mode: 'json' }).$type<HandoffSummary>().notNull(),
    firedAt: integer('fired_at').notNull(),
    ackedAt: integer('acked_at'),
    ackedBy: text('acked_by'),
    delivery: text('delivery', { enum: ['none', 'pending', 'delivered', 'failed', 'dead'] }).notNull(),
  },
  (t) => [index('triggers_fired').on(t.workspaceId, t.firedAt), index('triggers_account').on(t.workspaceId, t.accountId, t.firedAt)],
);

export const destinations = sqliteTable(
  'destinations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    config: text('config', { mode: 'json' }).$type<DestinationConfig>().notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    disabledReason: text('disabled_reason'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('destinations_name').on(t.workspaceId, t.name)],
);

/** One delivery of one trigger to one destination; the dispatcher claims due rows by (state, next attempt). */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    triggerId: text('trigger_id').notNull(),
    destinationId: text('destination_id').notNull(),
    action: text('action').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    state: text('state', { enum: ['pending', 'delivered', 'failed', 'dead'] }).notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: integer('delivered_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('outbox_due').on(t.state, t.nextAttemptAt), index('outbox_trigger').on(t.triggerId)],
);

/** The built-in local inbox destination: outreach shown in the console, so the demo needs no Slack. */
export const inbox = sqliteTable(
  'inbox',
  {
    workspaceId: text('workspace_id').notNull(),
    id: text('id').notNull(),
    destinationId: text('destination_id').notNull(),
    triggerId: text('trigger_id').notNull(),
    title: text('title').notNull(),
    markdown: text('markdown').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('inbox_at').on(t.workspaceId, t.at)],
);

/** Tips a rule pushed to an account's users (show_tip): served in their next config until shown or expired. */
export const tipTargets = sqliteTable(
  'tip_targets',
  {
    workspaceId: text('workspace_id').notNull(),
    accountId: text('account_id').notNull(),
    tipId: text('tip_id').notNull(),
    triggerId: text('trigger_id').notNull(),
    until: integer('until').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId, t.tipId] })],
);

/** Model answers by input hash, so the same question is never paid for twice. */
export const aiCache = sqliteTable('ai_cache', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: integer('created_at').notNull(),
});
