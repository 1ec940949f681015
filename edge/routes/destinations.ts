// Where outreach goes, under the secret key: Slack, signed webhooks, email, Zendesk and Salesforce for routing, and
// the built-in local inbox. Secrets are never read back; addresses inside our own network are refused.
import type { DestinationRecord } from '../actions/types';
import { checkDestinationAddresses, DESTINATION_ID, destinationBodySchema, redactDestination, resolveDestination } from '../delivery/destinations';
import { secretKey } from '../http/auth';
import { checkContentType, parseJson, readBody } from '../http/body';
import type { AppContext, EdgeApp } from '../http/context';
import { HttpError, validationError } from '../http/errors';
import type { GuardOptions } from '../delivery/addressGuard';

export function registerDestinations(app: EdgeApp, ctx: AppContext, guard: GuardOptions): void {
  const idOf = (raw: string) => {
    if (!DESTINATION_ID.test(raw)) throw new HttpError(400, 'invalid_id', 'A destination id is 1 to 64 letters, digits and _ . : -', [{ path: 'id', message: 'letters, digits and _ . : -' }]);
    return raw;
  };

  app.get('/v1/destinations', async (c) => {
    const key = await secretKey(c, ctx);
    return c.json({ destinations: (await ctx.store.listDestinations(key.workspaceId)).map(redactDestination) });
  });

  app.get('/v1/destinations/:id', async (c) => {
    const key = await secretKey(c, ctx);
    const found = await ctx.store.getDestination(key.workspaceId, idOf(c.req.param('id')));
    if (!found || found.id !== c.req.param('id')) throw new HttpError(404, 'not_found', 'No destination with this id.');
    return c.json(redactDestination(found));
  });

  app.put('/v1/destinations/:id', async (c) => {
    const key = await secretKey(c, ctx);
    const id = idOf(c.req.param('id'));
    checkContentType(c.req.header('content-type'));
    const body = parseJson(await readBody(c.req.raw));
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'invalid_body', 'A destination is a JSON object.');
    const { id: bodyId, createdAt: _c, updatedAt: _u, disabledReason: _d, ...rest } = body as Record<string, unknown>;
    if (bodyId !== undefined && bodyId !== id) throw new HttpError(400, 'invalid_body', `The body's id does not match the path's (${id}).`, [{ path: 'id', message: 'does not match the path' }]);
    const parsed = destinationBodySchema.safeParse(rest);
    if (!parsed.success) throw validationError(parsed.error);
    const existing = await ctx.store.getDestination(key.workspaceId, id);
    const current = existing && existing.id === id ? existing : null;
    const resolved = resolveDestination(parsed.data, current);
    if (!resolved.ok) throw new HttpError(400, 'invalid_body', 'The destination is missing what it needs.', resolved.issues);
    const refused = await checkDestinationAddresses(resolved.config, guard);
    if (refused.length) throw new HttpError(400, 'address_refused', 'The destination points somewhere Forestall does not send to.', refused);
    const now = ctx.clock.now();
    const record: DestinationRecord = {
      id,
      workspaceId: key.workspaceId,
      name: resolved.name,
      config: resolved.config,
      enabled: resolved.enabled,
      // Turning a destination on again clears why it was off.
      disabledReason: resolved.enabled ? null : (current?.disabledReason ?? 'turned off'),
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
    const outcome = await ctx.store.putDestination(record);
    if (outcome === 'name_taken') throw new HttpError(409, 'name_taken', `Another destination is already named "${record.name}".`, [{ path: 'name', message: 'already taken' }]);
    // Rows that waited on a disabled destination may go now.
    if (record.enabled) ctx.background.deliver();
    return c.json({ ...redactDestination(record), ...(resolved.generatedSecret ? { generatedSecret: resolved.generatedSecret } : {}) }, outcome === 'created' ? 201 : 200);
  });

  app.delete('/v1/destinations/:id', async (c) => {
    const key = await secretKey(c, ctx);
    const id = idOf(c.req.param('id'));
    const rules = await ctx.store.listRules(key.workspaceId);
    const found = await ctx.store.getDestination(key.workspaceId, id);
    const users = found ? rules.filter(({ rule }) => rule.actions.some((a) => ('destination' in a && (a.destination === found.id || a.destination === found.name)))) : [];
    if (users.length) {
      throw new HttpError(409, 'in_use', `Rules send to this destination: ${users.map((r) => r.rule.id).join(', ')}. Change or delete them first.`);
    }
    if (!(await ctx.store.deleteDestination(key.workspaceId, id))) throw new HttpError(404, 'not_found', 'No destination with this id.');
    return c.body(null, 204);
  });
}
