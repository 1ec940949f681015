// A real app on a real (in-memory) SQLite database with one workspace and its keys, for route tests.
import { createApp, type AppOptions } from '../app';
import { openDatabase } from '../db/sqlite';
import { createKeyAdmin, createSqliteStore } from '../db/sqliteStore';
import { createDispatcher } from '../delivery/dispatcher';
import { backgroundOf } from '../pipeline/background';
import { createRiskPipeline } from '../pipeline/riskPipeline';
import { NOW, ORIGIN, type SetupHarness, type StoredEvent } from './fixtures';

export { batch, event, NOW, ORIGIN, OTHER_ORIGIN } from './fixtures';

export interface HarnessOptions {
  /** Run the risk pipeline and the dispatcher (on the harness clock); tests await `pipeline.idle()` and call `dispatcher.runOnce()`. */
  background?: boolean;
}

export async function setup(options: AppOptions = {}, harness: HarnessOptions = {}) {
  const db = openDatabase(':memory:');
  const admin = createKeyAdmin(db);
  const workspaceId = admin.createWorkspace('Test', NOW);
  const pk = (await admin.createKey(workspaceId, 'pk', [ORIGIN], NOW)).key;
  const sk = (await admin.createKey(workspaceId, 'sk', [], NOW)).key;
  const clock = { t: NOW, now: () => clock.t };
  const logs: Array<Record<string, unknown>> = [];
  const store = createSqliteStore(db);
  const logger = { info: (l: Record<string, unknown>) => logs.push(l), error: (l: Record<string, unknown>) => logs.push({ ...l, level: 'error' }) };
  const dispatcher = createDispatcher({ port: store, lookup: null, clock, random: () => 0.5, allowPrivateAddresses: 'loopback', logger });
  const pipeline = createRiskPipeline({ store, clock, logger, debounceMs: 0, minIntervalMs: 0, onOutbox: () => {}, consoleUrl: 'http://edge.test' });
  const app = createApp({
    store,
    clock,
    logger,
    ...(harness.background ? { background: backgroundOf(pipeline, dispatcher) } : {}),
    options,
  });

  const request = async (path: string, init: RequestInit = {}): Promise<Response> => app.request(`http://edge.test${path}`, init);
  const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
    });

  /** Row counts and settings of every table a request could change: equal before and after means nothing changed. */
  const state = () => {
    const sqlite = db.$client;
    const count = (t: string) => (sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
    return {
      events: count('events'),
      cases: count('cases'),
      tips: count('tips'),
      articles: count('articles'),
      keys: count('api_keys'),
      accounts: count('accounts'),
      users: count('users'),
      tickets: count('tickets'),
      ticketMessages: count('ticket_messages'),
      ticketEvents: count('ticket_events'),
      webhookSources: count('webhook_sources'),
      webhookDeliveries: count('webhook_deliveries'),
      rules: sqlite.prepare('select * from rules order by id').all(),
      triggers: sqlite.prepare('select * from triggers order by id').all(),
      outbox: sqlite.prepare('select * from outbox order by id').all(),
      destinations: sqlite.prepare('select * from destinations order by id').all(),
      cooldowns: count('rule_cooldowns'),
      contextRows: sqlite.prepare('select * from accounts order by id').all().concat(sqlite.prepare('select * from users order by id').all(), sqlite.prepare('select * from tickets order by id').all()),
      sourceRows: sqlite.prepare('select * from webhook_sources order by id').all(),
      workspaces: sqlite.prepare('select settings, articles_version, next_case_number from workspaces').all(),
    };
  };
  const storedEvents = () =>
    db.$client.prepare('select * from events order by id').all() as StoredEvent[];

  return { db, admin, store, app, clock, logs, workspaceId, pk, sk, request, json, state, storedEvents, pipeline, dispatcher };
}

export type Harness = Awaited<ReturnType<typeof setup>>;

/** The Node runtime's harness for the contract tests that every runtime passes (edge/routes/*.contract.ts). */
export const nodeHarness: SetupHarness = async (options) => {
  const h = await setup(options);
  return {
    runtime: 'node',
    ingest: 'store',
    workspaceId: h.workspaceId,
    pk: h.pk,
    sk: h.sk,
    clock: h.clock,
    logs: h.logs,
    request: h.request,
    json: h.json,
    state: async () => h.state(),
    storedEvents: async () => h.storedEvents(),
    async revokeKey(kind) {
      const key = h.admin.listKeys().find((k) => k.workspaceId === h.workspaceId && k.kind === kind && k.revokedAt === null)!;
      h.admin.revokeKey(key.id, h.clock.now());
    },
    async otherWorkspace() {
      const workspaceId = h.admin.createWorkspace('Other', NOW);
      return { workspaceId, sk: (await h.admin.createKey(workspaceId, 'sk', [], NOW)).key };
    },
  };
};
