// POST /v1/webhooks/zendesk[/:sourceId] and /v1/webhooks/:name[/:sourceId]: signed deliveries from help desks and CRMs.
//
// The source id (whs_…) says which workspace and secrets a delivery belongs to. It is the last path segment, or
// `?source=whs_…` for the bare paths /v1/webhooks/zendesk and /v1/webhooks/:name. The signature is checked on the
// raw bytes before anything is parsed; a delivery whose id was applied before answers 200 { status: "duplicate" }
// and changes nothing.
import type { Context } from 'hono';
import { CONTEXT_MAX_BODY_BYTES } from '../context/schemas';
import { checkContentType, parseJson, readBody } from '../http/body';
import type { AppContext, EdgeApp, EdgeEnv } from '../http/context';
import { HttpError } from '../http/errors';
import type { WebhookSourceRecord } from '../store';
import { mapHubspotCompany } from '../webhooks/hubspotCompany';
import { MappingError, type Mapped } from '../webhooks/mapping';
import { mapSalesforceCase } from '../webhooks/salesforceCase';
import { sha256Hex, verifyStandard, verifyZendesk } from '../webhooks/signatures';
import { mapZendesk } from '../webhooks/zendesk';

const SOURCE_ID = /^whs_[0-9a-f]{24}$/;

function unknownSource(): HttpError {
  return new HttpError(404, 'unknown_source', 'No webhook source at this URL; copy the URL shown by PUT /v1/webhook-sources/:name.');
}

export function registerWebhooks(app: EdgeApp, ctx: AppContext): void {
  const receive = (kind: 'zendesk' | 'standard') => async (c: Context<EdgeEnv>) => {
    const sourceId = c.req.param('sourceId') ?? c.req.query('source');
    if (!sourceId) {
      throw new HttpError(400, 'missing_source', 'Say which webhook source this is: post to the URL shown by PUT /v1/webhook-sources/:name (…/whs_…), or add ?source=whs_….', [
        { path: 'source', message: 'required' },
      ]);
    }
    if (!SOURCE_ID.test(sourceId)) throw unknownSource();
    const source = await ctx.store.findWebhookSource(sourceId);
    // A source of the other kind, or a name that is not its own, is as unknown as a missing one: the answer does
    // not tell a prober which ids exist.
    if (!source || source.kind !== kind || (kind === 'standard' && c.req.param('name') !== source.name)) throw unknownSource();

    const now = ctx.clock.now();
    const wait = ctx.limiter.take(source.id, now);
    if (wait > 0) throw new HttpError(429, 'rate_limited', `Too many deliveries for this source; retry in ${wait} s.`, undefined, { 'Retry-After': String(wait) });
    checkContentType(c.req.header('content-type'));
    const raw = await readBody(c.req.raw, CONTEXT_MAX_BODY_BYTES);

    const verified =
      kind === 'zendesk'
        ? await verifyZendesk({
            signature: c.req.header('x-zendesk-webhook-signature'),
            timestamp: c.req.header('x-zendesk-webhook-signature-timestamp'),
            body: raw,
            secrets: source.secrets,
            now,
          })
        : await verifyStandard({
            id: c.req.header('webhook-id'),
            timestamp: c.req.header('webhook-timestamp'),
            signature: c.req.header('webhook-signature'),
            body: raw,
            secrets: source.secrets,
            now,
          });
    if (!verified.ok) throw new HttpError(401, verified.reason, verified.message);

    const body = parseJson(raw) as Record<string, unknown>;
    let mapped: Mapped;
    try {
      mapped = map(source, body, verified.signedAt);
    } catch (e) {
      if (e instanceof MappingError) throw new HttpError(400, 'invalid_body', e.message, e.issues);
      throw e;
    }
    if (mapped.kind === 'ignored') return c.json({ status: 'ignored', reason: mapped.reason }, 202);

    const deliveryId =
      kind === 'standard'
        ? c.req.header('webhook-id')!
        : (mapped.deliveryId ?? c.req.header('x-zendesk-webhook-invocation-id') ?? `sha256:${await sha256Hex(raw)}`);
    const applied = await ctx.store.applyWebhookDelivery(
      source.workspaceId,
      { sourceId: source.id, deliveryId: deliveryId.slice(0, 200) },
      { accounts: mapped.accounts ?? [], tickets: mapped.tickets ?? [], ticketSource: source.mapping === 'salesforce_case' ? 'salesforce' : source.mapping === 'zendesk' ? 'zendesk' : 'api' },
      now,
    );
    if (applied.duplicate) return c.json({ status: 'duplicate' });
    ctx.background.touch(source.workspaceId, (mapped.accounts ?? []).map((a) => a.id));
    ctx.background.touchTickets(source.workspaceId, (mapped.tickets ?? []).map((t) => t.id));
    return c.json({ status: 'applied', accounts: applied.accounts, tickets: applied.tickets });
  };

  app.post('/v1/webhooks/zendesk/:sourceId', receive('zendesk'));
  app.post('/v1/webhooks/zendesk', receive('zendesk'));
  app.post('/v1/webhooks/:name/:sourceId', receive('standard'));
  app.post('/v1/webhooks/:name', receive('standard'));
}

function map(source: WebhookSourceRecord, body: Record<string, unknown>, signedAt: number): Mapped {
  switch (source.mapping) {
    case 'zendesk':
      return mapZendesk(body, signedAt);
    case 'salesforce_case':
      return mapSalesforceCase(body);
    case 'hubspot_company':
      return mapHubspotCompany(body);
  }
}
