// One workspace's data in a Durable Object's SQLite: the same schema, migrations and store code as the Node
// runtime, behind the one writer the workspace has. The Worker reaches it over RPC (./store.ts).
import { DurableObject } from 'cloudflare:workers';
import { and, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/durable-sqlite';
import { migrate } from 'drizzle-orm/durable-sqlite/migrator';
import * as schema from '../../db/schema';
import { webhookDeliveries, workspaces } from '../../db/schema';
import { createSqliteStore } from '../../db/sqliteStore';
import type { EventRow, InsertResult, Store, TicketUpsert } from '../../store';
import type { AccountUpsert, UserUpsert, WebhookChanges } from '../../store';
import { createDispatcher, type Dispatcher } from '../../delivery/dispatcher';
import { createRiskPipeline, type RiskPipeline } from '../../pipeline/riskPipeline';
import type { WorkerBindings } from './env';
import { MIGRATIONS } from './migrations';
import { workerAi } from './ai';
import { analyzeMessageOffline } from '../../ai';
import { RISK_LOOKBACK_DAYS } from '../../risk/types';

/**
 * Events touching accounts are processed this long after the first of them is stored, so a burst of batches costs
 * one pass over its accounts rather than one per batch.
 */
export const ACCOUNT_PROCESSING_DELAY_MS = 2_000;

/** Where processAccounts() got to: the highest events rowid it has seen. */
const ACCOUNTS_CURSOR = 'processAccounts.cursor';
/** Accounts other changes touched (tickets, CRM, cases) and the alarm has not scored yet: kept in storage, so an eviction loses none. */
const DIRTY_ACCOUNTS = 'risk.dirty';
/** A rule or the thresholds changed: the next alarm re-scores every account that may be at risk. */
const SWEEP = 'risk.sweep';

/** Which accounts a store write touched, from its arguments (the workspace id is the first). */
const TOUCHES: Partial<Record<keyof Store, (args: unknown[], store: Store) => Promise<Array<string | null | undefined>> | 'sweep'>> = {
  upsertAccounts: async (a) => (a[1] as AccountUpsert[]).map((x) => x.id),
  upsertUsers: async (a) => (a[1] as UserUpsert[]).map((x) => x.accountId),
  upsertTickets: async (a, s) => s.ticketAccounts(a[0] as string, (a[1] as TicketUpsert[]).map((t) => t.id)),
  applyWebhookDelivery: async (a, s) => {
    const c = a[2] as WebhookChanges;
    return [...(c.accounts ?? []).map((x) => x.id), ...(await s.ticketAccounts(a[0] as string, (c.tickets ?? []).map((t) => t.id)))];
  },
  createCase: async (a) => [(a[1] as { handoff: { accountId?: string } }).handoff.accountId],
  putRule: () => 'sweep',
  deleteRule: () => 'sweep',
  putSettings: () => 'sweep',
};

export class WorkspaceObject extends DurableObject<WorkerBindings> {
  private readonly db;
  private readonly store: Store;
  private readonly pipeline: RiskPipeline;
  private readonly dispatcher: Dispatcher;
  /** The workspace whose row is in this object's database, once it has one. */
  private workspaceId: string | null = null;

  constructor(ctx: DurableObjectState, env: WorkerBindings) {
    super(ctx, env);
    this.db = drizzle(ctx.storage, { schema });
    const clock = { now: () => Date.now() };
    const logger = {
      info: (line: Record<string, unknown>) => console.log(JSON.stringify({ level: 'info', ...line })),
      error: (line: Record<string, unknown>) => console.error(JSON.stringify({ level: 'error', ...line })),
    };
    // Model answers are cached in this workspace's own database, as on Node.
    const cache = { get: (k: string) => this.store.aiCacheGet(k), set: (k: string, v: string) => this.store.aiCacheSet(k, v, clock.now()) };
    const { ai, highValueRefund } = workerAi(env, logger, cache);
    this.store = createSqliteStore(this.db, { analyzeMessage: (text) => analyzeMessageOffline(text, { highValueRefund }) });
    // Rules fire here, in the workspace's one writer; what they send goes out from here too (and on the cron's retries).
    this.pipeline = createRiskPipeline({ store: this.store, clock, logger, ai });
    // Names cannot be resolved on Workers: literal addresses are still checked, and no private one is allowed.
    this.dispatcher = createDispatcher({ port: this.store, lookup: null, clock, allowPrivateAddresses: 'none', logger });
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
    const result = await fn.apply(this.store, args);
    const touches = TOUCHES[method as keyof Store];
    if (touches) {
      const touched = await touches(args, this.store);
      if (touched === 'sweep') this.ctx.storage.kv.put(SWEEP, true);
      else {
        const dirty = new Set(this.ctx.storage.kv.get<string[]>(DIRTY_ACCOUNTS) ?? []);
        for (const a of touched) if (a) dirty.add(a);
        this.ctx.storage.kv.put(DIRTY_ACCOUNTS, [...dirty]);
      }
      await this.scheduleProcessing();
    }
    if (method === 'retryTrigger' && result) await this.scheduleProcessing();
    return result;
  }

  private async scheduleProcessing(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + ACCOUNT_PROCESSING_DELAY_MS);
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

  /**
   * The alarm: score the accounts events and other changes touched (or, after a rule or threshold change, every
   * account that may be at risk), fire their rules, then deliver what is due. A pass that throws is retried by the
   * alarm with the same accounts, since the cursor and the dirty set move only at the end.
   */
  override async alarm(): Promise<void> {
    const workspaceId = this.workspaceId;
    if (!workspaceId) return;
    const dirty = this.ctx.storage.kv.get<string[]>(DIRTY_ACCOUNTS) ?? [];
    const sweep = this.ctx.storage.kv.get<boolean>(SWEEP) === true;
    const accounts = new Set([...(await this.processAccounts()), ...dirty]);
    if (sweep) for (const a of await this.store.accountsToSweep(workspaceId, Date.now() - RISK_LOOKBACK_DAYS * 86_400_000)) accounts.add(a);
    for (const accountId of [...accounts].sort()) await this.pipeline.evaluate(workspaceId, accountId);
    this.ctx.storage.kv.delete(DIRTY_ACCOUNTS);
    this.ctx.storage.kv.delete(SWEEP);
    await this.dispatchDue(Date.now());
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
   * Delivers this workspace's outbox rows due now through this object's store as the outbox port: after rules fire
   * (the alarm), and for retries when the cron trigger calls it each minute. Rounds run until nothing due is left.
   */
  async dispatchDue(now: number): Promise<{ due: number; now: number }> {
    let due = 0;
    for (let round = 0; round < 50; round++) {
      const counts = await this.dispatcher.runOnce();
      due += counts.claimed;
      if (!counts.claimed) break;
    }
    return { due, now };
  }
}
