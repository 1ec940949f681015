// What the edge's contract tests share on every runtime: the test clock, origins, event builders, and the harness
// each runtime provides (Node: ./harness.ts; Workers: edge/runtime/worker/test/harness.ts).
import type { SdkEvent } from '../../sdk/wire';
import type { AppOptions } from '../app';
import type { EventRow } from '../store';

export const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
export const ORIGIN = 'https://app.example.com';
export const OTHER_ORIGIN = 'https://evil.example.net';

export function event(overrides: Partial<SdkEvent> = {}): SdkEvent {
  return {
    id: crypto.randomUUID(),
    type: 'screen',
    at: NOW - 1000,
    anonymousId: 'anon-1',
    sessionId: 'sess-1',
    screen: '/orders/:id',
    ...overrides,
  };
}

export function batch(events: unknown[], extra: Record<string, unknown> = {}) {
  return { sentAt: NOW, events, ...extra };
}

/** An event as the route hands it to storage. */
export function eventRow(id: string, extra: Partial<EventRow> = {}): EventRow {
  return {
    id,
    type: 'screen',
    at: NOW,
    clientAt: NOW,
    receivedAt: NOW,
    clockSkew: false,
    anonymousId: 'anon-1',
    sessionId: 'sess-1',
    userId: null,
    accountId: null,
    screen: null,
    payload: '{}',
    ...extra,
  };
}

/** An events row as SQLite returns it (column names, booleans as 0/1). */
export interface StoredEvent {
  id: string;
  type: string;
  at: number;
  client_at: number;
  received_at: number;
  clock_skew: number;
  account_id: string | null;
  payload: string;
}

/** A real app on a runtime's real storage, with one workspace (keys: pk for ORIGIN, sk) and a clock the test moves. */
export interface ContractHarness {
  runtime: 'node' | 'workers';
  /**
   * What a 202 from POST /v1/events has waited for: `store`, the batch committed (duplicates of earlier batches are
   * counted); `queue`, the batch enqueued (only duplicates within the batch are known).
   */
  ingest: 'store' | 'queue';
  workspaceId: string;
  pk: string;
  sk: string;
  clock: { t: number; now(): number };
  logs: Array<Record<string, unknown>>;
  request(path: string, init?: RequestInit): Promise<Response>;
  json(method: string, path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Everything a request could change, in a form to compare: equal before and after means nothing changed. */
  state(): Promise<Record<string, unknown> & { events: number; cases: number; tips: number; articles: number }>;
  storedEvents(): Promise<StoredEvent[]>;
  revokeKey(kind: 'pk' | 'sk'): Promise<void>;
  /** Another workspace on the same storage, with its own secret key. */
  otherWorkspace(): Promise<{ workspaceId: string; sk: string }>;
}

/**
 * Makes a harness. `rateLimit` tightens the per-key limit; every runtime supports a burst of 2, which is what the
 * contract tests use (the Workers limit is a platform counter with a fixed configuration).
 */
export type SetupHarness = (options?: AppOptions) => Promise<ContractHarness>;

export const RATE_LIMIT_BURST = 2;
