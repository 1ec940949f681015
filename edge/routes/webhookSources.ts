// PUT/GET/DELETE /v1/webhook-sources[/:name]: where inbound webhooks come from and the secrets that sign them.
import type { Context } from 'hono';
import { WEBHOOK_SOURCE_NAME, webhookSourceSchema } from '../context/schemas';
import { authenticate, headerKey, spendToken } from '../http/auth';
import { checkContentType, parseJson, readBody } from '../http/body';
import type { AppContext, EdgeApp, EdgeEnv } from '../http/context';
import { HttpError, validationError } from '../http/errors';
import { randomId } from '../keys';
import type { WebhookSecret, WebhookSourceRecord } from '../store';
import { generateWhsec, liveSecrets } from '../webhooks/signatures';

/** How long replaced secrets keep verifying by default: a day is enough to update the sender. */
export const DEFAULT_PREVIOUS_SECRET_TTL_S = 86_400;

/** The path a sender posts to. Zendesk sources live under /zendesk; the others under their name. */
export function webhookPath(source: Pick<WebhookSourceRecord, 'id' | 'kind' | 'name'>): string {
  return `/v1/webhooks/${source.kind === 'zendesk' ? 'zendesk' : source.name}/${source.id}`;
}

/** A source as the API shows it: never a secret, only which secrets exist and until when they verify. */
function view(c: Context<EdgeEnv>, s: WebhookSourceRecord, now: number) {
  const live = new Set(liveSecrets(s.secrets, now).map((x) => x.id));
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    mapping: s.mapping,
    url: `${new URL(c.req.url).origin}${webhookPath(s)}`,
    secrets: s.secrets.map((x) => ({ id: x.id, createdAt: x.createdAt, expiresAt: x.expiresAt, live: live.has(x.id) })),
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

function routeName(c: Context<EdgeEnv>): string {
  const name = c.req.param('name') ?? '';
  if (!WEBHOOK_SOURCE_NAME.test(name)) {
    throw new HttpError(400, 'invalid_id', 'A webhook source name is 1 to 63 lower-case letters, digits, - or _, starting with a letter or digit.', [
      { path: 'name', message: 'lower-case letters, digits, - and _' },
    ]);
  }
  return name;
}

export function registerWebhookSources(app: EdgeApp, ctx: AppContext): void {
  const secret = async (c: Context<EdgeEnv>) => {
    const key = await authenticate(c, ctx, headerKey(c), 'sk');
    await spendToken(ctx, key);
    return key.workspaceId;
  };

  app.get('/v1/webhook-sources', async (c) => {
    const ws = await secret(c);
    const now = ctx.clock.now();
    return c.json({ webhookSources: (await ctx.store.listWebhookSources(ws)).map((s) => view(c, s, now)) });
  });

  app.get('/v1/webhook-sources/:name', async (c) => {
    const ws = await secret(c);
    const found = await ctx.store.getWebhookSource(ws, routeName(c));
    if (!found) throw new HttpError(404, 'not_found', 'No webhook source with this name.');
    return c.json(view(c, found, ctx.clock.now()));
  });

  app.put('/v1/webhook-sources/:name', async (c) => {
    const ws = await secret(c);
    const name = routeName(c);
    checkContentType(c.req.header('content-type'));
    const parsed = webhookSourceSchema.safeParse(parseJson(await readBody(c.req.raw)));
    if (!parsed.success) throw validationError(parsed.error);
    const input = parsed.data;
    if (input.kind === 'standard' && name === 'zendesk') {
      throw new HttpError(400, 'invalid_id', '"zendesk" names the Zendesk endpoint; give a Standard Webhooks source another name.', [{ path: 'name', message: 'reserved' }]);
    }
    const now = ctx.clock.now();
    const existing = await ctx.store.getWebhookSource(ws, name);
    if (existing && existing.kind !== input.kind) {
      throw new HttpError(409, 'kind_mismatch', `This source is a ${existing.kind} source; delete it to make a ${input.kind} one under the same name.`);
    }
    if (!existing && input.kind === 'zendesk' && input.secret === undefined) {
      throw new HttpError(400, 'invalid_body', "Zendesk makes the signing secret: copy it from Admin Center → Webhooks → your webhook → Reveal secret, and send it as secret.", [
        { path: 'secret', message: 'required for a new Zendesk source' },
      ]);
    }
    const generated = input.rotate || (!existing && input.secret === undefined) ? generateWhsec() : undefined;
    const newSecret = input.secret ?? generated;

    let secrets: WebhookSecret[] = existing?.secrets ?? [];
    if (newSecret !== undefined) {
      // The secrets it replaces keep verifying for a while, so deliveries the sender signed before switching pass.
      const until = now + (input.previousSecretTtlSeconds ?? DEFAULT_PREVIOUS_SECRET_TTL_S) * 1000;
      secrets = liveSecrets(secrets, now).map((s) => ({ ...s, expiresAt: s.expiresAt === null ? until : Math.min(s.expiresAt, until) }));
      secrets.push({ id: randomId('sec'), secret: newSecret, createdAt: now, expiresAt: null });
    }
    const record: WebhookSourceRecord = {
      id: existing?.id ?? randomId('whs'),
      workspaceId: ws,
      name,
      kind: input.kind,
      mapping: input.mapping ?? 'zendesk',
      secrets,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    const created = await ctx.store.putWebhookSource(record);
    // A secret we generated is shown this once; one the caller sent, they already have.
    return c.json({ ...view(c, record, now), ...(generated ? { secret: generated } : {}) }, created ? 201 : 200);
  });

  app.delete('/v1/webhook-sources/:name', async (c) => {
    const ws = await secret(c);
    if (!(await ctx.store.deleteWebhookSource(ws, routeName(c)))) throw new HttpError(404, 'not_found', 'No webhook source with this name.');
    return c.body(null, 204);
  });
}
