// The Store on better-sqlite3 through Drizzle, plus the workspace and key administration used by the Node runtime and `npm run keys`.
import { and, asc, desc, eq, getTableName, gte, isNull, sql } from 'drizzle-orm';
import type { DiagnosticTrail, HandoffRequest, Tip } from '../../sdk/wire';
import { generateKey, hashKey, keyPrefix, randomId, type KeyKind } from '../keys';
import type {
  AccountContext,
  AccountRecord,
  AccountUpsert,
  ApiKeyRecord,
  CaseListItem,
  CaseRecord,
  EventRow,
  InsertResult,
  NewCase,
  Store,
  StoredArticle,
  TicketEventRecord,
  TicketListItem,
  TicketSource,
  TicketStatus,
  TicketUpsert,
  TicketUpsertCounts,
  TimelineEvent,
  UpsertCounts,
  UserRecord,
  UserUpsert,
  WebhookSourceRecord,
} from '../store';
import type { Article, WorkspaceSettings } from '../wire-schemas';
import { accounts, apiKeyOrigins, apiKeys, articles, cases, events, ticketEvents, ticketMessages, tickets, tips, users, webhookDeliveries, webhookSources, workspaces } from './schema';
import type { MessageAnalysis } from '../ai/types';
import { createRiskStore } from './riskStore';
import { rowsChanged, type SqliteDatabase } from './driver';
import type { EdgeDatabase } from './sqlite';

export { rowsChanged, type SqliteDatabase };

type BetterSqlite3Client = EdgeDatabase['$client'];


type CaseRow = typeof cases.$inferSelect;

interface IngestJob {
  workspaceId: string;
  rows: EventRow[];
  resolve: (r: InsertResult) => void;
  reject: (e: unknown) => void;
}

function toCaseRecord(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    handoffId: row.handoffId,
    anonymousId: row.anonymousId,
    sessionId: row.sessionId,
    userId: row.userId,
    accountId: row.accountId,
    screen: row.screen,
    answers: row.answers as HandoffRequest['answers'],
    trail: row.trail as DiagnosticTrail,
    context: row.context as AccountContext,
    summary: row.summary,
    attachment:
      row.attachmentName && row.attachmentType && row.attachmentBase64 !== null
        ? { name: row.attachmentName, type: row.attachmentType, bytes: Math.floor((row.attachmentBase64.replace(/=+$/, '').length * 3) / 4) }
        : null,
    clientAt: row.clientAt,
    createdAt: row.createdAt,
  };
}

const caseListColumns = {
  id: cases.id,
  reference: cases.reference,
  status: cases.status,
  userId: cases.userId,
  accountId: cases.accountId,
  screen: cases.screen,
  createdAt: cases.createdAt,
  tryingTo: sql<string>`json_extract(${cases.answers}, '$.tryingTo')`,
};


type Traits = Record<string, string | number | boolean | null>;

/** Statuses after which a ticket no longer waits on anyone. */
const RESOLVED: ReadonlySet<TicketStatus> = new Set(['solved', 'closed']);

/** Keeps only the fields a partial update sent: undefined means "not sent", null means "clear it". */
function sent<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function differs(stored: Record<string, unknown>, update: Record<string, unknown>): boolean {
  return Object.entries(update).some(([k, v]) => JSON.stringify(stored[k] ?? null) !== JSON.stringify(v ?? null));
}

/** Traits merge key by key, so a CRM can send only what changed; a null value removes that trait, null removes all. */
function mergeTraits(stored: Traits | null | undefined, update: Traits | null | undefined): Traits | null | undefined {
  if (update === undefined || update === null) return update;
  const merged: Traits = { ...(stored ?? {}) };
  for (const [k, v] of Object.entries(update)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  return Object.keys(merged).length ? merged : null;
}

function csatNegative(score: string | number): boolean {
  return score === 'bad' || (typeof score === 'number' && score <= 2);
}

function accountFromRow(r: typeof accounts.$inferSelect): AccountRecord {
  return {
    id: r.id,
    name: r.name,
    domain: r.domain,
    tier: r.tier,
    arr: r.arr,
    renewalDate: r.renewalAt,
    owner: r.owner,
    csm: r.csm,
    health: r.health,
    healthScore: r.healthScore,
    plan: r.plan,
    traits: r.traits ?? null,
    insertedAt: r.insertedAt,
    updatedAt: r.updatedAt,
  };
}

function userFromRow(r: typeof users.$inferSelect): UserRecord {
  return {
    id: r.id,
    accountId: r.accountId,
    email: r.email,
    name: r.name,
    role: r.role,
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    traits: r.traits ?? null,
    insertedAt: r.insertedAt,
    updatedAt: r.updatedAt,
  };
}

function ticketFromRow(r: typeof tickets.$inferSelect, messageCount: number): TicketListItem {
  return {
    id: r.id,
    status: r.status,
    priority: r.priority,
    requesterId: r.requesterId,
    requesterEmail: r.requesterEmail,
    accountId: r.accountId,
    subject: r.subject,
    tags: r.tags ?? null,
    topic: r.topic,
    csat: r.csatScore === null ? null : { score: r.csatScore, negative: r.csatNegative ?? false, comment: r.csatComment, at: r.csatAt },
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    solvedAt: r.solvedAt,
    source: r.source,
    messageCount,
  };
}

function webhookSourceFromRow(r: typeof webhookSources.$inferSelect): WebhookSourceRecord {
  return { id: r.id, workspaceId: r.workspaceId, name: r.name, kind: r.kind, mapping: r.mapping, secrets: r.secrets, createdAt: r.createdAt, updatedAt: r.updatedAt };
}

type Outcome = 'created' | 'updated' | 'unchanged';

/** Writes of CRM and help-desk context. Synchronous, so a caller can run several in one transaction. */
function contextWriter(db: SqliteDatabase, analyzeMessage?: (text: string) => MessageAnalysis) {
  const count = (c: UpsertCounts, o: Outcome) => {
    c[o] += 1;
  };

  const upsertAccount = (workspaceId: string, a: AccountUpsert, now: number): Outcome => {
    const existing = db.select().from(accounts).where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, a.id))).get();
    const update = sent({
      name: a.name,
      domain: a.domain,
      tier: a.tier,
      arr: a.arr,
      renewalAt: a.renewalDate,
      owner: a.owner,
      csm: a.csm,
      health: a.health,
      healthScore: a.healthScore,
      plan: a.plan,
      traits: mergeTraits(existing?.traits, a.traits),
    });
    if (!existing) {
      db.insert(accounts).values({ workspaceId, id: a.id, ...update, insertedAt: now, updatedAt: now }).run();
      return 'created';
    }
    if (!differs(existing, update)) return 'unchanged';
    db.update(accounts).set({ ...update, updatedAt: now }).where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, a.id))).run();
    return 'updated';
  };

  const upsertUser = (workspaceId: string, u: UserUpsert, now: number): Outcome => {
    const existing = db.select().from(users).where(and(eq(users.workspaceId, workspaceId), eq(users.id, u.id))).get();
    const update = sent({
      accountId: u.accountId,
      email: u.email,
      name: u.name,
      role: u.role,
      createdAt: u.createdAt,
      lastSeenAt: u.lastSeenAt,
      traits: mergeTraits(existing?.traits, u.traits),
    });
    if (!existing) {
      db.insert(users).values({ workspaceId, id: u.id, ...update, insertedAt: now, updatedAt: now }).run();
      return 'created';
    }
    if (!differs(existing, update)) return 'unchanged';
    db.update(users).set({ ...update, updatedAt: now }).where(and(eq(users.workspaceId, workspaceId), eq(users.id, u.id))).run();
    return 'updated';
  };

  const addTicketEvent = (workspaceId: string, e: Omit<typeof ticketEvents.$inferInsert, 'workspaceId'>): number =>
    rowsChanged(db, db.insert(ticketEvents).values({ workspaceId, ...e }).onConflictDoNothing().run());

  /** The account of a ticket that names none: its requester's, when the requester is a known user. */
  const requesterAccount = (workspaceId: string, t: TicketUpsert): string | null => {
    const who = t.requester?.id !== undefined ? eq(users.id, t.requester.id) : t.requester?.email !== undefined ? eq(users.email, t.requester.email) : undefined;
    if (!who) return null;
    return db.select({ accountId: users.accountId }).from(users).where(and(eq(users.workspaceId, workspaceId), who)).limit(1).get()?.accountId ?? null;
  };

  const upsertTicket = (workspaceId: string, t: TicketUpsert, source: TicketSource, now: number, counts: TicketUpsertCounts): void => {
    const where = and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, t.id));
    const existing = db.select().from(tickets).where(where).get();
    const messages = t.messages ?? [];
    const messageTimes = messages.map((m) => m.at);
    const csatAt = t.csat ? (t.csat.at ?? t.updatedAt ?? now) : undefined;
    let changed = false;
    let accountId: string | null;

    if (!existing) {
      // A ticket seen for the first time: what was not sent is inferred from what was, so a bare backfill still
      // lands at its real time rather than at the moment it was imported.
      const status = t.status ?? 'new';
      const createdAt = t.createdAt ?? (messageTimes.length ? Math.min(...messageTimes) : (t.updatedAt ?? now));
      const updatedAt = t.updatedAt ?? Math.max(createdAt, ...messageTimes, t.solvedAt ?? 0, csatAt ?? 0);
      const solvedAt = t.solvedAt !== undefined ? t.solvedAt : RESOLVED.has(status) ? updatedAt : null;
      accountId = t.accountId ?? requesterAccount(workspaceId, t);
      db.insert(tickets)
        .values({
          workspaceId,
          id: t.id,
          status,
          priority: t.priority ?? null,
          requesterId: t.requester?.id ?? null,
          requesterEmail: t.requester?.email ?? null,
          accountId,
          subject: t.subject ?? null,
          tags: t.tags ?? null,
          topic: t.topic ?? null,
          csatScore: t.csat ? String(t.csat.score) : null,
          csatNegative: t.csat ? csatNegative(t.csat.score) : null,
          csatComment: t.csat?.comment ?? null,
          csatAt: csatAt ?? null,
          createdAt,
          updatedAt,
          solvedAt,
          source,
          insertedAt: now,
        })
        .run();
      counts.created += 1;
      addTicketEvent(workspaceId, { id: `${t.id}:created`, ticketId: t.id, accountId, type: 'created', fromStatus: null, toStatus: null, at: createdAt, source });
      // What history can be told from a snapshot: when it was solved, and where it stands now.
      if (solvedAt !== null) {
        counts.statusChanges += addTicketEvent(workspaceId, { id: `${t.id}:status:solved:${solvedAt}`, ticketId: t.id, accountId, type: 'status', fromStatus: null, toStatus: 'solved', at: solvedAt, source });
      }
      if (status !== 'new' && !(status === 'solved' && solvedAt !== null)) {
        counts.statusChanges += addTicketEvent(workspaceId, { id: `${t.id}:status:${status}:${updatedAt}`, ticketId: t.id, accountId, type: 'status', fromStatus: solvedAt !== null ? 'solved' : null, toStatus: status, at: updatedAt, source });
      }
    } else {
      // An update older than what is stored (webhooks arrive out of order) still adds its messages and its history,
      // but does not overwrite newer fields.
      const stale = t.updatedAt !== undefined && t.updatedAt < existing.updatedAt;
      accountId = existing.accountId;
      const at = t.updatedAt ?? now;
      if (t.status !== undefined && t.status !== existing.status) {
        const changeAt = t.status === 'solved' && t.solvedAt ? t.solvedAt : at;
        counts.statusChanges += addTicketEvent(workspaceId, {
          id: `${t.id}:status:${t.status}:${changeAt}`,
          ticketId: t.id,
          accountId: t.accountId ?? existing.accountId,
          type: 'status',
          fromStatus: existing.status,
          toStatus: t.status,
          at: changeAt,
          source,
        });
      }
      if (!stale) {
        const nextStatus = t.status ?? existing.status;
        const becameResolved = RESOLVED.has(nextStatus) && !RESOLVED.has(existing.status);
        const update = sent({
          status: t.status,
          priority: t.priority,
          requesterId: t.requester?.id,
          requesterEmail: t.requester?.email,
          accountId: t.accountId === undefined && existing.accountId === null ? requesterAccount(workspaceId, t) ?? undefined : t.accountId,
          subject: t.subject,
          tags: t.tags,
          topic: t.topic,
          createdAt: t.createdAt,
          solvedAt: t.solvedAt !== undefined ? t.solvedAt : becameResolved ? at : undefined,
          ...(t.csat === null
            ? { csatScore: null, csatNegative: null, csatComment: null, csatAt: null }
            : t.csat
              ? { csatScore: String(t.csat.score), csatNegative: csatNegative(t.csat.score), csatComment: t.csat.comment ?? null, csatAt }
              : {}),
        });
        if (differs(existing, update)) {
          const updatedAt = Math.max(existing.updatedAt, t.updatedAt ?? now);
          db.update(tickets).set({ ...update, updatedAt, source }).where(where).run();
          changed = true;
          accountId = update.accountId !== undefined ? update.accountId : existing.accountId;
        }
      }
    }

    if (t.csat) {
      const score = String(t.csat.score);
      const added = addTicketEvent(workspaceId, { id: `${t.id}:csat:${score}:${csatAt}`, ticketId: t.id, accountId, type: 'csat', fromStatus: null, toStatus: null, csatScore: score, at: csatAt!, source });
      if (added && existing) changed = true;
    }

    let added = 0;
    for (const m of messages) {
      const known =
        analyzeMessage &&
        m.author === 'customer' &&
        db
          .select({ id: ticketMessages.id })
          .from(ticketMessages)
          .where(and(eq(ticketMessages.workspaceId, workspaceId), eq(ticketMessages.ticketId, t.id), eq(ticketMessages.id, m.id)))
          .get();
      // Only what the customer wrote is read for tone and guardrails, once, when it first arrives.
      const analysis = analyzeMessage && m.author === 'customer' && !known ? analyzeMessage(m.text) : null;
      added += rowsChanged(
        db,
        db
        .insert(ticketMessages)
        .values({
          workspaceId,
          ticketId: t.id,
          id: m.id,
          author: m.author,
          authorId: m.authorId ?? null,
          body: m.text,
          public: m.public ?? true,
          at: m.at,
          insertedAt: now,
          ...(analysis ? { tone: analysis.tone.score, guardrails: analysis.guardrails, analysisSource: analysis.source } : {}),
        })
        .onConflictDoNothing()
        .run(),
      );
    }
    counts.messagesAdded += added;
    if (existing) {
      if (added > 0 && !changed) {
        // A new message moves the ticket's clock even when nothing else changed.
        const newest = Math.max(...messages.map((m) => m.at));
        if (newest > existing.updatedAt) db.update(tickets).set({ updatedAt: newest }).where(where).run();
      }
      count(counts, changed || added > 0 ? 'updated' : 'unchanged');
    }
  };

  return {
    accounts(workspaceId: string, list: AccountUpsert[], now: number): UpsertCounts {
      const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
      for (const a of list) count(counts, upsertAccount(workspaceId, a, now));
      return counts;
    },
    users(workspaceId: string, list: UserUpsert[], now: number): UpsertCounts {
      const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
      for (const u of list) count(counts, upsertUser(workspaceId, u, now));
      return counts;
    },
    tickets(workspaceId: string, list: TicketUpsert[], source: TicketSource, now: number): TicketUpsertCounts {
      const counts: TicketUpsertCounts = { created: 0, updated: 0, unchanged: 0, messagesAdded: 0, statusChanges: 0 };
      for (const t of list) upsertTicket(workspaceId, t, source, now, counts);
      return counts;
    },
  };
}

export interface SqliteStoreOptions {
  /** Reads a customer message as it is stored (tone, guardrails): the AI layer's offline classifiers. */
  analyzeMessage?: (text: string) => MessageAnalysis;
}

type EventWriter = (workspaceId: string, rows: EventRow[]) => Promise<InsertResult>;

/** The event insert on a driver's own statements; columns follow the schema in ./schema.ts. */
const INSERT_EVENT = `insert into ${getTableName(events)} (workspace_id, id, type, at, client_at, received_at, clock_skew, anonymous_id, session_id, user_id, account_id, screen, payload)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`;

function isBetterSqlite3(db: SqliteDatabase): db is SqliteDatabase & { $client: BetterSqlite3Client } {
  const client = (db as { $client?: Partial<BetterSqlite3Client> }).$client;
  return typeof client?.prepare === 'function' && typeof client.transaction === 'function';
}

/** Event ingest is the hot path, so it runs on each driver's own statements: better-sqlite3, or a Durable Object's storage. */
function eventWriter(db: SqliteDatabase): EventWriter {
  if (isBetterSqlite3(db)) return groupCommitWriter(db.$client);
  if (isObjectStorage(db)) return objectStorageWriter(db.$client);
  throw new TypeError('createSqliteStore: event ingest runs on better-sqlite3 or Durable Object storage; give this driver a writer beside theirs.');
}

/** Event batches on better-sqlite3: statements prepared on the driver, and batches of one event-loop turn committed together. */
function groupCommitWriter(client: BetterSqlite3Client): EventWriter {
  // The ingest path runs thousands of times a second: its statement is prepared once, on the driver itself, since
  // drizzle's placeholder mapping cost a tenth of the request.
  const insertEvent = client.prepare(INSERT_EVENT);
  const insertBatch = (workspaceId: string, rows: EventRow[]): InsertResult => {
    let accepted = 0;
    for (const r of rows) {
      accepted += insertEvent.run(workspaceId, r.id, r.type, r.at, r.clientAt, r.receivedAt, r.clockSkew ? 1 : 0, r.anonymousId, r.sessionId, r.userId, r.accountId, r.screen, r.payload).changes;
    }
    return { accepted, duplicates: rows.length - accepted };
  };
  const commitGroup = client.transaction((jobs: IngestJob[]) => jobs.map((j) => insertBatch(j.workspaceId, j.rows)));
  const commitOne = client.transaction((job: IngestJob) => insertBatch(job.workspaceId, job.rows));

  /*
   * Group commit: batches that arrive in the same turn of the event loop are written in one transaction, so the
   * commit (WAL append, and fsync with synchronous=FULL) is paid once for all of them. Each batch's promise still
   * settles only after the commit that holds it, so a 202 always means stored.
   */
  let pending: IngestJob[] = [];
  const flush = () => {
    const jobs = pending;
    pending = [];
    try {
      const results = commitGroup(jobs);
      jobs.forEach((j, i) => j.resolve(results[i]!));
    } catch {
      // Something in the group failed and the whole transaction rolled back: retry each batch on its own, so
      // one bad batch cannot fail its neighbours.
      for (const j of jobs) {
        try {
          j.resolve(commitOne(j));
        } catch (e) {
          j.reject(e);
        }
      }
    }
  };

  return (workspaceId, rows) =>
    new Promise<InsertResult>((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ workspaceId, rows, resolve, reject });
    });
}

/** A Durable Object's storage as Drizzle's durable-sqlite driver holds it: statements run (and are cached) by SQLite text. */
interface ObjectStorageClient {
  sql: { exec(query: string, ...bindings: unknown[]): { toArray(): unknown[] } };
  transactionSync<T>(closure: () => T): T;
}

function isObjectStorage(db: SqliteDatabase): db is SqliteDatabase & { $client: ObjectStorageClient } {
  const client = (db as { $client?: Partial<ObjectStorageClient> }).$client;
  return typeof client?.sql?.exec === 'function' && typeof client.transactionSync === 'function';
}

/**
 * Event batches in a Durable Object: one transaction per batch on the storage's own statements (Drizzle's per-row
 * building and mapping cost twice the write, and the object is its workspace's one writer, so its time per event
 * bounds the workspace's ingest). Committed when the call returns; there is nothing to group.
 */
function objectStorageWriter(client: ObjectStorageClient): EventWriter {
  const insert = `${INSERT_EVENT} returning 1`;
  return async (workspaceId, rows) =>
    client.transactionSync(() => {
      let accepted = 0;
      for (const r of rows) {
        accepted += client.sql
          .exec(insert, workspaceId, r.id, r.type, r.at, r.clientAt, r.receivedAt, r.clockSkew ? 1 : 0, r.anonymousId, r.sessionId, r.userId, r.accountId, r.screen, r.payload)
          .toArray().length;
      }
      return { accepted, duplicates: rows.length - accepted };
    });
}

/** An ApiKeyRecord as one row, its origins as a JSON array (the Workers directory on D1 reads it the same way). */
export const apiKeyColumns = {
  id: apiKeys.id,
  workspaceId: apiKeys.workspaceId,
  kind: apiKeys.kind,
  hash: apiKeys.hash,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
  origins: sql<string | null>`(select json_group_array(${apiKeyOrigins.origin}) from ${apiKeyOrigins} where ${apiKeyOrigins.keyId} = ${apiKeys.id})`,
};

export function createSqliteStore(db: SqliteDatabase, options: SqliteStoreOptions = {}): Store {
  const context = contextWriter(db, options.analyzeMessage);
  // Written out with table names: drizzle renders columns unqualified inside a subquery, where `id` would be the message's.
  const messageCount = sql<number>`(select count(*) from "ticket_messages" m where m."workspace_id" = "tickets"."workspace_id" and m."ticket_id" = "tickets"."id")`;

  const writeEvents = eventWriter(db);

  const findKey = db
    .select(apiKeyColumns)
    .from(apiKeys)
    .where(eq(apiKeys.hash, sql.placeholder('hash')))
    .prepare();
  // A console session names its key by id; the record then comes from the one lookup above.
  const keyHashById = db.select({ hash: apiKeys.hash }).from(apiKeys).where(eq(apiKeys.id, sql.placeholder('id'))).prepare();

  const bumpArticles = (workspaceId: string) =>
    db
      .update(workspaces)
      .set({ articlesVersion: sql`${workspaces.articlesVersion} + 1` })
      .where(eq(workspaces.id, workspaceId))
      .run();

  const getArticleSync = (workspaceId: string, id: string): StoredArticle | null => {
    const row = db
      .select()
      .from(articles)
      .where(and(eq(articles.workspaceId, workspaceId), eq(articles.id, id)))
      .get();
    return row ? articleFromRow(row) : null;
  };

  return {
    ...createRiskStore(db),

    async findKeyByHash(hash) {
      const row = findKey.get({ hash });
      if (!row) return null;
      return { ...row, origins: row.origins ? (JSON.parse(row.origins) as string[]) : [] };
    },

    async findKeyById(id) {
      const row = keyHashById.get({ id });
      return row ? this.findKeyByHash(row.hash) : null;
    },

    async isOriginAllowed(origin) {
      const row = db
        .select({ one: sql<number>`1` })
        .from(apiKeyOrigins)
        .innerJoin(apiKeys, eq(apiKeys.id, apiKeyOrigins.keyId))
        .where(and(sql`${apiKeyOrigins.origin} in (${origin}, '*')`, isNull(apiKeys.revokedAt), eq(apiKeys.kind, 'pk')))
        .limit(1)
        .get();
      return row !== undefined;
    },

    insertEvents(workspaceId, rows) {
      return writeEvents(workspaceId, rows);
    },

    async getSettings(workspaceId) {
      const row = db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, workspaceId)).get();
      return (row?.settings as WorkspaceSettings | null | undefined) ?? null;
    },

    async putSettings(workspaceId, settings) {
      db.update(workspaces).set({ settings }).where(eq(workspaces.id, workspaceId)).run();
    },

    async listTips(workspaceId) {
      return db
        .select({ tip: tips.tip })
        .from(tips)
        .where(eq(tips.workspaceId, workspaceId))
        .orderBy(tips.id)
        .all()
        .map((r) => JSON.parse(r.tip) as Tip);
    },

    async getTip(workspaceId, id) {
      const row = db
        .select({ tip: tips.tip })
        .from(tips)
        .where(and(eq(tips.workspaceId, workspaceId), eq(tips.id, id)))
        .get();
      return row ? (JSON.parse(row.tip) as Tip) : null;
    },

    async putTip(workspaceId, tip, now) {
      return db.transaction((tx) => {
        const existed = tx
          .select({ id: tips.id })
          .from(tips)
          .where(and(eq(tips.workspaceId, workspaceId), eq(tips.id, tip.id)))
          .get();
        tx.insert(tips)
          .values({ workspaceId, id: tip.id, tip: JSON.stringify(tip), updatedAt: now })
          .onConflictDoUpdate({ target: [tips.workspaceId, tips.id], set: { tip: JSON.stringify(tip), updatedAt: now } })
          .run();
        return existed === undefined;
      });
    },

    async deleteTip(workspaceId, id) {
      return rowsChanged(db, db.delete(tips).where(and(eq(tips.workspaceId, workspaceId), eq(tips.id, id))).run()) > 0;
    },

    async listArticles(workspaceId) {
      return db.select().from(articles).where(eq(articles.workspaceId, workspaceId)).orderBy(articles.id).all().map(articleFromRow);
    },

    async getArticle(workspaceId, id) {
      return getArticleSync(workspaceId, id);
    },

    async putArticle(workspaceId, article, now) {
      return db.transaction(() => {
        const existed = getArticleSync(workspaceId, article.id) !== null;
        const values = { title: article.title, body: article.body, url: article.url ?? null, tags: article.tags ?? null, updatedAt: now };
        db.insert(articles)
          .values({ workspaceId, id: article.id, ...values })
          .onConflictDoUpdate({ target: [articles.workspaceId, articles.id], set: values })
          .run();
        bumpArticles(workspaceId);
        return !existed;
      });
    },

    async deleteArticle(workspaceId, id) {
      return db.transaction(() => {
        const deleted = rowsChanged(db, db.delete(articles).where(and(eq(articles.workspaceId, workspaceId), eq(articles.id, id))).run()) > 0;
        if (deleted) bumpArticles(workspaceId);
        return deleted;
      });
    },

    async articlesVersion(workspaceId) {
      return db.select({ v: workspaces.articlesVersion }).from(workspaces).where(eq(workspaces.id, workspaceId)).get()?.v ?? 0;
    },

    async accountContext(workspaceId, who, since) {
      // Scope to the account when there is one, else to the identified user; an anonymous visitor's own trail
      // already travels with the handoff.
      const eventScope = who.accountId
        ? eq(events.accountId, who.accountId)
        : who.userId
          ? eq(events.userId, who.userId)
          : undefined;
      const caseScope = who.accountId
        ? eq(cases.accountId, who.accountId)
        : who.userId
          ? eq(cases.userId, who.userId)
          : eq(cases.anonymousId, who.anonymousId);
      const counts: Record<string, number> = {};
      let usersSeen = 0;
      let recentSignals: AccountContext['recentSignals'] = [];
      if (eventScope) {
        const inWindow = and(eq(events.workspaceId, workspaceId), eventScope, gte(events.at, since));
        for (const r of db.select({ type: events.type, n: sql<number>`count(*)` }).from(events).where(inWindow).groupBy(events.type).all()) {
          counts[r.type] = r.n;
        }
        usersSeen = db.select({ n: sql<number>`count(distinct ${events.userId})` }).from(events).where(inWindow).get()?.n ?? 0;
        recentSignals = db
          .select({
            type: sql<string>`json_extract(${events.payload}, '$.signal.type')`,
            screen: sql<string | null>`coalesce(json_extract(${events.payload}, '$.signal.screen'), ${events.screen})`,
            at: events.at,
          })
          .from(events)
          .where(and(inWindow, eq(events.type, 'friction')))
          .orderBy(desc(events.at))
          .limit(20)
          .all();
      }
      const recentCases = db
        .select({ id: cases.id, reference: cases.reference, status: cases.status, createdAt: cases.createdAt, tryingTo: caseListColumns.tryingTo })
        .from(cases)
        .where(and(eq(cases.workspaceId, workspaceId), caseScope, gte(cases.createdAt, since)))
        .orderBy(desc(cases.createdAt))
        .limit(5)
        .all();
      return { accountId: who.accountId ?? null, userId: who.userId ?? null, usersSeen, eventCounts: counts, recentSignals, recentCases };
    },

    async createCase(workspaceId, input) {
      return db.transaction((tx) => {
        const existing = tx
          .select()
          .from(cases)
          .where(and(eq(cases.workspaceId, workspaceId), eq(cases.handoffId, input.handoff.id)))
          .get();
        if (existing) return { record: toCaseRecord(existing), created: false };
        const counter = tx
          .update(workspaces)
          .set({ nextCaseNumber: sql`${workspaces.nextCaseNumber} + 1` })
          .where(eq(workspaces.id, workspaceId))
          .returning({ next: workspaces.nextCaseNumber })
          .get();
        if (!counter) throw new Error(`workspace ${workspaceId} does not exist`);
        const number = counter.next - 1;
        const h = input.handoff;
        const row = tx
          .insert(cases)
          .values({
            id: input.id,
            workspaceId,
            handoffId: h.id,
            number,
            reference: `FS-${number}`,
            status: 'open',
            anonymousId: h.anonymousId,
            sessionId: h.sessionId,
            userId: h.userId ?? null,
            accountId: h.accountId ?? null,
            screen: h.screen ?? null,
            answers: h.answers,
            trail: h.trail,
            context: input.context,
            summary: input.summary,
            attachmentName: h.attachment?.name ?? null,
            attachmentType: h.attachment?.type ?? null,
            attachmentBase64: h.attachment?.dataBase64 ?? null,
            clientAt: Math.round(h.at),
            createdAt: input.createdAt,
          })
          .returning()
          .get();
        return { record: toCaseRecord(row), created: true };
      });
    },

    async listCases(workspaceId, filter) {
      const conditions = [eq(cases.workspaceId, workspaceId)];
      if (filter.accountId) conditions.push(eq(cases.accountId, filter.accountId));
      if (filter.status) conditions.push(eq(cases.status, filter.status));
      return db
        .select(caseListColumns)
        .from(cases)
        .where(and(...conditions))
        .orderBy(desc(cases.createdAt), desc(cases.number))
        .limit(filter.limit)
        .all() satisfies CaseListItem[];
    },

    async getCase(workspaceId, idOrReference) {
      const column = /^FS-\d+$/i.test(idOrReference) ? cases.reference : cases.id;
      const row = db
        .select()
        .from(cases)
        .where(and(eq(cases.workspaceId, workspaceId), eq(column, idOrReference.toUpperCase().startsWith('FS-') ? idOrReference.toUpperCase() : idOrReference)))
        .get();
      return row ? toCaseRecord(row) : null;
    },

    async accountTimeline(workspaceId, accountId, limit) {
      const eventRows = db
        .select()
        .from(events)
        .where(and(eq(events.workspaceId, workspaceId), eq(events.accountId, accountId)))
        .orderBy(desc(events.at))
        .limit(limit)
        .all();
      const caseRows = db
        .select(caseListColumns)
        .from(cases)
        .where(and(eq(cases.workspaceId, workspaceId), eq(cases.accountId, accountId)))
        .orderBy(desc(cases.createdAt))
        .limit(limit)
        .all();
      const timeline: TimelineEvent[] = eventRows.map((r) => ({
        id: r.id,
        type: r.type,
        at: r.at,
        userId: r.userId,
        screen: r.screen,
        clockSkew: r.clockSkew,
        event: JSON.parse(r.payload) as unknown,
      }));
      const account = db.select().from(accounts).where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId))).get();
      const userRows = db.select().from(users).where(and(eq(users.workspaceId, workspaceId), eq(users.accountId, accountId))).orderBy(asc(users.id)).limit(limit).all();
      const ticketRows = db
        .select({ row: tickets, messageCount })
        .from(tickets)
        .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.accountId, accountId)))
        .orderBy(desc(tickets.createdAt))
        .limit(limit)
        .all();
      const historyRows = db
        .select()
        .from(ticketEvents)
        .where(and(eq(ticketEvents.workspaceId, workspaceId), eq(ticketEvents.accountId, accountId)))
        .orderBy(desc(ticketEvents.at))
        .limit(limit)
        .all();
      return {
        account: account ? accountFromRow(account) : null,
        users: userRows.map(userFromRow),
        events: timeline,
        cases: caseRows,
        tickets: ticketRows.map((r) => ticketFromRow(r.row, r.messageCount)),
        ticketEvents: historyRows.map(
          (r): TicketEventRecord => ({ id: r.id, ticketId: r.ticketId, type: r.type, fromStatus: r.fromStatus, toStatus: r.toStatus, csatScore: r.csatScore, at: r.at, source: r.source }),
        ),
      };
    },

    async upsertAccounts(workspaceId, list, now) {
      return db.transaction(() => context.accounts(workspaceId, list, now));
    },

    async upsertUsers(workspaceId, list, now) {
      return db.transaction(() => context.users(workspaceId, list, now));
    },

    async upsertTickets(workspaceId, list, source, now) {
      return db.transaction(() => context.tickets(workspaceId, list, source, now));
    },

    async getTicket(workspaceId, id) {
      const row = db
        .select({ row: tickets, messageCount })
        .from(tickets)
        .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)))
        .get();
      if (!row) return null;
      const messages = db
        .select()
        .from(ticketMessages)
        .where(and(eq(ticketMessages.workspaceId, workspaceId), eq(ticketMessages.ticketId, id)))
        .orderBy(asc(ticketMessages.at), asc(ticketMessages.id))
        .all()
        .map((m) => ({ id: m.id, author: m.author, authorId: m.authorId, text: m.body, public: m.public, at: m.at }));
      return { ...ticketFromRow(row.row, row.messageCount), messages };
    },

    async listWebhookSources(workspaceId) {
      return db.select().from(webhookSources).where(eq(webhookSources.workspaceId, workspaceId)).orderBy(asc(webhookSources.name)).all().map(webhookSourceFromRow);
    },

    async getWebhookSource(workspaceId, name) {
      const row = db.select().from(webhookSources).where(and(eq(webhookSources.workspaceId, workspaceId), eq(webhookSources.name, name))).get();
      return row ? webhookSourceFromRow(row) : null;
    },

    async findWebhookSource(id) {
      const row = db.select().from(webhookSources).where(eq(webhookSources.id, id)).get();
      return row ? webhookSourceFromRow(row) : null;
    },

    async putWebhookSource(record) {
      return db.transaction(() => {
        const existed = db.select({ id: webhookSources.id }).from(webhookSources).where(eq(webhookSources.id, record.id)).get() !== undefined;
        const values = { name: record.name, kind: record.kind, mapping: record.mapping, secrets: record.secrets, updatedAt: record.updatedAt };
        db.insert(webhookSources)
          .values({ id: record.id, workspaceId: record.workspaceId, createdAt: record.createdAt, ...values })
          .onConflictDoUpdate({ target: webhookSources.id, set: values })
          .run();
        return !existed;
      });
    },

    async deleteWebhookSource(workspaceId, name) {
      return db.transaction(() => {
        const row = db.select({ id: webhookSources.id }).from(webhookSources).where(and(eq(webhookSources.workspaceId, workspaceId), eq(webhookSources.name, name))).get();
        if (!row) return false;
        db.delete(webhookDeliveries).where(eq(webhookDeliveries.sourceId, row.id)).run();
        db.delete(webhookSources).where(eq(webhookSources.id, row.id)).run();
        return true;
      });
    },

    async applyWebhookDelivery(workspaceId, delivery, changes, now) {
      return db.transaction(() => {
        const fresh = rowsChanged(
          db,
          db.insert(webhookDeliveries).values({ sourceId: delivery.sourceId, deliveryId: delivery.deliveryId, workspaceId, receivedAt: now }).onConflictDoNothing().run(),
        );
        if (!fresh) return { duplicate: true as const };
        return {
          duplicate: false as const,
          accounts: context.accounts(workspaceId, changes.accounts ?? [], now),
          tickets: context.tickets(workspaceId, changes.tickets ?? [], changes.ticketSource, now),
        };
      });
    },
  };
}

function articleFromRow(row: typeof articles.$inferSelect): StoredArticle {
  const a: StoredArticle = { id: row.id, title: row.title, body: row.body, updatedAt: row.updatedAt };
  if (row.url !== null) a.url = row.url;
  if (row.tags) a.tags = row.tags;
  return a;
}

export interface KeySummary {
  id: string;
  workspaceId: string;
  kind: KeyKind;
  prefix: string;
  origins: string[];
  createdAt: number;
  revokedAt: number | null;
}

/** Workspace and key administration: the Node runtime's first start and `npm run keys`. Not reachable over HTTP. */
export function createKeyAdmin(db: EdgeDatabase) {
  return {
    listWorkspaces() {
      return db.select().from(workspaces).orderBy(workspaces.createdAt).all();
    },

    createWorkspace(name: string, now: number): string {
      const id = randomId('ws');
      db.insert(workspaces).values({ id, name, createdAt: now }).run();
      return id;
    },

    /** Creates a key and returns it in full: the only time it is ever visible. */
    async createKey(workspaceId: string, kind: KeyKind, origins: string[], now: number): Promise<{ id: string; key: string }> {
      const key = generateKey(kind);
      const hash = await hashKey(key);
      const id = randomId('key');
      db.transaction((tx) => {
        tx.insert(apiKeys).values({ id, workspaceId, kind, hash, prefix: keyPrefix(key), createdAt: now }).run();
        for (const origin of new Set(origins)) tx.insert(apiKeyOrigins).values({ keyId: id, origin }).run();
      });
      return { id, key };
    },

    listKeys(): KeySummary[] {
      const rows = db.select().from(apiKeys).orderBy(apiKeys.createdAt).all();
      const origins = db.select().from(apiKeyOrigins).all();
      return rows.map((r) => ({
        id: r.id,
        workspaceId: r.workspaceId,
        kind: r.kind,
        prefix: r.prefix,
        origins: origins.filter((o) => o.keyId === r.id).map((o) => o.origin),
        createdAt: r.createdAt,
        revokedAt: r.revokedAt,
      }));
    },

    /** Resolves false when there is no such live key. */
    revokeKey(id: string, now: number): boolean {
      return db.update(apiKeys).set({ revokedAt: now }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).run().changes > 0;
    },
  };
}

export type KeyAdmin = ReturnType<typeof createKeyAdmin>;
export type { ApiKeyRecord, Article, EventRow };
