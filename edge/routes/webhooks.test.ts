import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AccountTimeline, TicketRecord } from '../store';
import { NOW, setup, type Harness } from '../test/harness';
import { hubspotCompany, salesforceCase, zendeskCommentAdded, zendeskCreated, zendeskEvent, zendeskStatusChanged } from '../webhooks/fixtures';
import { signStandard, signZendesk } from '../webhooks/signatures';
import { ZENDESK_CSAT_TYPE } from '../webhooks/zendesk';

const ZENDESK_SECRET = 'dGhpcyBpcyBhIFplbmRlc2sgc2VjcmV0';
const MIN = 60_000;
const sk = (h: Harness) => ({ authorization: `Bearer ${h.sk}` });
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

interface SourceView {
  id: string;
  name: string;
  kind: string;
  mapping: string;
  url: string;
  secrets: Array<{ id: string; createdAt: number; expiresAt: number | null; live: boolean }>;
  secret?: string;
}

async function putSource(h: Harness, name: string, body: unknown): Promise<{ status: number; source: SourceView }> {
  const res = await h.json('PUT', `/v1/webhook-sources/${name}`, body, sk(h));
  return { status: res.status, source: (await res.json()) as SourceView };
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

/** Sends a bad delivery and checks the answer and that nothing was stored. */
async function rejects(h: Harness, send: () => Promise<Response>, status: number, code: string) {
  const before = h.state();
  await expectError(await send(), status, code);
  expect(h.state()).toEqual(before);
}

const ticket = async (h: Harness, id: string) => (await (await h.request(`/v1/tickets/${id}`, { headers: sk(h) })).json()) as TicketRecord;
const timeline = async (h: Harness, id: string) => (await (await h.request(`/v1/accounts/${id}`, { headers: sk(h) })).json()) as AccountTimeline;

async function zendeskSetup() {
  const h = await setup();
  const { source } = await putSource(h, 'zendesk-prod', { kind: 'zendesk', secret: ZENDESK_SECRET });
  const send = async (body: unknown, o: { at?: number; secret?: string; path?: string; tamper?: (s: string) => string; headers?: Record<string, string> } = {}) => {
    const raw = JSON.stringify(body);
    const ts = iso(o.at ?? h.clock.t);
    const signature = await signZendesk(o.secret ?? ZENDESK_SECRET, ts, raw);
    return h.request(o.path ?? new URL(source.url).pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zendesk-webhook-signature': signature, 'x-zendesk-webhook-signature-timestamp': ts, 'x-zendesk-webhook-id': '01GK8E6BKWMJZD2T8Y5AXJQMG5', ...o.headers },
      body: o.tamper ? o.tamper(raw) : raw,
    });
  };
  return { h, source, send };
}

async function standardSetup(mapping: 'salesforce_case' | 'hubspot_company', name = mapping === 'salesforce_case' ? 'salesforce' : 'hubspot') {
  const h = await setup();
  const { source } = await putSource(h, name, { kind: 'standard', mapping });
  const send = async (body: unknown, o: { id?: string; at?: number; secrets?: string[]; path?: string; tamper?: (s: string) => string; signature?: string } = {}) => {
    const raw = JSON.stringify(body);
    const id = o.id ?? `msg_${randomUUID()}`;
    const ts = Math.floor((o.at ?? h.clock.t) / 1000);
    const signatures = await Promise.all((o.secrets ?? [source.secret!]).map((s) => signStandard(s, id, ts, raw)));
    return h.request(o.path ?? new URL(source.url).pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': o.signature ?? signatures.join(' ') },
      body: o.tamper ? o.tamper(raw) : raw,
    });
  };
  return { h, source, send };
}

describe('webhook sources', () => {
  it('creates a Standard Webhooks source with a generated secret shown once, never again', async () => {
    const h = await setup();
    const { status, source } = await putSource(h, 'salesforce', { kind: 'standard', mapping: 'salesforce_case' });
    expect(status).toBe(201);
    expect(source).toMatchObject({ name: 'salesforce', kind: 'standard', mapping: 'salesforce_case', url: `http://edge.test/v1/webhooks/salesforce/${source.id}` });
    expect(source.id).toMatch(/^whs_[0-9a-f]{24}$/);
    expect(source.secret).toMatch(/^whsec_/);
    expect(source.secrets).toEqual([{ id: expect.stringMatching(/^sec_/), createdAt: NOW, expiresAt: null, live: true }]);
    const got = await (await h.request('/v1/webhook-sources/salesforce', { headers: sk(h) })).text();
    const list = await (await h.request('/v1/webhook-sources', { headers: sk(h) })).text();
    const again = await putSource(h, 'salesforce', { kind: 'standard', mapping: 'salesforce_case' });
    expect(again.status).toBe(200);
    expect(again.source.id).toBe(source.id);
    for (const text of [got, list, JSON.stringify(again.source), JSON.stringify(h.logs)]) expect(text).not.toContain(source.secret!.slice(6));
    expect(JSON.parse(list)).toEqual({ webhookSources: [expect.objectContaining({ id: source.id, name: 'salesforce' })] });
  });

  it('takes a Zendesk source with the secret Zendesk made, and does not echo it', async () => {
    const h = await setup();
    const { status, source } = await putSource(h, 'zendesk-prod', { kind: 'zendesk', secret: ZENDESK_SECRET });
    expect(status).toBe(201);
    expect(source).toMatchObject({ kind: 'zendesk', mapping: 'zendesk', url: `http://edge.test/v1/webhooks/zendesk/${source.id}` });
    expect(JSON.stringify(source)).not.toContain(ZENDESK_SECRET);
  });

  it('rotates: the new secret is current, the old one expires after the grace period', async () => {
    const h = await setup();
    const first = (await putSource(h, 'hubspot', { kind: 'standard', mapping: 'hubspot_company' })).source;
    h.clock.t += 1000;
    const rotated = (await putSource(h, 'hubspot', { kind: 'standard', mapping: 'hubspot_company', rotate: true, previousSecretTtlSeconds: 3600 })).source;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(first.secret);
    expect(rotated.secrets.map((s) => [s.expiresAt, s.live])).toEqual([
      [NOW + 1000 + 3_600_000, true],
      [null, true],
    ]);
  });

  it('deletes a source; its URL is unknown afterwards', async () => {
    const { h, send } = await zendeskSetup();
    expect((await h.request('/v1/webhook-sources/zendesk-prod', { method: 'DELETE', headers: sk(h) })).status).toBe(204);
    expect((await h.request('/v1/webhook-sources/zendesk-prod', { method: 'DELETE', headers: sk(h) })).status).toBe(404);
    await expectError(await send(zendeskCreated()), 404, 'unknown_source');
  });

  it('refuses bad sources and stores nothing', async () => {
    const h = await setup();
    const bad = async (name: string, body: unknown, status: number, code: string, headers = sk(h)) => rejects(h, () => h.json('PUT', `/v1/webhook-sources/${name}`, body, headers), status, code);
    await bad('zendesk-prod', { kind: 'zendesk' }, 400, 'invalid_body');
    await bad('zendesk-prod', { kind: 'zendesk', rotate: true, secret: 'abcdefghij' }, 400, 'invalid_body');
    await bad('sf', { kind: 'standard' }, 400, 'invalid_body');
    await bad('sf', { kind: 'standard', mapping: 'zendesk' }, 400, 'invalid_body');
    await bad('sf', { kind: 'standard', mapping: 'salesforce_case', secret: 'not-a-whsec-secret' }, 400, 'invalid_body');
    await bad('sf', { kind: 'standard', mapping: 'salesforce_case', colour: 'red' }, 400, 'invalid_body');
    await bad('zendesk', { kind: 'standard', mapping: 'hubspot_company' }, 400, 'invalid_id');
    await bad('Bad%20Name', { kind: 'zendesk', secret: ZENDESK_SECRET }, 400, 'invalid_id');
    await bad('sf', { kind: 'standard', mapping: 'salesforce_case' }, 403, 'secret_key_required', { authorization: `Bearer ${h.pk}` });
    await putSource(h, 'zd', { kind: 'zendesk', secret: ZENDESK_SECRET });
    await bad('zd', { kind: 'standard', mapping: 'salesforce_case' }, 409, 'kind_mismatch');
    await rejects(h, () => h.request('/v1/webhook-sources', { headers: { authorization: `Bearer ${h.pk}` } }), 403, 'secret_key_required');
  });
});

describe('POST /v1/webhooks/zendesk', () => {
  it('maps ticket created, comments from both sides, status changes and a CSAT trigger onto one ticket', async () => {
    const { h, send } = await zendeskSetup();
    const created = await send(zendeskCreated());
    expect(created.status).toBe(200);
    expect(await created.json()).toEqual({ status: 'applied', accounts: { created: 0, updated: 0, unchanged: 0 }, tickets: { created: 1, updated: 0, unchanged: 0, messagesAdded: 0, statusChanges: 0 } });
    await send(zendeskCommentAdded({ id: '16202864346893', body: 'The export is still empty.', isStaff: false }, { time: NOW - 90 * MIN }));
    await send(zendeskCommentAdded({ id: '16202864346894', body: 'Looking into it.', isStaff: true }, { time: NOW - 80 * MIN }));
    await send(zendeskCommentAdded({ id: '16202864346895', body: 'Internal: ask eng.', isStaff: true, isPublic: false }, { time: NOW - 70 * MIN }));
    await send(zendeskStatusChanged('SOLVED', 'OPEN', { time: NOW - 30 * MIN, detail: { updated_at: iso(NOW - 30 * MIN) } }));
    const csat = await send({ type: ZENDESK_CSAT_TYPE, ticket_id: '35436', score: "Bad, I'm unsatisfied", comment: 'Still broken' });
    expect(csat.status).toBe(200);

    const t = await ticket(h, '35436');
    expect(t).toMatchObject({
      status: 'solved',
      priority: 'high',
      subject: 'CSV export is empty',
      requesterId: '9000000000001',
      accountId: '1500012345678',
      tags: ['export', 'reports'],
      createdAt: NOW - 120 * MIN,
      solvedAt: NOW - 30 * MIN,
      source: 'zendesk',
      csat: { score: 'bad', negative: true, comment: 'Still broken', at: NOW },
    });
    expect(t.messages.map((m) => [m.id, m.author, m.public, m.at])).toEqual([
      ['16202864346893', 'customer', true, NOW - 90 * MIN],
      ['16202864346894', 'agent', true, NOW - 80 * MIN],
      ['16202864346895', 'agent', false, NOW - 70 * MIN],
    ]);
    const history = (await timeline(h, '1500012345678')).ticketEvents.map((e) => [e.type, e.fromStatus, e.toStatus ?? e.csatScore, e.at]);
    expect(history).toEqual([
      ['csat', null, 'bad', NOW],
      ['status', 'open', 'solved', NOW - 30 * MIN],
      // The comment events' ticket snapshot shows it open since its updated_at.
      ['status', 'new', 'open', NOW - 60 * MIN],
      ['created', null, null, NOW - 120 * MIN],
    ]);
  });

  it('applies a duplicate delivery once', async () => {
    const { h, send } = await zendeskSetup();
    await send(zendeskCreated());
    const comment = zendeskCommentAdded({ id: '1', body: 'Hello?', isStaff: false });
    expect((await (await send(comment)).json()) as object).toMatchObject({ status: 'applied' });
    const before = h.state();
    h.clock.t += 30_000;
    const again = await send(comment);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'duplicate' });
    expect(h.state()).toEqual(before);
  });

  it('answers 202 to a ticket event it does not map, and stores nothing', async () => {
    const { h, send } = await zendeskSetup();
    const before = h.state();
    const res = await send(zendeskEvent('zen:event-type:ticket.tags_changed', { current: ['vip'], previous: [] }));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'ignored' });
    const user = await send(zendeskEvent('zen:event-type:user.active_changed', { current: false, previous: true }));
    expect(user.status).toBe(202);
    expect(h.state()).toEqual(before);
  });

  it('takes the source from ?source= on the bare path', async () => {
    const { h, source, send } = await zendeskSetup();
    const res = await send(zendeskCreated(), { path: `/v1/webhooks/zendesk?source=${source.id}` });
    expect(res.status).toBe(200);
    expect(h.state().tickets).toBe(1);
  });

  it('refuses unsigned, mis-signed, stale, future and altered deliveries, and stores nothing', async () => {
    const { h, source, send } = await zendeskSetup();
    const body = zendeskCreated();
    await rejects(h, () => send(body, { secret: 'someone-elses-secret' }), 401, 'invalid_signature');
    await rejects(h, () => send(body, { tamper: (s) => s.replace('CSV export is empty', 'CSV export is fine') }), 401, 'invalid_signature');
    await rejects(h, () => send(body, { at: NOW - 6 * MIN }), 401, 'stale_timestamp');
    await rejects(h, () => send(body, { at: NOW + 6 * MIN }), 401, 'future_timestamp');
    await rejects(h, () => send(body, { headers: { 'x-zendesk-webhook-signature-timestamp': 'yesterday' } }), 401, 'invalid_timestamp');
    await rejects(h, () => h.json('POST', new URL(source.url).pathname, body), 401, 'missing_signature');
    await rejects(h, () => send(body, { path: '/v1/webhooks/zendesk' }), 400, 'missing_source');
    await rejects(h, () => send(body, { path: '/v1/webhooks/zendesk/whs_000000000000000000000000' }), 404, 'unknown_source');
    await rejects(h, () => send(body, { path: '/v1/webhooks/zendesk/../../etc' }), 404, 'not_found');
    await rejects(h, () => send({ ...body, detail: { ...body.detail, id: undefined } }), 400, 'invalid_body');
    await rejects(h, () => send({ type: ZENDESK_CSAT_TYPE, ticket_id: '35436', score: 'meh' }), 400, 'invalid_body');
    await rejects(h, () => send({ ticket: 1 }), 400, 'invalid_body');
  });

  it('verifies with the old and the new secret while both live, and refuses the old one once it expired', async () => {
    const { h, send } = await zendeskSetup();
    const NEW_SECRET = 'bmV3IFplbmRlc2sgc2VjcmV0';
    await putSource(h, 'zendesk-prod', { kind: 'zendesk', secret: NEW_SECRET, previousSecretTtlSeconds: 600 });
    expect((await send(zendeskCreated({ id: 'e1' }))).status).toBe(200);
    expect((await send(zendeskCreated({ id: 'e2' }), { secret: NEW_SECRET })).status).toBe(200);
    h.clock.t += 601_000;
    await rejects(h, () => send(zendeskCreated({ id: 'e3' })), 401, 'invalid_signature');
    expect((await send(zendeskCreated({ id: 'e4' }), { secret: NEW_SECRET })).status).toBe(200);
  });
});

describe('POST /v1/webhooks/:name (Standard Webhooks)', () => {
  it('maps a Salesforce Case onto a ticket, then its closing', async () => {
    const { h, send } = await standardSetup('salesforce_case');
    const res = await send(salesforceCase());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'applied', tickets: { created: 1, messagesAdded: 1 } });
    expect(await ticket(h, '500Dn00000AbCdEIAV')).toMatchObject({
      status: 'open',
      priority: 'normal',
      accountId: '001Dn00000XyZaBIAV',
      requesterId: '003Dn00000QrStUIAV',
      requesterEmail: 'ada@acme.test',
      subject: 'Invoices show the wrong VAT rate',
      topic: 'Email',
      createdAt: Date.UTC(2026, 4, 28, 9, 14, 3),
      source: 'salesforce',
      messages: [expect.objectContaining({ id: '500Dn00000AbCdEIAV:description', author: 'customer' })],
    });
    await send(
      salesforceCase({
        Status: 'Closed',
        IsClosed: true,
        ClosedDate: '2026-05-30T12:00:00.000+0000',
        LastModifiedDate: '2026-05-30T12:00:00.000+0000',
        EmailMessages: [
          { Id: '02sDn00000EmAiLIAV', TextBody: 'Thanks, fixed now.', MessageDate: '2026-05-30T11:00:00.000+0000', Incoming: true },
        ],
      }),
    );
    const closed = await ticket(h, '500Dn00000AbCdEIAV');
    expect(closed).toMatchObject({ status: 'closed', solvedAt: Date.UTC(2026, 4, 30, 12) });
    expect(closed.messages.map((m) => [m.id, m.author])).toEqual([
      ['500Dn00000AbCdEIAV:description', 'customer'],
      ['02sDn00000EmAiLIAV', 'customer'],
    ]);
  });

  it('maps a HubSpot company onto an account', async () => {
    const { h, send } = await standardSetup('hubspot_company');
    const res = await send(hubspotCompany());
    expect(await res.json()).toMatchObject({ status: 'applied', accounts: { created: 1 } });
    expect((await timeline(h, '6118234568')).account).toMatchObject({
      name: 'Acme GmbH',
      domain: 'acme.de',
      arr: 48_000,
      renewalDate: Date.UTC(2026, 11, 31),
      owner: '52550153',
      traits: { lifecyclestage: 'customer', numberofemployees: '250' },
    });
    const deleted = await send(hubspotCompany({}, 'company.deleted'));
    expect(deleted.status).toBe(202);
  });

  it('treats a replayed webhook-id as a duplicate and changes nothing', async () => {
    const { h, send } = await standardSetup('hubspot_company');
    await send(hubspotCompany(), { id: 'msg_1' });
    const before = h.state();
    h.clock.t += MIN;
    const replay = await send(hubspotCompany({ name: 'Changed' }), { id: 'msg_1' });
    expect(await replay.json()).toEqual({ status: 'duplicate' });
    expect(h.state()).toEqual(before);
  });

  it('accepts deliveries signed with either secret during a rotation, and not with an expired one', async () => {
    const { h, source, send } = await standardSetup('hubspot_company');
    const rotated = (await putSource(h, 'hubspot', { kind: 'standard', mapping: 'hubspot_company', rotate: true, previousSecretTtlSeconds: 600 })).source;
    expect((await send(hubspotCompany(), { secrets: [source.secret!] })).status).toBe(200);
    expect((await send(hubspotCompany(), { secrets: [rotated.secret!] })).status).toBe(200);
    expect((await send(hubspotCompany(), { secrets: [source.secret!, rotated.secret!] })).status).toBe(200);
    h.clock.t += 601_000;
    await rejects(h, () => send(hubspotCompany(), { secrets: [source.secret!] }), 401, 'invalid_signature');
    expect((await send(hubspotCompany(), { secrets: [source.secret!, rotated.secret!] })).status).toBe(200);
  });

  it('refuses bad deliveries and stores nothing', async () => {
    const { h, source, send } = await standardSetup('salesforce_case');
    const body = salesforceCase();
    await rejects(h, () => send(body, { tamper: (s) => s.replace('Working', 'Closed') }), 401, 'invalid_signature');
    await rejects(h, () => send(body, { secrets: ['whsec_' + Buffer.alloc(32, 7).toString('base64')] }), 401, 'invalid_signature');
    await rejects(h, () => send(body, { signature: 'v1,' + 'A'.repeat(44) }), 401, 'invalid_signature');
    await rejects(h, () => send(body, { at: NOW - 6 * MIN }), 401, 'stale_timestamp');
    await rejects(h, () => send(body, { at: NOW + 6 * MIN }), 401, 'future_timestamp');
    await rejects(h, () => h.json('POST', new URL(source.url).pathname, body), 401, 'missing_signature');
    await rejects(h, () => send(body, { path: `/v1/webhooks/hubspot/${source.id}` }), 404, 'unknown_source');
    await rejects(h, () => send(body, { path: `/v1/webhooks/zendesk/${source.id}` }), 404, 'unknown_source');
    await rejects(h, () => send(body, { path: '/v1/webhooks/salesforce' }), 400, 'missing_source');
    await rejects(h, () => send(salesforceCase({ Id: 'not an id' })), 400, 'invalid_body');
    await rejects(h, () => send(salesforceCase({ CreatedDate: 'Monday' })), 400, 'invalid_body');
    await rejects(h, () => send({ data: 'nope' }), 400, 'invalid_body');
    const { h: hs, send: sendHs } = await standardSetup('hubspot_company');
    await rejects(hs, () => sendHs({ data: { properties: { name: { value: 'No id' } } } }), 400, 'invalid_body');
    await rejects(hs, () => sendHs(hubspotCompany({ hs_arr: 'a lot' })), 400, 'invalid_body');
  });

  it('also takes the source from ?source= on the bare path', async () => {
    const { h, source, send } = await standardSetup('salesforce_case');
    expect((await send(salesforceCase(), { path: `/v1/webhooks/salesforce?source=${source.id}` })).status).toBe(200);
    expect(h.state().tickets).toBe(1);
  });
});
