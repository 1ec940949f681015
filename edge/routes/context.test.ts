import { describe, expect, it } from 'vitest';
import { MAX_RECORDS_PER_BATCH, MAX_TICKETS_PER_BATCH } from '../context/schemas';
import type { AccountTimeline, TicketRecord } from '../store';
import { NOW, ORIGIN, setup, type Harness } from '../test/harness';

const DAY = 86_400_000;
const sk = (h: Harness) => ({ authorization: `Bearer ${h.sk}` });
const post = (h: Harness, path: string, body: unknown, headers: Record<string, string> = {}) => h.json('POST', path, body, { ...sk(h), ...headers });
const timeline = async (h: Harness, id: string) => (await (await h.request(`/v1/accounts/${id}`, { headers: sk(h) })).json()) as AccountTimeline & { accountId: string };
const ticket = async (h: Harness, id: string) => (await (await h.request(`/v1/tickets/${id}`, { headers: sk(h) })).json()) as TicketRecord;

/** Sends a bad request and checks the answer and that nothing was stored. */
async function rejects(h: Harness, send: () => Promise<Response>, status: number, code: string, path?: string) {
  const before = h.state();
  const res = await send();
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string; issues?: Array<{ path: string }> } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  if (path !== undefined) expect(body.error.issues?.map((i) => i.path)).toContain(path);
  expect(h.state()).toEqual(before);
}

describe('POST /v1/accounts', () => {
  it('upserts a batch by id and answers with counts', async () => {
    const h = await setup();
    const acme = { id: 'acme', name: 'Acme', domain: 'Acme.com', tier: 'enterprise', arr: 120_000, renewalDate: '2026-09-30', owner: 'sam@vendor.test', csm: 'kim@vendor.test', health: 'green', healthScore: 82, plan: 'pro' };
    const res = await post(h, '/v1/accounts', { accounts: [acme, { id: 'globex', name: 'Globex' }] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const again = await post(h, '/v1/accounts', { accounts: [acme, { id: 'globex', tier: 'smb' }] });
    expect(await again.json()).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const t = await timeline(h, 'acme');
    expect(t.account).toMatchObject({ id: 'acme', name: 'Acme', domain: 'acme.com', tier: 'enterprise', arr: 120_000, renewalDate: Date.UTC(2026, 8, 30), owner: 'sam@vendor.test', csm: 'kim@vendor.test', health: 'green', healthScore: 82, plan: 'pro', insertedAt: NOW, updatedAt: NOW });
  });

  it('keeps fields a partial update did not send, clears fields sent as null, merges traits', async () => {
    const h = await setup();
    await post(h, '/v1/accounts', { accounts: [{ id: 'acme', name: 'Acme', tier: 'enterprise', arr: 1000, traits: { region: 'EU', seats: 40 } }] });
    h.clock.t += 1000;
    const res = await post(h, '/v1/accounts', { accounts: [{ id: 'acme', arr: 2000, tier: null, traits: { seats: 45, region: null, industry: 'retail' } }] });
    expect(await res.json()).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect((await timeline(h, 'acme')).account).toMatchObject({ name: 'Acme', tier: null, arr: 2000, traits: { seats: 45, industry: 'retail' }, insertedAt: NOW, updatedAt: NOW + 1000 });
  });

  it('applies repeated ids in order, the last one winning', async () => {
    const h = await setup();
    const res = await post(h, '/v1/accounts', { accounts: [{ id: 'a', plan: 'free' }, { id: 'a', plan: 'pro' }] });
    expect(await res.json()).toEqual({ created: 1, updated: 1, unchanged: 0 });
    expect((await timeline(h, 'a')).account?.plan).toBe('pro');
  });

  it('refuses bad batches and stores nothing', async () => {
    const h = await setup();
    const bad = (body: unknown, path?: string) => rejects(h, () => post(h, '/v1/accounts', body), 400, 'invalid_body', path);
    await bad({ accounts: [{ id: 'a', arr: 'lots' }] }, 'accounts.0.arr');
    await bad({ accounts: [{ id: 'a' }, { name: 'no id' }] }, 'accounts.1.id');
    await bad({ accounts: [{ id: 'a', renewalDate: '2026-02-30' }] }, 'accounts.0.renewalDate');
    await bad({ accounts: [{ id: 'a', renewalDate: 'next spring' }] }, 'accounts.0.renewalDate');
    await bad({ accounts: [{ id: 'a', renewalDate: '2026-09-30T10:00:00' }] }, 'accounts.0.renewalDate');
    await bad({ accounts: [{ id: 'a', renewalDate: 1_790_000_000 }] }, 'accounts.0.renewalDate');
    await bad({ accounts: [{ id: 'a', domain: 'not a domain' }] }, 'accounts.0.domain');
    await bad({ accounts: [{ id: 'a', healthScore: 101 }] }, 'accounts.0.healthScore');
    await bad({ accounts: [{ id: 'a', colour: 'red' }] }, 'accounts.0');
    await bad({ accounts: [{ id: 'a' }], extra: true }, '(root)');
    await bad({ accounts: [] }, 'accounts');
    await bad({ accounts: Array.from({ length: MAX_RECORDS_PER_BATCH + 1 }, (_, i) => ({ id: `a${i}` })) }, 'accounts');
    await bad({ accounts: [{ id: 'x'.repeat(129) }] }, 'accounts.0.id');
    await rejects(h, () => post(h, '/v1/accounts', '{"accounts": ['), 400, 'malformed_json');
    await rejects(h, () => post(h, '/v1/accounts', { accounts: [{ id: 'a' }] }, { authorization: `Bearer ${h.pk}` }), 403, 'secret_key_required');
    await rejects(h, () => post(h, '/v1/accounts', { accounts: [{ id: 'a' }] }, { authorization: 'Bearer sk_' + 'Z'.repeat(32) }), 401, 'unknown_key');
    await rejects(h, () => h.json('POST', '/v1/accounts', { accounts: [{ id: 'a' }] }), 401, 'missing_key');
    await rejects(h, () => post(h, '/v1/accounts', { accounts: [{ id: 'a' }] }, { origin: ORIGIN }), 403, 'secret_key_in_browser');
    await rejects(h, () => post(h, '/v1/accounts', { accounts: [{ id: 'a' }] }, { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  });
});

describe('POST /v1/users', () => {
  it('upserts users, partial updates keep what was not sent, and the account timeline lists them', async () => {
    const h = await setup();
    const res = await post(h, '/v1/users', {
      users: [
        { id: 'u1', accountId: 'acme', email: 'Ada@Acme.test', name: 'Ada', role: 'admin', createdAt: '2025-01-10', lastSeenAt: '2026-05-31T08:00:00Z' },
        { id: 'u2', accountId: 'acme', email: 'bo@acme.test' },
        { id: 'u3', accountId: 'other' },
      ],
    });
    expect(await res.json()).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const update = await post(h, '/v1/users', { users: [{ id: 'u1', lastSeenAt: NOW - 1000 }, { id: 'u2', email: 'bo@acme.test' }] });
    expect(await update.json()).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const t = await timeline(h, 'acme');
    expect(t.users.map((u) => u.id)).toEqual(['u1', 'u2']);
    expect(t.users[0]).toMatchObject({ email: 'ada@acme.test', name: 'Ada', role: 'admin', createdAt: Date.UTC(2025, 0, 10), lastSeenAt: NOW - 1000 });
  });

  it('refuses bad users and stores nothing', async () => {
    const h = await setup();
    const bad = (body: unknown, path?: string) => rejects(h, () => post(h, '/v1/users', body), 400, 'invalid_body', path);
    await bad({ users: [{ id: 'u1', email: 'not-an-email' }] }, 'users.0.email');
    await bad({ users: [{ id: 'u1', createdAt: '31/12/2025' }] }, 'users.0.createdAt');
    await bad({ users: [{ id: 7 }] }, 'users.0.id');
    await bad({ users: [{ id: 'u1', account: 'acme' }] }, 'users.0');
    await bad({ accounts: [{ id: 'u1' }] }, 'users');
    await rejects(h, () => post(h, '/v1/users', { users: [{ id: 'u1' }] }, { authorization: `Bearer ${h.pk}` }), 403, 'secret_key_required');
  });
});

describe('POST /v1/tickets', () => {
  const backfilled = {
    id: 'T-100',
    status: 'solved',
    priority: 'high',
    requester: { id: 'u1', email: 'ada@acme.test' },
    accountId: 'acme',
    subject: 'CSV export fails',
    tags: ['export', 'bug'],
    topic: 'reports',
    createdAt: '2026-03-02T09:00:00Z',
    updatedAt: '2026-03-03T16:00:00Z',
    solvedAt: '2026-03-03T15:30:00Z',
    messages: [
      { id: 'm1', author: 'customer', text: 'The export gives me an empty file.', at: '2026-03-02T09:00:00Z' },
      { id: 'm2', author: 'agent', text: 'Fixed on our side, please retry.', at: '2026-03-03T15:29:00Z' },
    ],
    csat: { score: 'bad', comment: 'Took two days', at: '2026-03-03T16:00:00Z' },
  };

  it('backfills a ticket with its historical timestamps, messages, CSAT and history', async () => {
    const h = await setup();
    const res = await post(h, '/v1/tickets', { tickets: [backfilled] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ created: 1, updated: 0, unchanged: 0, messagesAdded: 2, statusChanges: 1 });
    const t = await ticket(h, 'T-100');
    expect(t).toMatchObject({
      id: 'T-100',
      status: 'solved',
      priority: 'high',
      requesterId: 'u1',
      requesterEmail: 'ada@acme.test',
      accountId: 'acme',
      tags: ['export', 'bug'],
      createdAt: Date.UTC(2026, 2, 2, 9),
      updatedAt: Date.UTC(2026, 2, 3, 16),
      solvedAt: Date.UTC(2026, 2, 3, 15, 30),
      csat: { score: 'bad', negative: true, comment: 'Took two days', at: Date.UTC(2026, 2, 3, 16) },
      source: 'api',
      messageCount: 2,
    });
    expect(t.messages.map((m) => [m.id, m.author, m.at])).toEqual([
      ['m1', 'customer', Date.UTC(2026, 2, 2, 9)],
      ['m2', 'agent', Date.UTC(2026, 2, 3, 15, 29)],
    ]);
    const history = (await timeline(h, 'acme')).ticketEvents.map((e) => [e.type, e.toStatus ?? e.csatScore, e.at]);
    expect(history).toEqual([
      ['csat', 'bad', Date.UTC(2026, 2, 3, 16)],
      ['status', 'solved', Date.UTC(2026, 2, 3, 15, 30)],
      ['created', null, Date.UTC(2026, 2, 2, 9)],
    ]);
  });

  it('is idempotent: the same ticket again changes nothing and adds no history', async () => {
    const h = await setup();
    await post(h, '/v1/tickets', { tickets: [backfilled] });
    const before = h.state();
    const res = await post(h, '/v1/tickets', { tickets: [backfilled] });
    expect(await res.json()).toEqual({ created: 0, updated: 0, unchanged: 1, messagesAdded: 0, statusChanges: 0 });
    expect(h.state()).toEqual(before);
  });

  it('appends new messages, ignores re-sent ones, and records status changes with their time', async () => {
    const h = await setup();
    await post(h, '/v1/tickets', { tickets: [{ id: 'T-1', status: 'open', accountId: 'acme', createdAt: NOW - 3 * DAY, messages: [{ id: 'm1', author: 'customer', text: 'Hi', at: NOW - 3 * DAY }] }] });
    const res = await post(h, '/v1/tickets', {
      tickets: [
        {
          id: 'T-1',
          status: 'pending',
          updatedAt: NOW - 2 * DAY,
          messages: [
            { id: 'm1', author: 'customer', text: 'Hi', at: NOW - 3 * DAY },
            { id: 'm2', author: 'agent', text: 'Which browser?', at: NOW - 2 * DAY },
          ],
        },
      ],
    });
    expect(await res.json()).toEqual({ created: 0, updated: 1, unchanged: 0, messagesAdded: 1, statusChanges: 1 });
    await post(h, '/v1/tickets', { tickets: [{ id: 'T-1', status: 'solved', updatedAt: NOW - DAY, messages: [{ id: 'm3', author: 'customer', text: 'Firefox', at: NOW - DAY - 60_000 }] }] });
    const t = await ticket(h, 'T-1');
    expect(t.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(t).toMatchObject({ status: 'solved', solvedAt: NOW - DAY, updatedAt: NOW - DAY, accountId: 'acme' });
    const statuses = (await timeline(h, 'acme')).ticketEvents.filter((e) => e.type === 'status').map((e) => [e.fromStatus, e.toStatus, e.at]);
    expect(statuses).toEqual([
      ['pending', 'solved', NOW - DAY],
      ['open', 'pending', NOW - 2 * DAY],
      [null, 'open', NOW - 3 * DAY],
    ]);
  });

  it('keeps newer fields when an older update arrives late, but still records its history', async () => {
    const h = await setup();
    await post(h, '/v1/tickets', { tickets: [{ id: 'T-2', status: 'solved', accountId: 'acme', createdAt: NOW - 2 * DAY, updatedAt: NOW - DAY }] });
    const res = await post(h, '/v1/tickets', { tickets: [{ id: 'T-2', status: 'pending', updatedAt: NOW - 1.5 * DAY, subject: 'old subject' }] });
    expect(await res.json()).toMatchObject({ statusChanges: 1 });
    expect(await ticket(h, 'T-2')).toMatchObject({ status: 'solved', subject: null, updatedAt: NOW - DAY });
  });

  it("takes the account from a known requester when the ticket names none, and infers what a bare ticket leaves out", async () => {
    const h = await setup();
    await post(h, '/v1/users', { users: [{ id: 'u1', accountId: 'acme', email: 'ada@acme.test' }] });
    await post(h, '/v1/tickets', { tickets: [{ id: 'T-3', requester: { email: 'ADA@acme.test' }, messages: [{ id: 'm', author: 'customer', text: 'Help', at: NOW - DAY }] }] });
    expect(await ticket(h, 'T-3')).toMatchObject({ accountId: 'acme', status: 'new', createdAt: NOW - DAY, updatedAt: NOW - DAY, solvedAt: null });
    expect((await timeline(h, 'acme')).tickets.map((t) => t.id)).toEqual(['T-3']);
  });

  it('refuses bad tickets and stores nothing', async () => {
    const h = await setup();
    const bad = (body: unknown, path?: string) => rejects(h, () => post(h, '/v1/tickets', body), 400, 'invalid_body', path);
    await bad({ tickets: [{ id: 'T', status: 'resolved' }] }, 'tickets.0.status');
    await bad({ tickets: [{ id: 'T', priority: 'p1' }] }, 'tickets.0.priority');
    await bad({ tickets: [{ id: 'T', createdAt: '2026-03-02 09:00' }] }, 'tickets.0.createdAt');
    await bad({ tickets: [{ id: 'T', createdAt: NOW + 2 * DAY }] }, 'tickets.0.createdAt');
    await bad({ tickets: [{ id: 'T', messages: [{ id: 'm', author: 'customer', text: 'x', at: NOW + 2 * DAY }] }] }, 'tickets.0.messages.0.at');
    await bad({ tickets: [{ id: 'T', messages: [{ id: 'm', author: 'bot', text: 'x', at: NOW }] }] }, 'tickets.0.messages.0.author');
    await bad({ tickets: [{ id: 'T', messages: [{ author: 'agent', text: 'x', at: NOW }] }] }, 'tickets.0.messages.0.id');
    await bad({ tickets: [{ id: 'T', csat: { score: 6 } }] }, 'tickets.0.csat.score');
    await bad({ tickets: [{ id: 'T', csat: { score: 'meh' } }] }, 'tickets.0.csat.score');
    await bad({ tickets: [{ id: 'T', requester: {} }] }, 'tickets.0.requester');
    await bad({ tickets: [{ id: 'T', requester: { email: 'nope' } }] }, 'tickets.0.requester.email');
    await bad({ tickets: [{ id: 'T', tags: 'a,b' }] }, 'tickets.0.tags');
    await bad({ tickets: [{ id: 'T', assignee: 'x' }] }, 'tickets.0');
    await bad({ tickets: [{ id: 'ok', status: 'open' }, { id: 'T', status: 'open', solvedAt: 'soon' }] }, 'tickets.1.solvedAt');
    await bad({ tickets: Array.from({ length: MAX_TICKETS_PER_BATCH + 1 }, (_, i) => ({ id: `T${i}` })) }, 'tickets');
    await bad({ tickets: [{ id: 'T', messages: Array.from({ length: 501 }, (_, i) => ({ id: `m${i}`, author: 'agent', text: 'x', at: NOW })) }] }, 'tickets.0.messages');
    await rejects(h, () => post(h, '/v1/tickets', { tickets: [{ id: 'T' }] }, { authorization: `Bearer ${h.pk}` }), 403, 'secret_key_required');
    await rejects(h, () => post(h, '/v1/tickets', 'x'.repeat(1024 * 1024 + 1)), 413, 'body_too_large');
  });
});

describe('GET /v1/accounts/:id with context', () => {
  it('shows the CRM fields, users, tickets and their history beside events and cases', async () => {
    const h = await setup();
    await post(h, '/v1/accounts', { accounts: [{ id: 'acme', name: 'Acme', tier: 'enterprise' }] });
    await post(h, '/v1/users', { users: [{ id: 'u1', accountId: 'acme' }] });
    await post(h, '/v1/tickets', { tickets: [{ id: 'T-1', accountId: 'acme', status: 'open', createdAt: NOW - DAY }, { id: 'T-2', accountId: 'acme', status: 'new', createdAt: NOW - 1000 }, { id: 'T-9', accountId: 'other', createdAt: NOW }] });
    const t = await timeline(h, 'acme');
    expect(t).toMatchObject({ accountId: 'acme', account: { name: 'Acme', tier: 'enterprise' }, events: [], cases: [] });
    expect(t.users.map((u) => u.id)).toEqual(['u1']);
    expect(t.tickets.map((x) => x.id)).toEqual(['T-2', 'T-1']);
    expect(t.ticketEvents.every((e) => ['T-1', 'T-2'].includes(e.ticketId))).toBe(true);
    const unknown = await timeline(h, 'nobody');
    expect(unknown).toMatchObject({ account: null, users: [], tickets: [], ticketEvents: [] });
  });
});
