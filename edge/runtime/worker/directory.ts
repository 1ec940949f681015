// The global directory on D1: API keys and their origins, and webhook sources, which name their workspace. Read on
// nearly every request, so answers are remembered in the isolate for a few seconds.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../db/schema';
import { apiKeyOrigins, apiKeys, webhookSources } from '../../db/schema';
import { apiKeyColumns } from '../../db/sqliteStore';
import { KEY_CACHE_MS } from '../../http/auth';
import type { Store, WebhookSourceRecord } from '../../store';

/** The Store methods the directory answers; every other one belongs to a workspace's object. */
export const DIRECTORY_METHODS = [
  'findKeyByHash',
  'findKeyById',
  'isOriginAllowed',
  'findWebhookSource',
  'listWebhookSources',
  'getWebhookSource',
  'putWebhookSource',
  'deleteWebhookSource',
] as const satisfies ReadonlyArray<keyof Store>;

export type Directory = Pick<Store, (typeof DIRECTORY_METHODS)[number]>;

/** Bounds what a flood of distinct origins or ids can make an isolate remember. */
const CACHE_ENTRIES = 10_000;

function ttlCache<V>(ttlMs: number, now: () => number) {
  const entries = new Map<string, { value: V; until: number }>();
  return {
    async get(key: string, load: () => Promise<V>): Promise<V> {
      const hit = entries.get(key);
      if (hit && hit.until > now()) return hit.value;
      const value = await load();
      if (entries.size >= CACHE_ENTRIES) entries.clear();
      entries.set(key, { value, until: now() + ttlMs });
      return value;
    },
    forget(key: string) {
      entries.delete(key);
    },
  };
}

function sourceFromRow(r: typeof webhookSources.$inferSelect): WebhookSourceRecord {
  return { id: r.id, workspaceId: r.workspaceId, name: r.name, kind: r.kind, mapping: r.mapping, secrets: r.secrets, createdAt: r.createdAt, updatedAt: r.updatedAt };
}

export interface DirectoryDeps {
  now: () => number;
  /** Drops what the workspace's object remembers of a deleted source (its applied delivery ids). */
  forgetDeliveries(workspaceId: string, sourceId: string): Promise<void>;
  /** How long an answer is remembered; as long as a key, so a revoked key and its origins stop together. */
  cacheMs?: number;
}

export function createDirectory(d1: D1Database, deps: DirectoryDeps): Directory {
  const db = drizzle(d1, { schema });
  const ttl = deps.cacheMs ?? KEY_CACHE_MS;
  const origins = ttlCache<boolean>(ttl, deps.now);
  const sources = ttlCache<WebhookSourceRecord | null>(ttl, deps.now);

  return {
    async findKeyByHash(hash) {
      const row = await db.select(apiKeyColumns).from(apiKeys).where(eq(apiKeys.hash, hash)).get();
      if (!row) return null;
      return { ...row, origins: row.origins ? (JSON.parse(row.origins) as string[]) : [] };
    },

    async findKeyById(id) {
      // A console session names its key by id; the record (origins included) is read as findKeyByHash reads it.
      const row = await db.select(apiKeyColumns).from(apiKeys).where(eq(apiKeys.id, id)).get();
      if (!row) return null;
      return { ...row, origins: row.origins ? (JSON.parse(row.origins) as string[]) : [] };
    },

    isOriginAllowed(origin) {
      // The same query as the SQLite store's, awaited: D1 is asynchronous.
      return origins.get(origin, async () => {
        const row = await db
          .select({ one: sql<number>`1` })
          .from(apiKeyOrigins)
          .innerJoin(apiKeys, eq(apiKeys.id, apiKeyOrigins.keyId))
          .where(and(sql`${apiKeyOrigins.origin} in (${origin}, '*')`, isNull(apiKeys.revokedAt), eq(apiKeys.kind, 'pk')))
          .limit(1)
          .get();
        return row !== undefined;
      });
    },

    findWebhookSource(id) {
      return sources.get(id, async () => {
        const row = await db.select().from(webhookSources).where(eq(webhookSources.id, id)).get();
        return row ? sourceFromRow(row) : null;
      });
    },

    async listWebhookSources(workspaceId) {
      const rows = await db.select().from(webhookSources).where(eq(webhookSources.workspaceId, workspaceId)).orderBy(asc(webhookSources.name)).all();
      return rows.map(sourceFromRow);
    },

    async getWebhookSource(workspaceId, name) {
      const row = await db.select().from(webhookSources).where(and(eq(webhookSources.workspaceId, workspaceId), eq(webhookSources.name, name))).get();
      return row ? sourceFromRow(row) : null;
    },

    async putWebhookSource(record) {
      const values = { name: record.name, kind: record.kind, mapping: record.mapping, secrets: record.secrets, updatedAt: record.updatedAt };
      // A D1 batch is one transaction: whether it existed is read in the same one that writes it.
      const [existed] = await db.batch([
        db.select({ id: webhookSources.id }).from(webhookSources).where(eq(webhookSources.id, record.id)),
        db
          .insert(webhookSources)
          .values({ id: record.id, workspaceId: record.workspaceId, createdAt: record.createdAt, ...values })
          .onConflictDoUpdate({ target: webhookSources.id, set: values }),
      ]);
      sources.forget(record.id);
      return existed.length === 0;
    },

    async deleteWebhookSource(workspaceId, name) {
      const where = and(eq(webhookSources.workspaceId, workspaceId), eq(webhookSources.name, name));
      const deleted = await db.delete(webhookSources).where(where).returning({ id: webhookSources.id }).all();
      const id = deleted[0]?.id;
      if (id === undefined) return false;
      sources.forget(id);
      // The source is gone first, so no delivery is applied after its replay protection is dropped.
      await deps.forgetDeliveries(workspaceId, id);
      return true;
    },
  };
}
