// The edge service as a runtime-free Hono app: everything it needs (store, clock, logger, files) is passed in.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { AppContext, Background, Clock, EdgeEnv, Ingest, Logger, StaticFiles } from './http/context';
import { createKeyResolver } from './http/auth';
import { HttpError } from './http/errors';
import { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimiter, type RateLimitSettings } from './http/rateLimit';
import { registerAccounts } from './routes/accounts';
import { registerAnalytics } from './routes/analytics';
import { registerCases } from './routes/cases';
import { registerConfig } from './routes/config';
import { registerConsole } from './routes/console';
import { registerContent } from './routes/content';
import { registerContext } from './routes/context';
import { registerEvents } from './routes/events';
import { registerHelp } from './routes/help';
import { registerDestinations } from './routes/destinations';
import { registerRules } from './routes/rules';
import { registerStatic } from './routes/static';
import { registerTriggers } from './routes/triggers';
import { registerWebhooks } from './routes/webhooks';
import { registerWebhookSources } from './routes/webhookSources';
import { createAi, type Ai } from './ai';
import type { GuardOptions } from './delivery/addressGuard';
import type { Store } from './store';

export type { Background, Clock, Ingest, Logger, StaticFiles } from './http/context';

export interface AppOptions {
  /** Per-key token bucket, when no limiter is given. */
  rateLimit?: RateLimitSettings;
  /** Where /sdk/* and /demo/* come from; without it those paths are 404. */
  staticFiles?: StaticFiles;
  /** The public key written into the demo pages. */
  demoKey?: string;
  /** How long a live key is remembered (default 5 s): the longest a revoked key keeps working. */
  keyCacheMs?: number;
  /**
   * How destination addresses are checked when saved: the resolver (null where names cannot be resolved, as on
   * Workers) and which internal addresses are allowed. Default: no resolver, loopback allowed (local use and tests).
   */
  destinationGuard?: GuardOptions;
}

export interface AppDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** The risk pipeline and the dispatcher, as routes see them; without it nothing is re-scored (route tests). */
  background?: Background;
  /** The AI layer; default: offline (no model). */
  ai?: Ai;
  /** Where a POST /v1/events batch goes; by default straight into the store. */
  ingest?: Ingest;
  /** The per-key rate limit; by default an in-process token bucket from options.rateLimit. */
  limiter?: RateLimiter;
  options?: AppOptions;
}

/** For an app with no background work: changes are stored and wait for the next sweep. */
export const NO_BACKGROUND: Background = { touch() {}, touchTickets() {}, rescore() {}, deliver() {} };

/** Routes the SDK calls from customers' pages: they answer CORS for the key's origins. */
const BROWSER_ROUTES = ['/v1/events', '/v1/config', '/v1/handoff', '/v1/help/search'];
/** How long a browser may reuse a preflight answer; short, so a removed origin stops working soon. */
const PREFLIGHT_MAX_AGE_S = 600;

const errorResponse = (c: Context<EdgeEnv>, err: HttpError) => c.json(err.body(), err.status, err.headers);

export function createApp(deps: AppDeps): Hono<EdgeEnv> {
  const options = deps.options ?? {};
  const ctx: AppContext = {
    store: deps.store,
    clock: deps.clock,
    logger: deps.logger,
    ingest: deps.ingest ?? ((workspaceId, rows) => deps.store.insertEvents(workspaceId, rows)),
    limiter: deps.limiter ?? createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT),
    keys: createKeyResolver(deps.store, deps.clock, options.keyCacheMs),
    background: deps.background ?? NO_BACKGROUND,
    ai: deps.ai ?? createAi({ model: null }),
  };
  const app = new Hono<EdgeEnv>();

  // One line per request: what, how it went, how long, for whom. Never a key, a query string or a body.
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const apiKey = c.get('apiKey');
    deps.logger.info({
      msg: 'request',
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(apiKey ? { workspaceId: apiKey.workspaceId, keyId: apiKey.id } : {}),
    });
  });

  const browserCors: MiddlewareHandler<EdgeEnv> = async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS') {
      // A preflight carries no key, so it is answered for any origin some live public key allows; the request
      // itself is then checked against its own key's origins.
      if (!origin || !(await ctx.store.isOriginAllowed(origin))) {
        return errorResponse(c, new HttpError(403, 'origin_not_allowed', `The origin ${origin ?? '(none)'} is not allowed for any key.`));
      }
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-None-Match',
        'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_S),
        Vary: 'Origin',
      });
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    let allowed = c.get('corsOrigin');
    // Answers given before the key was known (401, 415, …) are readable by origins a preflight would admit,
    // so the SDK can tell "fix your setup" from "network down".
    if (!allowed && origin && c.res.status >= 400 && (await ctx.store.isOriginAllowed(origin))) allowed = origin;
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', allowed);
      c.res.headers.set('Access-Control-Expose-Headers', 'ETag, Retry-After');
    }
  };
  for (const path of BROWSER_ROUTES) app.use(path, browserCors);

  app.get('/healthz', (c) => c.json({ ok: true, time: ctx.clock.now() }));
  registerEvents(app, ctx);
  registerConfig(app, ctx);
  registerContent(app, ctx);
  registerHelp(app, ctx);
  registerCases(app, ctx);
  registerAccounts(app, ctx);
  registerContext(app, ctx);
  registerTriggers(app, ctx);
  registerRules(app, ctx);
  registerDestinations(app, ctx, options.destinationGuard ?? { lookup: null, allow: 'loopback' });
  registerAnalytics(app, ctx);
  registerWebhookSources(app, ctx);
  registerWebhooks(app, ctx);
  registerConsole(app, ctx, options.staticFiles);
  if (options.staticFiles) registerStatic(app, { files: options.staticFiles, demoKey: options.demoKey });

  // A known path with the wrong method is 405 with Allow, not 404: the path is right, the method is not.
  const allowed: Array<[string, string]> = [
    ['/v1/events', 'POST, OPTIONS'],
    ['/v1/config', 'GET, OPTIONS'],
    ['/v1/handoff', 'POST, OPTIONS'],
    ['/v1/help/search', 'GET, OPTIONS'],
    ['/v1/settings', 'GET, PUT'],
    ['/v1/tips', 'GET'],
    ['/v1/tips/:id', 'GET, PUT, DELETE'],
    ['/v1/articles', 'GET'],
    ['/v1/articles/:id', 'GET, PUT, DELETE'],
    ['/v1/cases', 'GET'],
    ['/v1/cases/:id', 'GET'],
    ['/v1/accounts', 'POST'],
    ['/v1/accounts/at-risk', 'GET'],
    ['/v1/accounts/:id', 'GET'],
    ['/v1/triggers', 'GET'],
    ['/v1/triggers/:id', 'GET'],
    ['/v1/triggers/:id/ack', 'POST'],
    ['/v1/triggers/:id/retry', 'POST'],
    ['/v1/inbox', 'GET'],
    ['/v1/rules', 'GET'],
    ['/v1/rules/compile', 'POST'],
    ['/v1/rules/:id', 'GET, PUT, DELETE'],
    ['/v1/destinations', 'GET'],
    ['/v1/destinations/:id', 'GET, PUT, DELETE'],
    ['/v1/analytics/prevention', 'GET'],
    ['/v1/analytics/escalations', 'GET'],
    ['/v1/analytics/friction', 'GET'],
    ['/v1/users', 'POST'],
    ['/v1/tickets', 'POST'],
    ['/v1/tickets/:id', 'GET'],
    ['/v1/webhook-sources', 'GET'],
    ['/v1/webhook-sources/:name', 'GET, PUT, DELETE'],
    ['/v1/webhooks/zendesk', 'POST'],
    ['/v1/webhooks/zendesk/:sourceId', 'POST'],
    ['/v1/webhooks/:name', 'POST'],
    ['/v1/webhooks/:name/:sourceId', 'POST'],
    ['/healthz', 'GET'],
  ];
  for (const [path, methods] of allowed) {
    app.all(path, (c) => errorResponse(c, new HttpError(405, 'method_not_allowed', `${c.req.method} is not allowed here; use ${methods}.`, undefined, { Allow: methods })));
  }

  app.notFound((c) => errorResponse(c, new HttpError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`)));
  app.onError((err, c) => {
    if (err instanceof HttpError) return errorResponse(c, err);
    deps.logger.error({ msg: 'unhandled error', method: c.req.method, path: c.req.path, error: err instanceof Error ? err.message : String(err) });
    return errorResponse(c, new HttpError(500, 'internal', 'Something went wrong on our side; retry later.'));
  });
  return app;
}
