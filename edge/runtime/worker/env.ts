// The Worker's bindings and variables, typed once and validated with zod on the first request an isolate serves.
import { z } from 'zod';
import { KEY_PATTERN } from '../../keys';
import type { AiBindings } from './ai';
import type { DeadLetter, EventMessage } from './ingest';
import type { WorkspaceObject } from './workspaceObject';

/** What wrangler.jsonc binds; the names are the contract between the config and the code. */
export interface WorkerBindings extends AiBindings {
  /** The directory: workspaces, API keys and their origins, webhook sources (global, read on every request). */
  DB: D1Database;
  /** One object per workspace: the single writer of everything the workspace owns. */
  WORKSPACES: DurableObjectNamespace<WorkspaceObject>;
  /** POST /v1/events enqueues here; the queue handler stores through the workspace's object. */
  EVENTS: Queue<EventMessage>;
  /** Where event messages go when they cannot be stored (malformed, or out of attempts). */
  EVENTS_DEAD_LETTER: Queue<DeadLetter>;
  /** The per-key request limit, counted by Cloudflare for every isolate of a location. */
  KEY_RATE_LIMIT: RateLimit;
  /** The built SDK under sdk/ and the demo under demo/; without it /sdk/* and /demo/* are 404. */
  ASSETS?: Fetcher;
  /** The public key written into the demo pages. */
  DEMO_PUBLIC_KEY?: string;
  /** The period of KEY_RATE_LIMIT in wrangler.jsonc, answered as Retry-After. */
  RATE_LIMIT_PERIOD_S?: string;
  /** One log line per request; `off` for load runs. */
  LOG_REQUESTS?: string;
}

const hasMethods = (...names: string[]) => (v: unknown) =>
  typeof v === 'object' && v !== null && names.every((n) => typeof (v as Record<string, unknown>)[n] === 'function');

const binding = <T>(what: string, ...methods: string[]) => z.custom<T>(hasMethods(...methods), { message: `must be ${what}` });

const workerEnvSchema = z.object({
  DB: binding<D1Database>('a D1 database binding (d1_databases in wrangler.jsonc)', 'prepare', 'batch'),
  WORKSPACES: binding<DurableObjectNamespace<WorkspaceObject>>('a Durable Object namespace of class WorkspaceObject (durable_objects)', 'idFromName', 'get'),
  EVENTS: binding<Queue<EventMessage>>('a queue producer binding (queues.producers)', 'send', 'sendBatch'),
  EVENTS_DEAD_LETTER: binding<Queue<DeadLetter>>('a queue producer binding for the dead-letter queue (queues.producers)', 'send', 'sendBatch'),
  KEY_RATE_LIMIT: binding<RateLimit>('a rate limiting binding (ratelimits)', 'limit'),
  ASSETS: binding<Fetcher>('a static assets binding (assets.binding)', 'fetch').optional(),
  DEMO_PUBLIC_KEY: z
    .string()
    .refine((k) => KEY_PATTERN.test(k) && k.startsWith('pk_'), 'must be a public key (pk_ and 32 letters or digits)')
    .optional(),
  RATE_LIMIT_PERIOD_S: z.enum(['10', '60'], { message: 'must be 10 or 60, the period of KEY_RATE_LIMIT' }).default('10').transform(Number),
  LOG_REQUESTS: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export class WorkerConfigError extends Error {
  override name = 'WorkerConfigError';
}

/** The env object is the same for every request an isolate serves, so it is checked once. */
const checked = new WeakMap<object, WorkerEnv>();

/** The validated configuration, or a WorkerConfigError naming every missing or wrong binding and variable. */
export function readWorkerEnv(env: WorkerBindings): WorkerEnv {
  const hit = checked.get(env);
  if (hit) return hit;
  // An empty variable means "not set", as for the Node runtime.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = workerEnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0] ?? 'env')}: ${i.message}`);
    throw new WorkerConfigError(`forestall: the Worker is misconfigured (wrangler.jsonc, vars and secrets):\n${lines.join('\n')}`);
  }
  checked.set(env, parsed.data);
  return parsed.data;
}
