// The Workers runtime: the same Hono app on D1 (directory), a Durable Object per workspace (its data) and a queue
// between ingest and storage; the fetch, queue and scheduled handlers.
import { createApp, type Logger } from '../app';
import type { Store } from '../store';
import { readWorkerEnv, WorkerConfigError, type WorkerBindings, type WorkerEnv } from './worker/env';
import { consumeEvents, queueIngest, type ConsumerDeps } from './worker/ingest';
import { workerAi } from './worker/ai';
import { bindingRateLimiter } from './worker/rateLimit';
import { assetFiles } from './worker/staticFiles';
import { createWorkerStore, workspaceObject } from './worker/store';

export { WorkspaceObject } from './worker/workspaceObject';

/** Workspace objects the cron trigger wakes at once. */
const SCHEDULED_CONCURRENCY = 50;

const consoleLogger = (requests: boolean): Logger => ({
  info: (line) => {
    if (requests || line.msg !== 'request') console.log(JSON.stringify({ level: 'info', time: new Date().toISOString(), ...line }));
  },
  error: (line) => console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), ...line })),
});

export interface WorkerRuntime {
  env: WorkerEnv;
  store: Store;
  logger: Logger;
  app: ReturnType<typeof createApp>;
}

/** Built once per isolate (the env object is the same for each of its requests), after the env is validated. */
const runtimes = new WeakMap<object, WorkerRuntime>();

export function workerRuntime(bindings: WorkerBindings): WorkerRuntime {
  const cached = runtimes.get(bindings);
  if (cached) return cached;
  const env = readWorkerEnv(bindings);
  const logger = consoleLogger(env.LOG_REQUESTS === 'on');
  const clock = { now: () => Date.now() };
  const store = createWorkerStore(env, clock.now);
  const app = createApp({
    store,
    clock,
    logger,
    // Compiling rules is the model call this side makes; scoring and summaries run in the workspace objects.
    ai: workerAi(bindings, logger).ai,
    ingest: queueIngest(env.EVENTS, logger),
    limiter: bindingRateLimiter(env.KEY_RATE_LIMIT, env.RATE_LIMIT_PERIOD_S, logger),
    options: {
      // The workspace objects deliver to public addresses only: a destination they would refuse is refused when saved.
      destinationGuard: { lookup: null, allow: 'none' },
      ...(env.ASSETS ? { staticFiles: assetFiles(env.ASSETS) } : {}),
      ...(env.DEMO_PUBLIC_KEY ? { demoKey: env.DEMO_PUBLIC_KEY } : {}),
    },
  });
  const runtime = { env, store, logger, app };
  runtimes.set(bindings, runtime);
  return runtime;
}

/** The events queue handler's dependencies: each workspace's batch goes to its object. */
export function eventConsumer(env: WorkerEnv, logger: Logger): ConsumerDeps {
  return {
    store: (workspaceId, rows) => workspaceObject(env, workspaceId).ingest(workspaceId, rows),
    deadLetter: env.EVENTS_DEAD_LETTER,
    logger,
  };
}

/** Every workspace in the directory, a page at a time. */
async function* workspaceIds(db: D1Database): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const { results } = await db.prepare('select id from workspaces where id > ? order by id limit 500').bind(after).all<{ id: string }>();
    if (results.length === 0) return;
    yield results.map((r) => r.id);
    after = results[results.length - 1]!.id;
  }
}

export default {
  async fetch(request, bindings, ctx) {
    let runtime: WorkerRuntime;
    try {
      runtime = workerRuntime(bindings);
    } catch (e) {
      if (!(e instanceof WorkerConfigError)) throw e;
      console.error(e.message);
      return Response.json({ error: { code: 'misconfigured', message: e.message } }, { status: 500 });
    }
    return runtime.app.fetch(request, bindings, ctx);
  },

  async queue(batch, bindings) {
    const { env, logger } = workerRuntime(bindings);
    await consumeEvents(batch, eventConsumer(env, logger));
  },

  /** The cron trigger: each workspace's object delivers its outbox rows that are due (retries included). */
  async scheduled(controller, bindings) {
    const { env, logger } = workerRuntime(bindings);
    let workspaces = 0;
    let failed = 0;
    for await (const page of workspaceIds(env.DB)) {
      for (let i = 0; i < page.length; i += SCHEDULED_CONCURRENCY) {
        const results = await Promise.allSettled(page.slice(i, i + SCHEDULED_CONCURRENCY).map((id) => workspaceObject(env, id).dispatchDue(controller.scheduledTime)));
        workspaces += results.length;
        for (const r of results) {
          if (r.status === 'rejected') {
            failed += 1;
            logger.error({ msg: 'dispatchDue failed', error: r.reason instanceof Error ? r.reason.message : String(r.reason) });
          }
        }
      }
    }
    logger.info({ msg: 'scheduled', cron: controller.cron, workspaces, failed });
  },
} satisfies ExportedHandler<WorkerBindings, unknown>;
