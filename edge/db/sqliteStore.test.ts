import { describe, expect, it } from 'vitest';
import type { EventRow } from '../store';
import { eventRow } from '../test/fixtures';
import { openDatabase } from './sqlite';
import { createKeyAdmin, createSqliteStore } from './sqliteStore';

const row = (id: string, extra: Partial<EventRow> = {}) => eventRow(id, { at: 1, clientAt: 1, receivedAt: 1, anonymousId: 'a', sessionId: 's', ...extra });

describe('sqlite store: event ingest', () => {
  it('commits batches arriving together in one group, each with its own counts', async () => {
    const db = openDatabase(':memory:');
    const ws = createKeyAdmin(db).createWorkspace('W', 0);
    const store = createSqliteStore(db);
    const [a, b, c] = await Promise.all([
      store.insertEvents(ws, [row('1'), row('2')]),
      store.insertEvents(ws, [row('2'), row('3')]),
      store.insertEvents('other-ws', [row('1')]),
    ]);
    expect([a, b, c]).toEqual([
      { accepted: 2, duplicates: 0 },
      { accepted: 1, duplicates: 1 },
      { accepted: 1, duplicates: 0 },
    ]);
    expect(db.$client.prepare('select count(*) as n from events').get()).toEqual({ n: 4 });
  });

  it('fails only the bad batch of a group, and stores none of it', async () => {
    const db = openDatabase(':memory:');
    const ws = createKeyAdmin(db).createWorkspace('W', 0);
    const store = createSqliteStore(db);
    const results = await Promise.allSettled([
      store.insertEvents(ws, [row('ok-1')]),
      store.insertEvents(ws, [row('bad-1'), row('bad-2', { payload: null as unknown as string })]),
      store.insertEvents(ws, [row('ok-2')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const ids = (db.$client.prepare('select id from events order by id').all() as Array<{ id: string }>).map((r) => r.id);
    expect(ids).toEqual(['ok-1', 'ok-2']);
  });
});

describe('sqlite store: webhook deliveries', () => {
  it('records a delivery only together with its changes, so a failed one can be retried', async () => {
    const db = openDatabase(':memory:');
    const ws = createKeyAdmin(db).createWorkspace('W', 0);
    const store = createSqliteStore(db);
    const delivery = { sourceId: 'whs_1', deliveryId: 'msg_1' };
    const broken = { id: 'T', messages: [{ id: 'm', author: 'customer' as const, text: null as never, at: 1 }] };
    await expect(store.applyWebhookDelivery(ws, delivery, { tickets: [{ id: 'ok' }, broken], ticketSource: 'api' }, 1)).rejects.toThrow();
    expect(db.$client.prepare('select (select count(*) from tickets) t, (select count(*) from webhook_deliveries) d').get()).toEqual({ t: 0, d: 0 });
    expect(await store.applyWebhookDelivery(ws, delivery, { tickets: [{ id: 'ok' }], ticketSource: 'api' }, 1)).toMatchObject({ duplicate: false, tickets: { created: 1 } });
    expect(await store.applyWebhookDelivery(ws, delivery, { tickets: [{ id: 'ok', subject: 'x' }], ticketSource: 'api' }, 2)).toEqual({ duplicate: true });
  });
});
