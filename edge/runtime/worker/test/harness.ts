// The Workers runtime's harness for the contract tests: the app on real D1, Durable Objects and queue handler in
// workerd. What the app enqueues is handed to the queue handler before the request returns, so a test sees it stored.
import { createExecutionContext, createMessageBatch, getQueueResult, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createApp, type Logger } from '../../../app';
import { NOW, ORIGIN, RATE_LIMIT_BURST, type SetupHarness, type StoredEvent } from '../../../test/fixtures';
import { eventConsumer } from '../../worker';
import { newWorkspaceSql, revokeKeySql } from '../directoryAdmin';
import { readWorkerEnv, type WorkerBindings } from '../env';
import { consumeEvents, queueIngest, type EventMessage } from '../ingest';
import { bindingRateLimiter } from '../rateLimit';
import { createWorkerStore, workspaceObject } from '../store';

/** The test configuration's extra bindings (vitest.config.ts). */
export const testEnv = env as unknown as WorkerBindings & { TEST_KEY_RATE_LIMIT: RateLimit };

export async function runSql(statements: string[]): Promise<void> {
  await testEnv.DB.batch(statements.map((s) => testEnv.DB.prepare(s)));
}

/** What getQueueResult reports for a batch. */
export interface QueueResult {
  outcome: string;
  ackAll: boolean;
  retryBatch: { retry: boolean; delaySeconds?: number };
  explicitAcks: string[];
  retryMessages: Array<{ msgId: string; delaySeconds?: number }>;
}

let messageSeq = 0;

/**
 * Runs `handle` on a batch made of `bodies` (delivered for the `attempts`-th time) and reports what it acked and
 * retried, with each retry's delay (getQueueResult does not report delays, so the messages are watched).
 */
export async function deliver<T>(bodies: T[], handle: (batch: MessageBatch<T>, ctx: ExecutionContext) => Promise<void>, attempts = 1) {
  const messages = bodies.map((body) => ({ id: `msg-${++messageSeq}`, timestamp: new Date(NOW), attempts, body }));
  const batch = createMessageBatch<T>('forestall-events', messages);
  const delays: Record<string, number | undefined> = {};
  const watched: MessageBatch<T> = {
    queue: batch.queue,
    metadata: batch.metadata,
    ackAll: () => batch.ackAll(),
    retryAll: (options) => batch.retryAll(options),
    messages: batch.messages.map((m) => ({
      id: m.id,
      timestamp: m.timestamp,
      body: m.body,
      attempts: m.attempts,
      ack: () => m.ack(),
      retry: (options?: QueueRetryOptions) => {
        delays[m.id] = options?.delaySeconds;
        m.retry(options);
      },
    })),
  };
  const ctx = createExecutionContext();
  await handle(watched, ctx);
  return { ids: messages.map((m) => m.id), result: (await getQueueResult(batch, ctx)) as QueueResult, delays };
}

/** Rows of the workspace object's own tables, read in the object. */
export function inObject<R>(workspaceId: string, read: (sql: SqlStorage) => R): Promise<R> {
  return runInDurableObject(workspaceObject(testEnv, workspaceId), (_, state) => read(state.storage.sql));
}

const count = (sql: SqlStorage, table: string) => sql.exec<{ n: number }>(`select count(*) as n from ${table}`).one().n;

export const workerHarness: SetupHarness = async (options = {}) => {
  const { workspaceId, pk, sk, statements } = await newWorkspaceSql('Test', [ORIGIN], NOW);
  await runSql(statements);
  const clock = { t: NOW, now: () => clock.t };
  const logs: Array<Record<string, unknown>> = [];
  const logger: Logger = { info: (l) => logs.push(l), error: (l) => logs.push({ ...l, level: 'error' }) };
  const consumerLogs: Array<Record<string, unknown>> = [];
  const quiet: Logger = { info: (l) => consumerLogs.push(l), error: (l) => consumerLogs.push(l) };

  // The route's real packing and counting, with the messages kept for the handler instead of a queue.
  const queued: EventMessage[] = [];
  const queue = {
    async sendBatch(messages: Iterable<MessageSendRequest<EventMessage>>) {
      for (const m of messages) queued.push(structuredClone(m.body));
    },
  } as unknown as Queue<EventMessage>;

  const { rateLimit, ...appOptions } = options;
  if (rateLimit && rateLimit.burst !== RATE_LIMIT_BURST) throw new Error(`The Workers harness limits a key to ${RATE_LIMIT_BURST} requests (TEST_KEY_RATE_LIMIT).`);
  const app = createApp({
    store: createWorkerStore(testEnv, clock.now),
    clock,
    logger,
    ingest: queueIngest(queue, logger),
    ...(rateLimit ? { limiter: bindingRateLimiter(testEnv.TEST_KEY_RATE_LIMIT, 60, logger) } : {}),
    options: appOptions,
  });

  const consumer = eventConsumer(readWorkerEnv(testEnv), quiet);
  const drain = async () => {
    while (queued.length > 0) {
      const { result } = await deliver(queued.splice(0), (batch) => consumeEvents(batch, consumer));
      if (result.retryMessages.length > 0 || result.retryBatch.retry) throw new Error(`the queue handler did not store a batch: ${JSON.stringify(consumerLogs.at(-1))}`);
    }
  };
  const request = async (path: string, init: RequestInit = {}) => {
    const res = await app.request(`http://edge.test${path}`, init);
    await drain();
    return res;
  };

  return {
    runtime: 'workers',
    ingest: 'queue',
    workspaceId,
    pk: pk.key,
    sk: sk.key,
    clock,
    logs,
    request,
    json: (method, path, body, headers = {}) =>
      request(path, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
      }),
    async state() {
      const local = await inObject(workspaceId, (sql) => ({
        events: count(sql, 'events'),
        cases: count(sql, 'cases'),
        tips: count(sql, 'tips'),
        articles: count(sql, 'articles'),
        accounts: count(sql, 'accounts'),
        users: count(sql, 'users'),
        tickets: count(sql, 'tickets'),
        ticketMessages: count(sql, 'ticket_messages'),
        ticketEvents: count(sql, 'ticket_events'),
        webhookDeliveries: count(sql, 'webhook_deliveries'),
        contextRows: [...sql.exec('select * from accounts order by id'), ...sql.exec('select * from users order by id'), ...sql.exec('select * from tickets order by id')],
        workspaces: sql.exec('select settings, articles_version, next_case_number from workspaces').toArray(),
      }));
      const [keys, sources] = await testEnv.DB.batch([
        testEnv.DB.prepare('select k.id, k.revoked_at, (select count(*) from api_key_origins o where o.key_id = k.id) as origins from api_keys k where k.workspace_id = ? order by k.id').bind(workspaceId),
        testEnv.DB.prepare('select * from webhook_sources where workspace_id = ? order by id').bind(workspaceId),
      ]);
      return { ...local, keys: keys!.results, sourceRows: sources!.results };
    },
    storedEvents: () => inObject(workspaceId, (sql) => sql.exec('select * from events order by id').toArray() as unknown as StoredEvent[]),
    async revokeKey(kind) {
      const id = (await testEnv.DB.prepare('select id from api_keys where workspace_id = ? and kind = ? and revoked_at is null').bind(workspaceId, kind).first<{ id: string }>())!.id;
      await runSql([revokeKeySql(id, clock.now())]);
    },
    async otherWorkspace() {
      const other = await newWorkspaceSql('Other', [], NOW);
      await runSql(other.statements);
      return { workspaceId: other.workspaceId, sk: other.sk.key };
    },
  };
};
