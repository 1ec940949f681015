import { describe, expect, it } from 'vitest';
import type { TriggerRecord } from '../actions/types';
import { NOW, setup, type Harness } from '../test/harness';

const sk = (h: Harness) => ({ authorization: `Bearer ${h.sk}` });

async function withTriggers(h: Harness) {
  const ws = h.workspaceId;
  await h.store.putDestination(ws, { id: 'dst_inbox', name: 'inbox', config: { kind: 'local_inbox' }, enabled: true, disabledReason: null, createdAt: NOW, updatedAt: NOW });
  const make = (id: string, accountId: string, firedAt: number): TriggerRecord => ({
    id,
    workspaceId: ws,
    ruleId: 'r1',
    ruleName: 'Rule one',
    accountId,
    ticketIds: [],
    actions: [{ type: 'outreach', destination: 'inbox' }],
    riskScore: 50,
    reasons: [],
    summary: { headline: 'h', whatHappened: [], whatWasChecked: [], customerWants: '', account: { id: accountId, name: null, tier: null, arr: null, renewalAt: null, owner: null, csm: null, riskScore: 50, recentTickets: [], csat: [] }, policy: { guardrails: [], requiresHuman: false, notes: [] }, nextAction: '', markdown: 'h', source: 'template' },
    firedAt,
    ackedAt: null,
    ackedBy: null,
    delivery: 'none',
  });
  for (const [id, account, at] of [['t1', 'acme', NOW - 3000], ['t2', 'acme', NOW - 2000], ['t3', 'globex', NOW - 1000]] as const) {
    const t = make(id, account, at);
    await h.store.fireTrigger(
      ws,
      {
        trigger: t,
        outbox: [{ id: `o_${id}`, workspaceId: ws, triggerId: id, destinationId: 'dst_inbox', action: 'outreach', payload: {}, idempotencyKey: id, state: 'pending', attempts: 0, nextAttemptAt: NOW, lastStatus: null, lastError: null, deliveredAt: null, createdAt: NOW }],
        cooldowns: [{ key: `account:${account}:${id}`, until: NOW + 1 }],
        tipTargets: [],
        routes: [],
      },
      NOW,
    );
  }
  await h.store.recordAttempt(ws, 'o_t1', { state: 'dead', attempts: 8, nextAttemptAt: NOW, lastStatus: 500, lastError: 'HTTP 500', deliveredAt: null });
}

describe('triggers', () => {
  it('lists newest first with filters and a cursor, shows one with its deliveries, acknowledges and retries', async () => {
    const h = await setup();
    await withTriggers(h);
    const list = async (q: string) => (await (await h.request(`/v1/triggers${q}`, { headers: sk(h) })).json()) as { triggers: TriggerRecord[]; next: number | null };
    expect((await list('')).triggers.map((t) => t.id)).toEqual(['t3', 't2', 't1']);
    expect((await list('?accountId=acme')).triggers.map((t) => t.id)).toEqual(['t2', 't1']);
    expect((await list('?delivery=dead')).triggers.map((t) => t.id)).toEqual(['t1']);
    const page = await list('?limit=2');
    expect(page.next).toBe(NOW - 2000);
    expect((await list(`?limit=2&before=${page.next}`)).triggers.map((t) => t.id)).toEqual(['t1']);

    const one = await (await h.request('/v1/triggers/t1', { headers: sk(h) })).json();
    expect(one.deliveries).toEqual([expect.objectContaining({ id: 'o_t1', state: 'dead', lastError: 'HTTP 500', destinationName: 'inbox' })]);

    const ack = await h.json('POST', '/v1/triggers/t2/ack', { by: 'Kim' }, sk(h));
    expect(await ack.json()).toMatchObject({ id: 't2', ackedBy: 'Kim', ackedAt: NOW });
    expect((await h.request('/v1/triggers/t3/ack', { method: 'POST', headers: sk(h) })).status).toBe(200);
    expect((await list('?acked=false')).triggers.map((t) => t.id)).toEqual(['t1']);

    const retry = await h.request('/v1/triggers/t1/retry', { method: 'POST', headers: sk(h) });
    expect(await retry.json()).toEqual({ retried: 1 });
    expect((await list('?delivery=dead')).triggers).toEqual([]);
  });

  it('answers bad input with a clear error and changes nothing', async () => {
    const h = await setup();
    await withTriggers(h);
    const before = h.state();
    const bad: Array<[string, RequestInit, number, string]> = [
      ['/v1/triggers?delivery=lost', {}, 400, 'invalid_query'],
      ['/v1/triggers?limit=0', {}, 400, 'invalid_query'],
      ['/v1/triggers?acked=maybe', {}, 400, 'invalid_query'],
      ['/v1/triggers?before=yesterday', {}, 400, 'invalid_query'],
      ['/v1/triggers/nope', {}, 404, 'not_found'],
      ['/v1/triggers/nope/ack', { method: 'POST' }, 404, 'not_found'],
      ['/v1/triggers/nope/retry', { method: 'POST' }, 404, 'not_found'],
      ['/v1/triggers/t1/ack', { method: 'POST', body: '{"by":' }, 400, 'malformed_json'],
      ['/v1/triggers/t1/ack', { method: 'POST', body: '{"by":""}' }, 400, 'invalid_body'],
      ['/v1/triggers/t1/ack', { method: 'POST', body: JSON.stringify({ by: 'x'.repeat(201) }) }, 400, 'invalid_body'],
      ['/v1/triggers/t1/ack', { method: 'POST', body: JSON.stringify({ by: 'x'.repeat(5000) }) }, 413, 'body_too_large'],
      ['/v1/triggers/t1/ack', { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0x7d]) }, 400, 'invalid_utf8'],
      ['/v1/inbox?limit=1000', {}, 400, 'invalid_query'],
    ];
    for (const [path, init, status, code] of bad) {
      const res = await h.request(path, { ...init, headers: sk(h) });
      expect([path, res.status, (await res.json()).error.code]).toEqual([path, status, code]);
    }
    expect((await h.request('/v1/triggers', { headers: { authorization: `Bearer ${h.pk}` } })).status).toBe(403);
    expect(h.state()).toEqual(before);
  });

  it('lists the local inbox newest first', async () => {
    const h = await setup();
    const item = (id: string, at: number) => ({ id, workspaceId: h.workspaceId, destinationId: 'd', triggerId: 't', title: id, markdown: '', at });
    await h.store.appendInbox(item('a', NOW - 10));
    await h.store.appendInbox(item('b', NOW));
    const res = await (await h.request('/v1/inbox?limit=1', { headers: sk(h) })).json();
    expect(res.items.map((i: { id: string }) => i.id)).toEqual(['b']);
  });
});
