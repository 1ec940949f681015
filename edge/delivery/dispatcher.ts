// The outbox dispatcher: claims due rows through the OutboxPort, delivers them with bounded concurrency, and records
// each outcome (delivered, retry at the scheduled time, dead; a 410 also disables the destination).
//
// At least once: a row leaves the outbox only when an attempt's outcome is recorded; a dispatcher that dies mid-way
// leaves its rows leased, and they are claimed again when the lease ends. Not twice while it lives: a claimed row is
// leased (claimDue moves its nextAttemptAt to the lease end, so no other dispatcher takes it), this one never starts
// a row it already has in flight, rows are claimed only for free slots (so none waits past its lease), every attempt
// ends within the timeout, which the lease must comfortably exceed, and a delivered row is never claimed again.
import type { OutboxPort } from '../actions/types';
import type { AddressAllowance, Lookup } from './addressGuard';
import { ABORT_GRACE_MS, attemptDelivery, type DeliveryFetch } from './attempt';
import type { SmtpTransportFactory } from './email';
import { DEFAULT_TIMEOUT_MS, recordFor, type AttemptOutcome } from './retry';

export interface DeliveryLogger {
  info(line: Record<string, unknown>): void;
  error(line: Record<string, unknown>): void;
}

export interface DispatcherOptions {
  port: OutboxPort;
  /** The HTTP client; on Node, createGuardedFetch (edge/delivery/node.ts) also pins connections to checked addresses. */
  fetch?: DeliveryFetch;
  /** DNS for the address guard: nodeLookup on Node; null on Workers, where names cannot be resolved (see GuardOptions). */
  lookup: Lookup | null;
  /** Makes the SMTP transport for one email attempt; without it email rows wait (Workers has no SMTP). */
  smtpTransport?: SmtpTransportFactory | null;
  clock: { now(): number };
  /** Uniform in [0, 1), for retry jitter. */
  random?: () => number;
  /** Which non-public addresses destinations may resolve to: 'none' in production, 'loopback' in local development. */
  allowPrivateAddresses?: AddressAllowance;
  timeoutMs?: number;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** How long a claimed row is reserved for this dispatcher: must exceed the longest attempt with room to record it. */
  leaseMs?: number;
  /** How often start() looks for due rows when nothing wakes it. */
  intervalMs?: number;
  logger?: DeliveryLogger;
}

export interface DispatchCounts {
  claimed: number;
  delivered: number;
  /** Failed this time, scheduled again. */
  retrying: number;
  dead: number;
}

export interface Dispatcher {
  /** One round: claim what is due (up to `concurrency`), deliver it, record every outcome. */
  runOnce(): Promise<DispatchCounts>;
  /** Runs rounds until stop(): back to back while rows are due, then every intervalMs or on wake(). */
  start(): void;
  /** Stops the loop; resolves once the deliveries in flight are recorded. */
  stop(): Promise<void>;
  /** New rows were written: look now rather than at the next interval. */
  wake(): void;
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_INTERVAL_MS = 5_000;
/** Six times the default timeout: a slow store has time to record before anyone else may take the row. */
export const DEFAULT_LEASE_MS = 60_000;
/** The lease must outlast an attempt (timeout + its grace) by at least this, for recording the outcome. */
const LEASE_MARGIN_MS = 5_000;

const none: DispatchCounts = { claimed: 0, delivered: 0, retrying: 0, dead: 0 };

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const port = options.port;
  const fetchImpl = options.fetch ?? ((url, init) => fetch(url, init));
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const logger = options.logger ?? { info: () => {}, error: () => {} };
  if (leaseMs < timeoutMs + ABORT_GRACE_MS + LEASE_MARGIN_MS) {
    throw new Error(`leaseMs (${leaseMs}) must exceed timeoutMs (${timeoutMs}) by at least ${ABORT_GRACE_MS + LEASE_MARGIN_MS} ms, or a slow delivery could be claimed twice`);
  }

  const inFlight = new Set<string>();
  let round: Promise<DispatchCounts> | null = null;

  async function deliverOne(claim: Awaited<ReturnType<OutboxPort['claimDue']>>[number], counts: DispatchCounts): Promise<void> {
    const { row, destination } = claim;
    const started = options.clock.now();
    let outcome: AttemptOutcome;
    try {
      outcome = await attemptDelivery(row, destination, {
        fetch: fetchImpl,
        lookup: options.lookup,
        allow: options.allowPrivateAddresses ?? 'none',
        timeoutMs,
        smtp: options.smtpTransport ?? null,
        appendInbox: (item) => port.appendInbox(item),
        now: () => options.clock.now(),
      });
    } catch {
      // A bug, not the receiver: keep the row and try again later rather than lose it.
      outcome = { kind: 'retry', status: null, error: 'internal error while delivering' };
    }
    const now = options.clock.now();
    const record = recordFor(row, outcome, now, random);
    const line = {
      msg: 'delivery attempt',
      outbox: row.id,
      workspace: row.workspaceId,
      trigger: row.triggerId,
      destination: destination.id,
      kind: destination.config.kind,
      action: row.action,
      attempt: record.attempts,
      outcome: outcome.kind === 'gone' ? 'dead (destination disabled)' : record.state === 'failed' ? 'retry' : record.state,
      status: record.lastStatus,
      error: record.lastError,
      ms: now - started,
      ...(record.state === 'failed' ? { nextAttemptAt: new Date(record.nextAttemptAt).toISOString() } : {}),
    };
    try {
      if (outcome.kind === 'gone') {
        await port.disableDestination(row.workspaceId, destination.id, `The receiver answered 410 Gone (${new Date(now).toISOString()}): it no longer takes deliveries.`);
      }
      await port.recordAttempt(row.workspaceId, row.id, record);
    } catch {
      // Unrecorded, the row stays leased and is tried again after the lease: a possible repeat, never a loss.
      logger.error({ ...line, msg: 'delivery outcome not recorded; the row will be retried after its lease' });
      return;
    }
    if (record.state === 'dead') {
      logger.error(line);
      counts.dead++;
    } else {
      logger.info(line);
      if (record.state === 'delivered') counts.delivered++;
      else counts.retrying++;
    }
  }

  async function oneRound(): Promise<DispatchCounts> {
    const now = options.clock.now();
    const claims = await port.claimDue(now, concurrency, now + leaseMs);
    const counts: DispatchCounts = { ...none, claimed: claims.length };
    const mine = claims.filter((c) => !inFlight.has(c.row.id));
    for (const c of mine) inFlight.add(c.row.id);
    try {
      await Promise.all(mine.map((c) => deliverOne(c, counts)));
    } finally {
      for (const c of mine) inFlight.delete(c.row.id);
    }
    return counts;
  }

  /** Rounds never overlap, so `concurrency` holds however often runOnce and the loop are called. */
  function runOnce(): Promise<DispatchCounts> {
    const next = (round ?? Promise.resolve(none)).catch(() => none).then(oneRound);
    round = next;
    return next;
  }

  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  let woken = false;

  function sleep(): Promise<void> {
    if (woken) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, intervalMs);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function run(): Promise<void> {
    while (running) {
      let full = false;
      try {
        const counts = await runOnce();
        full = counts.claimed >= concurrency;
      } catch {
        logger.error({ msg: 'outbox claim failed; trying again at the next interval' });
      }
      // A full round means more may be due: go again at once.
      if (running && !full) await sleep();
    }
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      loop = null;
    },
    wake() {
      // Rows written during a round are looked for right after it, not an interval later.
      if (wakeUp) wakeUp();
      else woken = true;
    },
  };
}
