// What every route can reach: the app's dependencies and the per-request variables the middleware sets.
import type { Hono } from 'hono';
import type { Ai } from '../ai';
import type { ApiKeyRecord, Store } from '../store';
import type { KeyResolver } from './auth';
import type { RateLimiter } from './rateLimit';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** One structured line per call; the Node runtime writes JSON to stdout. */
export interface Logger {
  info(line: Record<string, unknown>): void;
  error(line: Record<string, unknown>): void;
}

/** Reads a file under one of the served roots; resolves null when there is none. Paths arrive already checked. */
export interface StaticFiles {
  read(root: 'sdk' | 'demo', path: string): Promise<Uint8Array | null>;
}

/** What routes tell the background work: which accounts changed, and that deliveries are waiting. */
export interface Background {
  /** These accounts changed: re-score them (and fire their rules) soon, off the request path. */
  touch(workspaceId: string, accountIds: Iterable<string | null | undefined>): void;
  /** These tickets changed: re-score their accounts. */
  touchTickets(workspaceId: string, ticketIds: string[]): void;
  /** Rules or thresholds changed: re-score the workspace's accounts. */
  rescore(workspaceId: string): void;
  /** Outbox rows became due (a retry asked for): deliver now rather than at the next tick. */
  deliver(): void;
}

export interface AppContext {
  store: Store;
  clock: Clock;
  logger: Logger;
  limiter: RateLimiter;
  keys: KeyResolver;
  background: Background;
  /** Every model call goes through here; with no model configured it answers offline. */
  ai: Ai;
}

export type EdgeEnv = {
  Variables: {
    /** The key that authenticated the request. */
    apiKey: ApiKeyRecord;
    /** Set when the request came from a browser origin the key allows: the answer gets CORS headers for it. */
    corsOrigin: string;
  };
};

export type EdgeApp = Hono<EdgeEnv>;
