// Fired rules and what happened to their deliveries, under the secret key: the triggers inbox, acknowledging one,
// retrying its failed deliveries, and the built-in local inbox where outreach lands without Slack.
import type { TriggerRecord } from '../actions/types';
import { secretKey } from '../http/auth';
import type { AppContext, EdgeApp } from '../http/context';
import { readBody, parseJson } from '../http/body';
import { HttpError } from '../http/errors';
import { enumParam, intParam, textParam, timeParam } from '../http/query';

const DELIVERY_STATES: ReadonlyArray<TriggerRecord['delivery']> = ['none', 'pending', 'delivered', 'failed', 'dead'];

export function registerTriggers(app: EdgeApp, ctx: AppContext): void {
  app.get('/v1/triggers', async (c) => {
    const key = await secretKey(c, ctx);
    const q = (n: string) => c.req.query(n);
    const acked = enumParam(q('acked'), 'acked', ['true', 'false'] as const);
    const triggers = await ctx.store.listTriggers(key.workspaceId, {
      accountId: textParam(q('accountId'), 'accountId'),
      ruleId: textParam(q('ruleId'), 'ruleId', 64),
      delivery: enumParam(q('delivery'), 'delivery', DELIVERY_STATES),
      acked: acked === undefined ? undefined : acked === 'true',
      before: q('before') === undefined ? undefined : timeParam(q('before'), 'before', 0),
      limit: intParam(q('limit'), 'limit', 50, 1, 200),
    });
    // The next page starts before the oldest trigger of this one.
    const last = triggers[triggers.length - 1];
    return c.json({ triggers, next: last ? last.firedAt : null });
  });

  app.get('/v1/triggers/:id', async (c) => {
    const key = await secretKey(c, ctx);
    const trigger = await ctx.store.getTrigger(key.workspaceId, c.req.param('id'));
    if (!trigger) throw new HttpError(404, 'not_found', 'No trigger with this id.');
    return c.json(trigger);
  });

  app.post('/v1/triggers/:id/ack', async (c) => {
    const key = await secretKey(c, ctx);
    // Who acknowledged: the console sends the person's name; a server may send nothing.
    let by = 'api';
    const bytes = await readBody(c.req.raw, 4096);
    if (bytes.byteLength) {
      const body = parseJson(bytes);
      const who = (body as { by?: unknown } | null)?.by;
      if (who !== undefined && (typeof who !== 'string' || !who.trim() || who.length > 200)) {
        throw new HttpError(400, 'invalid_body', 'by is the name of who acknowledged it (1 to 200 characters).', [{ path: 'by', message: '1 to 200 characters' }]);
      }
      if (typeof who === 'string') by = who.trim();
    }
    const trigger = await ctx.store.ackTrigger(key.workspaceId, c.req.param('id'), by, ctx.clock.now());
    if (!trigger) throw new HttpError(404, 'not_found', 'No trigger with this id.');
    return c.json(trigger);
  });

  app.post('/v1/triggers/:id/retry', async (c) => {
    const key = await secretKey(c, ctx);
    const id = c.req.param('id');
    if (!(await ctx.store.getTrigger(key.workspaceId, id))) throw new HttpError(404, 'not_found', 'No trigger with this id.');
    const retried = await ctx.store.retryTrigger(key.workspaceId, id, ctx.clock.now());
    if (retried) ctx.background.deliver();
    return c.json({ retried });
  });

  app.get('/v1/inbox', async (c) => {
    const key = await secretKey(c, ctx);
    return c.json({ items: await ctx.store.listInbox(key.workspaceId, intParam(c.req.query('limit'), 'limit', 50, 1, 200)) });
  });
}
