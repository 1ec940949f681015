import { describe, expect, it } from 'vitest';
import { attemptDelivery } from './attempt';
import { attemptDeps, destination, outboxRow, receiversClosedAfterEach, trigger, type ReceivedRequest } from './fixtures';
import { buildOutboxPayload } from './payload';

const TOKEN = 'zdtok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const AUTH = `Basic ${Buffer.from(`agent@acme.com/token:${TOKEN}`).toString('base64')}`;

const open = receiversClosedAfterEach();

/** A fake Zendesk: checks the credentials like Zendesk does, and answers ticket updates. */
async function fakeZendesk(answer: (req: ReceivedRequest) => { status: number; headers?: Record<string, string>; body?: string } = () => ({ status: 200, body: '{"ticket":{}}' })) {
  const r = await open((req) => (req.headers.authorization === AUTH ? answer(req) : { status: 401, body: '{"error":"Couldn\'t authenticate you"}' }));
  const dest = destination({ kind: 'zendesk', baseUrl: r.url(''), email: 'agent@acme.com', apiToken: TOKEN, groupIds: { senior: 360001234567 } });
  return { r, dest };
}

describe('route_ticket to Zendesk', () => {
  it('updates one ticket: group from the queue map, priority, tags added, the summary as an internal note', async () => {
    const { r, dest } = await fakeZendesk();
    const built = buildOutboxPayload({ type: 'route_ticket', queue: 'senior', priority: 'urgent', destination: 'zendesk' }, dest, trigger({ ticketIds: ['35436'] }));
    if (!built.ok) throw new Error(built.error);

    expect(await attemptDelivery(outboxRow(dest, built.payload, { action: 'route_ticket' }), dest, attemptDeps())).toEqual({ kind: 'delivered', status: 200 });

    expect(r.requests).toHaveLength(1);
    const req = r.requests[0]!;
    expect(req.method).toBe('PUT');
    expect(req.url).toBe('/api/v2/tickets/35436.json');
    expect(req.headers.authorization).toBe(AUTH);
    expect(req.headers['content-type']).toBe('application/json');
    const { ticket } = JSON.parse(req.body);
    expect(Object.keys(ticket)).toEqual(['group_id', 'priority', 'additional_tags', 'comment']);
    expect(ticket.group_id).toBe(360001234567);
    expect(ticket.priority).toBe('urgent');
    expect(ticket.additional_tags).toEqual(['forestall', 'forestall_queue_senior', 'forestall_rule_two-unresolved']);
    expect(ticket.comment.public).toBe(false);
    expect(ticket.comment.body).toContain('Acme: ticket routed to senior (urgent)');
    expect(ticket.comment.body).toContain('Next action\n- Call Acme');
    expect(ticket.comment.body).toContain('What the customer wants\n- A working CSV export');
  });

  it('updates several tickets in one update_many request, so a retry cannot repeat half of it', async () => {
    const { r, dest } = await fakeZendesk(() => ({ status: 200, body: '{"job_status":{"status":"queued"}}' }));
    const built = buildOutboxPayload({ type: 'route_ticket', queue: 'unmapped queue' }, dest, trigger({ ticketIds: ['35436', 'not-zendesk', '35440'] }));
    if (!built.ok) throw new Error(built.error);
    expect(await attemptDelivery(outboxRow(dest, built.payload), dest, attemptDeps())).toEqual({ kind: 'delivered', status: 200 });
    const req = r.requests[0]!;
    expect(req.method).toBe('PUT');
    expect(req.url).toBe('/api/v2/tickets/update_many.json?ids=35436,35440');
    const { ticket } = JSON.parse(req.body);
    // No group for a queue the map does not name: the tag lets a Zendesk trigger route it.
    expect(ticket.group_id).toBeUndefined();
    expect(ticket.priority).toBeUndefined();
    expect(ticket.additional_tags).toContain('forestall_queue_unmapped_queue');
  });

  it('reads Zendesk’s error name: a missing ticket is dead, a refused token is retried, a 429 waits as told', async () => {
    const { dest } = await fakeZendesk((req) =>
      req.url.includes('404') ? { status: 404, body: '{"error":"RecordNotFound","description":"Not found"}' } : { status: 429, headers: { 'retry-after': '93' }, body: '' },
    );
    const missing = buildOutboxPayload({ type: 'route_ticket', queue: 'senior' }, dest, trigger({ ticketIds: ['404'] }));
    const busy = buildOutboxPayload({ type: 'route_ticket', queue: 'senior' }, dest, trigger({ ticketIds: ['1'] }));
    if (!missing.ok || !busy.ok) throw new Error('built');
    expect(await attemptDelivery(outboxRow(dest, missing.payload), dest, attemptDeps())).toEqual({ kind: 'dead', status: 404, error: 'HTTP 404 (RecordNotFound)' });
    expect(await attemptDelivery(outboxRow(dest, busy.payload), dest, attemptDeps())).toEqual({ kind: 'retry', status: 429, error: 'HTTP 429', retryAfterMs: 93_000 });

    const wrongToken = { ...dest, config: { ...dest.config, apiToken: 'revoked' } as typeof dest.config };
    expect(await attemptDelivery(outboxRow(dest, busy.payload), wrongToken, attemptDeps())).toEqual({ kind: 'retry', status: 401, error: 'HTTP 401', retryAfterMs: null });
  });

  it('builds nothing for a trigger without a Zendesk ticket, or for another action', () => {
    const dest = destination({ kind: 'zendesk', baseUrl: 'https://acme.zendesk.com', email: 'agent@acme.com', apiToken: TOKEN });
    expect(buildOutboxPayload({ type: 'route_ticket', queue: 'senior' }, dest, trigger({ ticketIds: ['500XX0000012345'] }))).toEqual({
      ok: false,
      error: 'The trigger names no Zendesk ticket (Zendesk ticket ids are numbers).',
    });
    expect(buildOutboxPayload({ type: 'outreach', destination: 'zd' }, dest, trigger())).toEqual({
      ok: false,
      error: 'A zendesk destination does not take outreach actions (it takes route_ticket).',
    });
  });
});
