// The edge's one Drizzle schema (SQLite dialect): better-sqlite3 on Node, D1 on Workers, same migrations.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
