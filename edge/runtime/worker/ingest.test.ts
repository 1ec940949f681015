// The events queue on Workers: how batches are packed into messages, and how the handler stores, retries and
// dead-letters them, with the workspaces' real objects.
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../app';
import { HttpError } from '../../http/errors';
import { eventRow, NOW } from '../../test/fixtures';
import { eventConsumer } from '../worker';
import { newWorkspaceSql } from './directoryAdmin';
import { readWorkerEnv } from './env';
import { consumeEvents, MAX_ATTEMPTS, MAX_MESSAGE_BYTES, packMessages, queueIngest, retryDelaySeconds, type ConsumerDeps, type EventMessage } from './ingest';
import { deliver, inObject, runSql, testEnv } from './test/harness';

const rows = (n: number, prefix = 'e', payloadBytes = 0) =>
  Array.from({ length: n }, (_, i) => eventRow(`${prefix}${i}`, payloadBytes ? { payload: JSON.stringify({ pad: 'x'.repeat(payloadBytes) }) } : {}));

const jsonBytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).byteLength;

const silent: Logger = { info: () => {}, error: () => {} };

async function workspace(): Promise<string> {
  const w = await newWorkspaceSql('Queue test', [], NOW);
  await runSql(w.statements);
  return w.workspaceId;
}

const storedIds = (workspaceId: string) => inObject(workspaceId, (sql) => sql.exec<{ id: string }>('select id from events order by id').toArray().map((r) => r.id));

/** A dead-letter queue that keeps what it is sent, or fails. */
function recordingQueue(fail = false) {
  const sent: unknown[] = [];
  const queue = {
    async send(body: unknown) {
      if (fail) throw new Error('dead-letter queue unavailable');
      sent.push(body);
    },
  } as unknown as Queue<unknown>;
  return { sent, queue };
}

describe('packing a batch into queue messages', () => {
  it('keeps every row once, in order, each message under the size limit', () => {
    // 500 events of ~1 KB and a few near the 32 KB event limit: far more than one message holds.
    const input = [...rows(490, 'small', 1000), ...rows(10, 'big', 31_000)];
    const messages = packMessages('ws_1', input);
    expect(messages.length).toBeGreaterThan(4);
    expect(messages.flatMap((m) => m.rows.map((r) => r.id))).toEqual(input.map((r) => r.id));
    for (const m of messages) {
      expect(m).toMatchObject({ v: 1, workspaceId: 'ws_1' });
      expect(jsonBytes(m)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    }
  });

  it('puts a small batch in one message', () => {
    expect(packMessages('ws_1', rows(50))).toHaveLength(1);
  });
});

describe('enqueueing POST /v1/events', () => {
  it('answers with the batch counts, sends within sendBatch limits, and drops ids repeated within the batch', async () => {
    const groups: Array<Array<MessageSendRequest<EventMessage>>> = [];
    const queue = { sendBatch: async (g: Array<MessageSendRequest<EventMessage>>) => void groups.push([...g]) } as unknown as Queue<EventMessage>;
    const input = rows(400, 'e', 1200);
    const result = await queueIngest(queue, silent)('ws_1', [...input, input[0]!, input[1]!]);
    expect(result).toEqual({ accepted: 400, duplicates: 2 });
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups) {
      expect(g.length).toBeLessThanOrEqual(100);
      expect(g.reduce((n, m) => n + jsonBytes(m.body), 0)).toBeLessThanOrEqual(256_000);
      expect(g.every((m) => m.contentType === 'json')).toBe(true);
    }
    expect(groups.flat().flatMap((m) => m.body.rows.map((r) => r.id))).toEqual(input.map((r) => r.id));
  });

  it('answers 503 with Retry-After when the queue refuses, so the SDK sends the batch again', async () => {
    const queue = {
      sendBatch: async () => {
        throw new Error('Too Many Requests');
      },
    } as unknown as Queue<EventMessage>;
    const failed = await queueIngest(queue, silent)('ws_1', rows(3)).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(HttpError);
    expect(failed).toMatchObject({ status: 503, code: 'unavailable', headers: { 'Retry-After': '5' } });
  });
});

describe('the events queue handler', () => {
  const consumer = (overrides: Partial<ConsumerDeps> = {}): ConsumerDeps => ({ ...eventConsumer(readWorkerEnv(testEnv), silent), ...overrides });

  it('stores each workspace of a batch through its own object, in one call each, and acks every message', async () => {
    const [a, b] = [await workspace(), await workspace()];
    const calls: string[] = [];
    const real = consumer();
    const deps = consumer({ store: (ws, r) => (calls.push(ws), real.store(ws, r)) });
    const bodies: EventMessage[] = [
      { v: 1, workspaceId: a, rows: rows(3, 'a1-') },
      { v: 1, workspaceId: b, rows: rows(2, 'b-') },
      { v: 1, workspaceId: a, rows: rows(2, 'a2-') },
    ];
    const { ids, result } = await deliver(bodies, (batch) => consumeEvents(batch, deps));
    expect(result.explicitAcks.sort()).toEqual([...ids].sort());
    expect(result.retryMessages).toEqual([]);
    expect(calls.sort()).toEqual([a, b].sort());
    expect(await storedIds(a)).toEqual(['a1-0', 'a1-1', 'a1-2', 'a2-0', 'a2-1']);
    expect(await storedIds(b)).toEqual(['b-0', 'b-1']);
  });

  it('stores nothing twice when a message is delivered again (an ack lost, a retry after a partial failure)', async () => {
    const ws = await workspace();
    const body: EventMessage = { v: 1, workspaceId: ws, rows: rows(20) };
    const first = await deliver([body], (batch) => consumeEvents(batch, consumer()));
    expect(first.result.explicitAcks).toEqual(first.ids);
    const again = await deliver([body, { v: 1, workspaceId: ws, rows: [...rows(20).slice(10), eventRow('new')] }], (batch) => consumeEvents(batch, consumer()), 2);
    expect(again.result.explicitAcks.sort()).toEqual([...again.ids].sort());
    expect(await storedIds(ws)).toHaveLength(21);
  });

  it('retries a workspace whose object failed, on a growing delay, and still acks the other workspaces', async () => {
    const [broken, fine] = [await workspace(), await workspace()];
    const real = consumer();
    const deps = consumer({
      store: (ws, r) => (ws === broken ? Promise.reject(new Error('object overloaded')) : real.store(ws, r)),
    });
    for (const attempts of [1, 2, 3]) {
      const { ids, result, delays } = await deliver(
        [
          { v: 1, workspaceId: broken, rows: rows(2, `x${attempts}-`) },
          { v: 1, workspaceId: fine, rows: rows(2, `y${attempts}-`) },
        ],
        (batch) => consumeEvents(batch, deps),
        attempts,
      );
      expect(result.retryMessages.map((m) => m.msgId)).toEqual([ids[0]]);
      expect(delays).toEqual({ [ids[0]!]: retryDelaySeconds(attempts) });
      expect(result.explicitAcks).toEqual([ids[1]]);
    }
    expect([1, 2, 3, 4, 5, 10].map(retryDelaySeconds)).toEqual([10, 20, 40, 80, 160, 600]);
    expect(await storedIds(broken)).toEqual([]);
    expect(await storedIds(fine)).toHaveLength(6);
  });

  it('dead-letters a message that has used its attempts, as it was, and acks it', async () => {
    const ws = await workspace();
    const dead = recordingQueue();
    const deps = consumer({ store: () => Promise.reject(new Error('still failing')), deadLetter: dead.queue });
    const body: EventMessage = { v: 1, workspaceId: ws, rows: rows(2) };
    const early = await deliver([body], (batch) => consumeEvents(batch, deps), MAX_ATTEMPTS - 1);
    expect(early.result.retryMessages).toHaveLength(1);
    expect(dead.sent).toEqual([]);
    const last = await deliver([body], (batch) => consumeEvents(batch, deps), MAX_ATTEMPTS);
    expect(last.result.explicitAcks).toEqual(last.ids);
    expect(last.result.retryMessages).toEqual([]);
    expect(dead.sent).toEqual([body]);
  });

  it('dead-letters a malformed message at once, storing nothing of it', async () => {
    const ws = await workspace();
    const dead = recordingQueue();
    const good: EventMessage = { v: 1, workspaceId: ws, rows: rows(1) };
    const malformed = [{ v: 1, workspaceId: ws, rows: [{ id: 'no-other-fields' }] }, 'hello', { v: 2, workspaceId: ws, rows: rows(1, 'future') }];
    const { ids, result } = await deliver([good, ...malformed], (batch) => consumeEvents(batch, consumer({ deadLetter: dead.queue })));
    expect(result.explicitAcks.sort()).toEqual([...ids].sort());
    expect(dead.sent).toEqual(malformed);
    expect(await storedIds(ws)).toEqual(['e0']);
  });

  it('keeps a message to retry when even the dead-letter queue fails: nothing is dropped', async () => {
    const ws = await workspace();
    const dead = recordingQueue(true);
    const deps = consumer({ store: () => Promise.reject(new Error('down')), deadLetter: dead.queue });
    const { ids, result, delays } = await deliver([{ v: 1, workspaceId: ws, rows: rows(1) }], (batch) => consumeEvents(batch, deps), MAX_ATTEMPTS);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(ids);
    expect(delays).toEqual({ [ids[0]!]: retryDelaySeconds(MAX_ATTEMPTS) });
  });
});
