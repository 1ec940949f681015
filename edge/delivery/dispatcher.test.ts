import { describe, expect, it } from 'vitest';
import type { DestinationRecord, InboxItem, OutboxPort, OutboxRecord, TriggerRecord } from '../actions/types';
import { createDispatcher, type DispatcherOptions } from './dispatcher';
import { FIRED_AT, destination, loopbackLookup, outboxRow, receiversClosedAfterEach, trigger, type ReceivedRequest } from './fixtures';
import { buildOutboxPayload } from './payload';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

/**
 * The OutboxPort as the store must implement it, in memory: claimDue takes due rows of enabled destinations, oldest
 * first, and leases them by moving nextAttemptAt to the lease end.
 */
class MemoryOutbox implements OutboxPort {
  rows = new Map<string, OutboxRecord>();
  destinations = new Map<string, DestinationRecord>();
  triggers = new Map<string, TriggerRecord>();
  inbox = new Map<string, InboxItem>();
  claims: Array<{ at: number; ids: string[] }> = [];
  failRecords = 0;

  addDestination(d: DestinationRecord) {
    this.destinations.set(d.id, d);
    return d;
  }

  add(row: OutboxRecord) {
    this.rows.set(row.id, structuredClone(row));
    if (!this.triggers.has(row.triggerId)) this.triggers.set(row.triggerId, trigger({ id: row.triggerId }));
  }

  row(id: string) {
    return this.rows.get(id)!;
  }

  async claimDue(now: number, limit: number, leaseUntil: number) {
    const due = [...this.rows.values()]
      .filter((r) => (r.state === 'pending' || r.state === 'failed') && r.nextAttemptAt <= now && this.destinations.get(r.destinationId)?.enabled)
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .slice(0, limit);
    for (const r of due) r.nextAttemptAt = leaseUntil;
    this.claims.push({ at: now, ids: due.map((r) => r.id) });
    return due.map((r) => ({ row: structuredClone(r), destination: structuredClone(this.destinations.get(r.destinationId)!), trigger: this.triggers.get(r.triggerId)! }));
  }

  async recordAttempt(_workspaceId: string, id: string, result: Parameters<OutboxPort['recordAttempt']>[2]) {
    if (this.failRecords > 0) {
      this.failRecords--;
      throw new Error('SQLITE_BUSY');
    }
    Object.assign(this.rows.get(id)!, result);
  }

  async disableDestination(_workspaceId: string, destinationId: string, reason: string) {
    const d = this.destinations.get(destinationId)!;
    d.enabled = false;
    d.disabledReason = reason;
  }

  async appendInbox(item: InboxItem) {
    if (!this.inbox.has(item.id)) this.inbox.set(item.id, item);
  }
}


const webhookReceiver = receiversClosedAfterEach();

/** A signed-webhook destination on a local receiver, and `n` rows for it (one trigger each). */
function webhookRows(port: MemoryOutbox, url: string, n = 1, id = 'dst_hook') {
  const dest = port.addDestination(destination({ kind: 'webhook', url, secret: SECRET }, { id }));
  const rows: OutboxRecord[] = [];
  for (let i = 0; i < n; i++) {
    const t = trigger({ id: `trg_${id}_${i}` });
    const built = buildOutboxPayload({ type: 'outreach', destination: id }, dest, t);
    if (!built.ok) throw new Error(built.error);
    const row = outboxRow(dest, built.payload, { id: `out_${id}_${i}`, triggerId: t.id, idempotencyKey: `dlv_${id}_${i}`, createdAt: FIRED_AT + i });
    port.add(row);
    port.triggers.set(t.id, t);
    rows.push(row);
  }
  return { dest, rows };
}

function setup(overrides: Partial<DispatcherOptions> = {}) {
  const port = new MemoryOutbox();
  const clock = { t: FIRED_AT, now: () => clock.t };
  const logs: Array<Record<string, unknown>> = [];
  const options: DispatcherOptions = {
    port,
    lookup: loopbackLookup,
    clock,
    random: () => 0.5,
    allowPrivateAddresses: 'loopback',
    timeoutMs: 2_000,
    leaseMs: 60_000,
    concurrency: 4,
    logger: { info: (l) => logs.push({ level: 'info', ...l }), error: (l) => logs.push({ level: 'error', ...l }) },
    ...overrides,
  };
  return { port, clock, logs, options, dispatcher: createDispatcher(options) };
}

const ids = (reqs: ReceivedRequest[]) => reqs.map((r) => r.headers['webhook-id']);

/** Waits (in real time, for the loop tests) until `done` holds, or 5 s. */
async function until(done: () => boolean): Promise<void> {
  const started = Date.now();
  while (!done() && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('dispatcher', () => {
  it('retries a receiver that fails 3 times on the schedule, then delivers once, with one webhook-id and the same bytes', async () => {
    const r = await webhookReceiver((_req, i) => ({ status: i < 3 ? 503 : 200 }));
    const { port, clock, dispatcher } = setup();
    webhookRows(port, r.url());

    const seen: Array<[number, string, number]> = [];
    const step = async (advance: number) => {
      clock.t += advance;
      const counts = await dispatcher.runOnce();
      const row = port.row('out_dst_hook_0');
      seen.push([clock.t - FIRED_AT, row.state, counts.claimed]);
    };
    await step(0);
    await step(59 * SEC); // 1 minute after the first failure is not yet reached
    await step(1 * SEC);
    await step(4 * MIN);
    await step(16 * MIN - 1);
    await step(1);
    await step(64 * MIN);

    expect(seen).toEqual([
      [0, 'failed', 1],
      [59 * SEC, 'failed', 0],
      [1 * MIN, 'failed', 1],
      [5 * MIN, 'failed', 1],
      [21 * MIN - 1, 'failed', 0],
      [21 * MIN, 'delivered', 1],
      [85 * MIN, 'delivered', 0],
    ]);
    expect(r.requests).toHaveLength(4);
    expect(new Set(ids(r.requests))).toEqual(new Set(['dlv_dst_hook_0']));
    expect(new Set(r.requests.map((q) => q.body)).size).toBe(1);
    expect(port.row('out_dst_hook_0')).toMatchObject({ state: 'delivered', attempts: 4, lastStatus: 200, lastError: null, deliveredAt: FIRED_AT + 21 * MIN });
  });

  it('waits as long as a 429’s Retry-After asks, in seconds or as a date', async () => {
    const r = await webhookReceiver((_req, i) =>
      i === 0 ? { status: 429, headers: { 'retry-after': '600' } } : i === 1 ? { status: 503, headers: { 'retry-after': 'Mon, 01 Jun 2026 13:00:00 GMT' } } : { status: 200 },
    );
    const { port, clock, dispatcher } = setup();
    webhookRows(port, r.url());

    await dispatcher.runOnce();
    expect(port.row('out_dst_hook_0')).toMatchObject({ state: 'failed', nextAttemptAt: FIRED_AT + 10 * MIN, lastStatus: 429, lastError: 'HTTP 429' });
    clock.t = FIRED_AT + 10 * MIN - 1;
    expect((await dispatcher.runOnce()).claimed).toBe(0);
    clock.t = FIRED_AT + 10 * MIN;
    await dispatcher.runOnce();
    expect(port.row('out_dst_hook_0')).toMatchObject({ state: 'failed', nextAttemptAt: Date.UTC(2026, 5, 1, 13, 0, 0), lastStatus: 503 });
    clock.t = Date.UTC(2026, 5, 1, 13, 0, 0);
    await dispatcher.runOnce();
    expect(port.row('out_dst_hook_0').state).toBe('delivered');
    expect(r.requests).toHaveLength(3);
  });

  it('disables the destination on 410 Gone: the row is dead, its other rows wait, other destinations go on', async () => {
    const gone = await webhookReceiver(() => ({ status: 410 }));
    const fine = await webhookReceiver(() => ({ status: 200 }));
    const { port, logs, dispatcher } = setup({ concurrency: 1 });
    webhookRows(port, gone.url(), 2, 'dst_gone');
    webhookRows(port, fine.url(), 1, 'dst_other');

    expect(await dispatcher.runOnce()).toEqual({ claimed: 1, delivered: 0, retrying: 0, dead: 1 });
    expect(port.row('out_dst_gone_0')).toMatchObject({ state: 'dead', attempts: 1, lastStatus: 410, lastError: 'HTTP 410' });
    expect(port.destinations.get('dst_gone')).toMatchObject({
      enabled: false,
      disabledReason: 'The receiver answered 410 Gone (2026-06-01T12:00:00.000Z): it no longer takes deliveries.',
    });
    expect(await dispatcher.runOnce()).toEqual({ claimed: 1, delivered: 1, retrying: 0, dead: 0 });
    expect(await dispatcher.runOnce()).toEqual({ claimed: 0, delivered: 0, retrying: 0, dead: 0 });
    expect(port.row('out_dst_gone_1')).toMatchObject({ state: 'pending', attempts: 0 });
    expect(gone.requests).toHaveLength(1);
    expect(fine.requests).toHaveLength(1);
    expect(logs.find((l) => l.outbox === 'out_dst_gone_0')).toMatchObject({ level: 'error', outcome: 'dead (destination disabled)', status: 410 });
  });

  it('gives up a receiver that hangs past the timeout, and delivers on the retry', async () => {
    const r = await webhookReceiver((_req, i) => (i === 0 ? undefined : { status: 200 }));
    const { port, clock, dispatcher } = setup({ timeoutMs: 200, leaseMs: 10_000 });
    webhookRows(port, r.url());
    const started = Date.now();
    expect(await dispatcher.runOnce()).toEqual({ claimed: 1, delivered: 0, retrying: 1, dead: 0 });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(port.row('out_dst_hook_0')).toMatchObject({ state: 'failed', lastStatus: null, lastError: 'timed out after 200 ms' });
    clock.t += MIN;
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    expect(ids(r.requests)).toEqual(['dlv_dst_hook_0', 'dlv_dst_hook_0']);
  });

  it('puts a row to dead with its last error after 9 attempts over about a day', async () => {
    const r = await webhookReceiver(() => ({ status: 500 }));
    const { port, clock, dispatcher } = setup();
    webhookRows(port, r.url());
    const attemptsAt: number[] = [];
    for (let i = 0; i < 12; i++) {
      const row = port.row('out_dst_hook_0');
      if (row.state === 'dead') break;
      clock.t = row.nextAttemptAt;
      attemptsAt.push(clock.t - FIRED_AT);
      await dispatcher.runOnce();
    }
    expect(attemptsAt).toEqual([0, 1, 5, 21, 85, 341, 701, 1061, 1421].map((m) => m * MIN));
    expect(port.row('out_dst_hook_0')).toMatchObject({ state: 'dead', attempts: 9, lastStatus: 500, lastError: 'HTTP 500 (gave up after 9 attempts)' });
    clock.t += 7 * 24 * HOUR;
    expect((await dispatcher.runOnce()).claimed).toBe(0);
    expect(r.requests).toHaveLength(9);
  });

  it('puts a refused payload (4xx) to dead at once, without retrying it', async () => {
    const r = await webhookReceiver(() => ({ status: 422 }));
    const { port, clock, dispatcher } = setup();
    webhookRows(port, r.url());
    await dispatcher.runOnce();
    clock.t += 2 * 24 * HOUR;
    await dispatcher.runOnce();
    expect(port.row('out_dst_hook_0')).toMatchObject({ state: 'dead', attempts: 1, lastStatus: 422, lastError: 'HTTP 422' });
    expect(r.requests).toHaveLength(1);
  });

  it('respects the lease: a second dispatcher does not take a row in flight, and nobody re-sends a delivered one', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const r = await webhookReceiver((_req, _i, res) => {
      void gate.then(() => {
        res.writeHead(200);
        res.end();
      });
    });
    const a = setup();
    webhookRows(a.port, r.url());
    const b = createDispatcher({ ...a.options, port: a.port });

    const first = a.dispatcher.runOnce();
    await until(() => r.requests.length > 0);
    // Same moment, and later but inside the lease: nothing to claim.
    expect(await b.runOnce()).toEqual({ claimed: 0, delivered: 0, retrying: 0, dead: 0 });
    a.clock.t += 59 * SEC;
    expect(await b.runOnce()).toEqual({ claimed: 0, delivered: 0, retrying: 0, dead: 0 });
    release();
    expect(await first).toEqual({ claimed: 1, delivered: 1, retrying: 0, dead: 0 });
    a.clock.t += 24 * HOUR;
    expect(await b.runOnce()).toMatchObject({ claimed: 0 });
    expect(await a.dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    expect(r.requests).toHaveLength(1);
  });

  it('loses nothing when an outcome cannot be recorded: the row is sent again once its lease ends', async () => {
    const r = await webhookReceiver(() => ({ status: 200 }));
    const { port, clock, logs, dispatcher } = setup();
    webhookRows(port, r.url());
    port.failRecords = 1;
    expect(await dispatcher.runOnce()).toEqual({ claimed: 1, delivered: 0, retrying: 0, dead: 0 });
    expect(port.row('out_dst_hook_0')).toMatchObject({ state: 'pending', nextAttemptAt: FIRED_AT + 60_000 });
    expect(logs.at(-1)).toMatchObject({ level: 'error', msg: 'delivery outcome not recorded; the row will be retried after its lease' });
    clock.t += 59 * SEC;
    expect((await dispatcher.runOnce()).claimed).toBe(0);
    clock.t += SEC;
    expect(await dispatcher.runOnce()).toEqual({ claimed: 1, delivered: 1, retrying: 0, dead: 0 });
    // At least once: the receiver saw it twice, with one webhook-id to deduplicate on.
    expect(ids(r.requests)).toEqual(['dlv_dst_hook_0', 'dlv_dst_hook_0']);
  });

  it('delivers many rows through flaky receivers: every row delivered, each accepted exactly once, never more than `concurrency` at a time', async () => {
    let inFlight = 0;
    let peak = 0;
    const accepted = new Map<string, number>();
    const flaky = (fail: (i: number) => boolean) =>
      webhookReceiver((req, i, res) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        setTimeout(() => {
          inFlight--;
          const ok = !fail(i);
          if (ok) accepted.set(req.headers['webhook-id'] as string, (accepted.get(req.headers['webhook-id'] as string) ?? 0) + 1);
          res.writeHead(ok ? 200 : i % 3 === 0 ? 429 : 502, ok || i % 3 !== 0 ? {} : { 'retry-after': '30' });
          res.end();
        }, 10);
      });
    const r1 = await flaky((i) => i % 2 === 0);
    const r2 = await flaky((i) => i % 3 !== 2);
    const r3 = await flaky(() => false);
    const { port, clock, dispatcher } = setup({ concurrency: 3 });
    webhookRows(port, r1.url(), 10, 'dst_a');
    webhookRows(port, r2.url(), 10, 'dst_b');
    webhookRows(port, r3.url(), 10, 'dst_c');

    for (let round = 0; round < 200; round++) {
      const counts = await dispatcher.runOnce();
      if (counts.claimed === 0) {
        const next = Math.min(...[...port.rows.values()].filter((r) => r.state === 'failed' || r.state === 'pending').map((r) => r.nextAttemptAt));
        if (!Number.isFinite(next)) break;
        clock.t = Math.max(clock.t, next);
      }
    }
    const rows = [...port.rows.values()];
    expect(rows.filter((r) => r.state !== 'delivered')).toEqual([]);
    expect(accepted.size).toBe(30);
    expect([...accepted.values()].every((n) => n === 1)).toBe(true);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
    expect(r3.requests).toHaveLength(10);
  });

  it('delivers to the local inbox through the port, once per row', async () => {
    const { port, dispatcher } = setup();
    const dest = port.addDestination(destination({ kind: 'local_inbox' }));
    const built = buildOutboxPayload({ type: 'outreach', destination: 'inbox' }, dest, trigger());
    if (!built.ok) throw new Error(built.error);
    port.add(outboxRow(dest, built.payload));
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    expect([...port.inbox.values()]).toEqual([expect.objectContaining({ id: 'dlv_0123456789abcdef01234567', title: 'Acme: escalation risk 82/100', triggerId: 'trg_1' })]);
  });

  it('logs one line per attempt with no secret, URL or body in it', async () => {
    const r = await webhookReceiver((_req, i) => ({ status: i === 0 ? 503 : 200 }));
    const { port, clock, logs, dispatcher } = setup();
    webhookRows(port, r.url('/hook/s3cr3t-path-token'));
    await dispatcher.runOnce();
    clock.t += MIN;
    await dispatcher.runOnce();
    const attempt = { level: 'info', msg: 'delivery attempt', outbox: 'out_dst_hook_0', workspace: 'ws_1', trigger: 'trg_dst_hook_0', destination: 'dst_hook', kind: 'webhook', action: 'outreach', ms: 0 };
    expect(logs).toEqual([
      { ...attempt, attempt: 1, outcome: 'retry', status: 503, error: 'HTTP 503', nextAttemptAt: '2026-06-01T12:01:00.000Z' },
      { ...attempt, attempt: 2, outcome: 'delivered', status: 200, error: null },
    ]);
    const text = JSON.stringify(logs);
    expect(text).not.toContain('s3cr3t-path-token');
    expect(text).not.toContain(SECRET.slice(6));
    expect(text).not.toContain('Acme');
  });

  it('refuses a lease that a slow attempt could outlive', () => {
    expect(() => setup({ timeoutMs: 10_000, leaseMs: 12_000 })).toThrow('leaseMs (12000) must exceed timeoutMs (10000) by at least 6000 ms');
  });
});

describe('dispatcher loop', () => {
  it('delivers promptly when woken, long before the interval', async () => {
    const r = await webhookReceiver(() => ({ status: 200 }));
    const { port, dispatcher } = setup({ intervalMs: 60_000 });
    dispatcher.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    webhookRows(port, r.url());
    dispatcher.wake();
    const started = Date.now();
    await until(() => port.row('out_dst_hook_0').state === 'delivered');
    expect(port.row('out_dst_hook_0').state).toBe('delivered');
    expect(Date.now() - started).toBeLessThan(2_000);
    await dispatcher.stop();
  });

  it('keeps going while rows are due, looking again at once after a full round', async () => {
    const r = await webhookReceiver(() => ({ status: 200 }));
    const { port, dispatcher } = setup({ intervalMs: 60_000, concurrency: 2 });
    webhookRows(port, r.url(), 5);
    dispatcher.start();
    await until(() => [...port.rows.values()].every((row) => row.state === 'delivered'));
    await dispatcher.stop();
    expect([...port.rows.values()].map((row) => row.state)).toEqual(Array(5).fill('delivered'));
    // Two full rounds back to back, then a partial one, then it sleeps until stopped.
    expect(port.claims.map((c) => c.ids.length)).toEqual([2, 2, 1]);
  });

  it('survives a store that fails to claim, and tries again at the next interval', async () => {
    const r = await webhookReceiver(() => ({ status: 200 }));
    const { port, logs, dispatcher } = setup({ intervalMs: 20 });
    webhookRows(port, r.url());
    const claim = port.claimDue.bind(port);
    let failures = 1;
    port.claimDue = async (...args) => {
      if (failures-- > 0) throw new Error('SQLITE_BUSY');
      return claim(...args);
    };
    dispatcher.start();
    await until(() => port.row('out_dst_hook_0').state === 'delivered');
    await dispatcher.stop();
    expect(port.row('out_dst_hook_0').state).toBe('delivered');
    expect(logs[0]).toEqual({ level: 'error', msg: 'outbox claim failed; trying again at the next interval' });
  });

  it('stop waits for the deliveries in flight and records them', async () => {
    let answered = false;
    const r = await webhookReceiver((_req, _i, res) => {
      setTimeout(() => {
        answered = true;
        res.writeHead(200);
        res.end();
      }, 200);
    });
    const { port, dispatcher } = setup({ intervalMs: 60_000 });
    webhookRows(port, r.url());
    dispatcher.start();
    await until(() => r.requests.length > 0);
    await dispatcher.stop();
    expect(answered).toBe(true);
    expect(port.row('out_dst_hook_0').state).toBe('delivered');
    // Stopped means stopped: a row written now stays where it is.
    webhookRows(port, r.url(), 1, 'dst_later');
    dispatcher.wake();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(port.row('out_dst_later_0').state).toBe('pending');
  });
});
