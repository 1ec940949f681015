// One workspace's data in a Durable Object's SQLite: the same schema, migrations and store code as the Node
// runtime, behind the one writer the workspace has. The Worker reaches it over RPC (./store.ts).
import { DurableObject } from 'cloudflare:workers';
import { and, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/durable-sqlite';
import { migrate } from 'drizzle-orm/durable-sqlite/migrator';
import * as schema from '../../db/schema';
import { webhookDeliveries, workspaces } from '../../db/schema';
import { createSqliteStore } from '../../db/sqliteStore';
import type { EventRow, InsertResult, Store } from '../../store';
import type { WorkerBindings } from './env';
import { MIGRATIONS } from './migrations';

/**
 * Events touching accounts are processed this long after the first of them is stored, so a burst of batches costs
 * one pass over its accounts rather than one per batch.
 */
export const ACCOUNT_PROCESSING_DELAY_MS = 2_000;

/** Where processAccounts() got to: the highest events rowid it has seen. */
const ACCOUNTS_CURSOR = 'processAccounts.cursor';

export class WorkspaceObject extends DurableObject<WorkerBindings> {
  private readonly db;
  private readonly store: Store;
  /** The workspace whose row is in this object's database, once it has one. */
  private workspaceId: string | null = null;

  constructor(ctx: DurableObjectState, env: WorkerBindings) {
    super(ctx, env);
    this.db = drizzle(ctx.storage, { schema });
    this.store = createSqliteStore(this.db);
    // No call runs before the schema is current.
    void ctx.blockConcurrencyWhile(async () => {
      await migrate(this.db, MIGRATIONS);
      this.workspaceId = this.db.select({ id: workspaces.id }).from(workspaces).limit(1).get()?.id ?? null;
    });
  }

  /**
   * Checks that `workspaceId` is the one this object is named after, and on the first call copies the workspace's
   * row from the directory (the store's tables refer to it, and it carries settings and counters).
   */
  private async own(workspaceId: unknown): Promise<string> {
    if (typeof workspaceId !== 'string' || !this.ctx.id.equals(this.env.WORKSPACES.idFromName(workspaceId))) {
      throw new Error(`This object does not hold workspace ${JSON.stringify(workspaceId)}.`);
    }
    if (this.workspaceId === workspaceId) return workspaceId;
    const row = await this.env.DB.prepare('select id, name, created_at from workspaces where id = ?')
      .bind(workspaceId)
      .first<{ id: string; name: string; created_at: number }>();
    if (!row) throw new Error(`Workspace ${workspaceId} is not in the directory.`);
    this.db.insert(workspaces).values({ id: row.id, name: row.name, createdAt: row.created_at }).onConflictDoNothing().run();
    this.workspaceId = workspaceId;
    return workspaceId;
  }

  /**
   * Runs one workspace-scoped Store method on this workspace's data; its first argument is the workspace id. Any
   * method the store has is callable, so a new one needs no code here.
   */
  async call(method: string, args: unknown[]): Promise<unknown> {
    if (!Object.hasOwn(this.store, method)) throw new TypeError(`The store has no method ${method}.`);
    await this.own(args[0]);
    const fn = (this.store as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!;
    return fn.apply(this.store, args);
  }

  /** Stores a batch from the events queue, then has the accounts it touched processed shortly after. */
  async ingest(workspaceId: string, rows: EventRow[]): Promise<InsertResult> {
    await this.own(workspaceId);
    const result = await this.store.insertEvents(workspaceId, rows);
    if (result.accepted > 0 && rows.some((r) => r.accountId !== null) && (await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(Date.now() + ACCOUNT_PROCESSING_DELAY_MS);
    }
    return result;
  }

  /** Drops the applied delivery ids of a webhook source the directory has deleted. */
  async forgetDeliveries(workspaceId: string, sourceId: string): Promise<void> {
    await this.own(workspaceId);
    this.db.delete(webhookDeliveries).where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.sourceId, sourceId))).run();
  }

  override async alarm(): Promise<void> {
    await this.processAccounts();
  }

  /**
   * The accounts with events stored since the previous call, each once; the cursor moves only when this returns,
   * so a pass that throws is retried with the same accounts (alarms retry on failure).
   *
   * Hook for the risk pipeline (edge/risk): score each of these accounts and fire their triggers here, in this
   * object, which is the only writer of their risk state, triggers and outbox.
   */
  async processAccounts(): Promise<string[]> {
    const cursor = this.ctx.storage.kv.get<number>(ACCOUNTS_CURSOR) ?? 0;
    const touched = this.db.all<{ account_id: string }>(
      sql`select distinct account_id from events where rowid > ${cursor} and account_id is not null order by account_id`,
    );
    const last = this.db.get<{ last: number | null }>(sql`select max(rowid) as last from events`)?.last ?? cursor;
    this.ctx.storage.kv.put(ACCOUNTS_CURSOR, last);
    return touched.map((r) => r.account_id);
  }

  /**
   * Hook for the outbox dispatcher (edge/delivery): deliver this workspace's outbox rows due at `now` through this
   * object's store as the OutboxPort. The cron trigger calls it for every workspace each minute, for retries. There
   * is no outbox in the store yet, so nothing is ever due.
   */
  async dispatchDue(now: number): Promise<{ due: number; now: number }> {
    return { due: 0, now };
  }
}
