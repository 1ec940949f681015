// POST /v1/accounts, /v1/users, /v1/tickets: the CRM's and help desk's context, upserted in batches under the secret key.
import type { Context } from 'hono';
import type { z } from 'zod';
import { accountBatchSchema, CONTEXT_MAX_BODY_BYTES, MAX_FUTURE_SKEW_MS, ticketBatchSchema, userBatchSchema, type TicketUpsertInput } from '../context/schemas';
import { authenticate, headerKey, takeToken } from '../http/auth';
import { checkContentType, parseJson, readBody } from '../http/body';
import type { AppContext, EdgeApp, EdgeEnv } from '../http/context';
import { HttpError, validationError } from '../http/errors';
import { MAX_EXTERNAL_ID_LENGTH } from '../wire-schemas';

/** Authenticates with the secret key, then reads and validates the body against `schema`. */
async function secretBody<T extends z.ZodType>(c: Context<EdgeEnv>, ctx: AppContext, schema: T): Promise<{ workspaceId: string; body: z.output<T> }> {
  const key = await authenticate(c, ctx, headerKey(c), 'sk');
  takeToken(ctx, key);
  checkContentType(c.req.header('content-type'));
  const parsed = schema.safeParse(parseJson(await readBody(c.req.raw, CONTEXT_MAX_BODY_BYTES)));
  if (!parsed.success) throw validationError(parsed.error);
  return { workspaceId: key.workspaceId, body: parsed.data };
}

/**
 * Times in the past are the point (backfill); times far in the future are a broken clock or seconds sent as
 * milliseconds, and would put the ticket ahead of everything the engine compares it with.
 */
export function checkTicketTimes(list: TicketUpsertInput[], now: number): void {
  const limit = now + MAX_FUTURE_SKEW_MS;
  const issues: Array<{ path: string; message: string }> = [];
  const check = (path: string, at: number | null | undefined) => {
    if (at !== undefined && at !== null && at > limit) issues.push({ path, message: 'is more than a day in the future' });
  };
  list.forEach((t, i) => {
    check(`tickets.${i}.createdAt`, t.createdAt);
    check(`tickets.${i}.updatedAt`, t.updatedAt);
    check(`tickets.${i}.solvedAt`, t.solvedAt);
    check(`tickets.${i}.csat.at`, t.csat?.at);
    t.messages?.forEach((m, j) => check(`tickets.${i}.messages.${j}.at`, m.at));
  });
  if (issues.length) throw new HttpError(400, 'invalid_body', 'Some times are in the future; send times as they happened.', issues.slice(0, 20));
}

export function registerContext(app: EdgeApp, ctx: AppContext): void {
  app.post('/v1/accounts', async (c) => {
    const { workspaceId, body } = await secretBody(c, ctx, accountBatchSchema);
    const counts = await ctx.store.upsertAccounts(workspaceId, body.accounts, ctx.clock.now());
    ctx.background.touch(workspaceId, body.accounts.map((a) => a.id));
    return c.json(counts);
  });

  app.post('/v1/users', async (c) => {
    const { workspaceId, body } = await secretBody(c, ctx, userBatchSchema);
    const counts = await ctx.store.upsertUsers(workspaceId, body.users, ctx.clock.now());
    ctx.background.touch(workspaceId, body.users.map((u) => u.accountId));
    return c.json(counts);
  });

  app.post('/v1/tickets', async (c) => {
    const { workspaceId, body } = await secretBody(c, ctx, ticketBatchSchema);
    const now = ctx.clock.now();
    checkTicketTimes(body.tickets, now);
    const counts = await ctx.store.upsertTickets(workspaceId, body.tickets, 'api', now);
    ctx.background.touchTickets(workspaceId, body.tickets.map((t) => t.id));
    return c.json(counts);
  });

  app.get('/v1/tickets/:id', async (c) => {
    const key = await authenticate(c, ctx, headerKey(c), 'sk');
    takeToken(ctx, key);
    const id = c.req.param('id');
    if (id.length > MAX_EXTERNAL_ID_LENGTH) {
      throw new HttpError(400, 'invalid_id', `A ticket id is at most ${MAX_EXTERNAL_ID_LENGTH} characters.`, [{ path: 'id', message: 'too long' }]);
    }
    const ticket = await ctx.store.getTicket(key.workspaceId, id);
    if (!ticket) throw new HttpError(404, 'not_found', 'No ticket with this id.');
    return c.json(ticket);
  });
}
