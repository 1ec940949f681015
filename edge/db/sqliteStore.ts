// The Store on better-sqlite3 through Drizzle, plus the workspace and key administration used by the Node runtime and `npm run keys`.
import { and, desc, eq, getTableName, gte, isNull, sql } from 'drizzle-orm';
import type { DiagnosticTrail, HandoffRequest, Tip } from '../../sdk/wire';
import { generateKey, hashKey, keyPrefix, randomId, type KeyKind } from '../keys';
import type { AccountContext, ApiKeyRecord, CaseListItem, CaseRecord, EventRow, InsertResult, NewCase, Store, StoredArticle, TimelineEvent } from '../store';
import type { Article, WorkspaceSettings } from '../wire-schemas';
import { apiKeyOrigins, apiKeys, articles, cases, events, tips, workspaces } from './schema';
import type { EdgeDatabase } from './sqlite';

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

export function createSqliteStore(db: EdgeDatabase): Store {
  // The ingest path runs thousands of times a second: its statement is prepared once, on the driver itself, since
  // drizzle's placeholder mapping cost a tenth of the request. Columns follow the schema in ./schema.ts.
  const insertEvent = db.$client.prepare(
    `insert into ${getTableName(events)} (workspace_id, id, type, at, client_at, received_at, clock_skew, anonymous_id, session_id, user_id, account_id, screen, payload)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
  );
  const insertBatch = (workspaceId: string, rows: EventRow[]): InsertResult => {
    let accepted = 0;
    for (const r of rows) {
      accepted += insertEvent.run(workspaceId, r.id, r.type, r.at, r.clientAt, r.receivedAt, r.clockSkew ? 1 : 0, r.anonymousId, r.sessionId, r.userId, r.accountId, r.screen, r.payload).changes;
    }
    return { accepted, duplicates: rows.length - accepted };
  };
  const commitGroup = db.$client.transaction((jobs: IngestJob[]) => jobs.map((j) => insertBatch(j.workspaceId, j.rows)));
  const commitOne = db.$client.transaction((job: IngestJob) => insertBatch(job.workspaceId, job.rows));

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

  const findKey = db
    .select({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      kind: apiKeys.kind,
      hash: apiKeys.hash,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
      origins: sql<string | null>`(select json_group_array(${apiKeyOrigins.origin}) from ${apiKeyOrigins} where ${apiKeyOrigins.keyId} = ${apiKeys.id})`,
    })
    .from(apiKeys)
    .where(eq(apiKeys.hash, sql.placeholder('hash')))
    .prepare();

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
    async findKeyByHash(hash) {
      const row = findKey.get({ hash });
      if (!row) return null;
      return { ...row, origins: row.origins ? (JSON.parse(row.origins) as string[]) : [] };
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
      return new Promise<InsertResult>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ workspaceId, rows, resolve, reject });
      });
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
      return db.delete(tips).where(and(eq(tips.workspaceId, workspaceId), eq(tips.id, id))).run().changes > 0;
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
        const deleted = db.delete(articles).where(and(eq(articles.workspaceId, workspaceId), eq(articles.id, id))).run().changes > 0;
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
      return { events: timeline, cases: caseRows };
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
