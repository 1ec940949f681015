// Loads the workspace's remote config (tips, thresholds, limits): ETag revalidation, an IndexedDB copy for offline, and a defensive parse.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { SIGNAL_TYPES, type DetectorOverrides, type RemoteConfig } from '../wire';

export interface ConfigLoader {
  /** Revalidates against the edge; resolves to the config to use, or null. Never rejects. */
  load(): Promise<RemoteConfig | null>;
  /** The newest config known: the cached copy as soon as it is read, then the edge's answer. */
  current(): RemoteConfig | null;
  /** No request starts after this (a load reading the cache ends with it). */
  stop(): void;
}

export interface ConfigLoaderOptions {
  endpoint: string;
  key: string;
  /**
   * Turns a body (from the edge or the cache) into a config, or null. The script-tag SDK passes
   * `parseShell`, which checks only what it uses at once (the detectors); the tips are checked by
   * `parseConfig` in the tips chunk, loaded when friction first happens.
   */
  parse: (x: unknown) => RemoteConfig | null;
  fetch?: typeof fetch;
  /** Told about every failure (HTTP status, network, malformed body); the loader carries on regardless. */
  onError?: (e: unknown) => void;
  /** The identified user's account, read at each request: the edge adds the tips rules pushed to it. */
  account?: () => string | undefined;
}

interface CacheEntry {
  etag: string | null;
  config: RemoteConfig;
  savedAt: number;
}

/** IndexedDB can hang (Safari has been known to leave open() pending); past this we go on without the cache. */
export const CACHE_TIMEOUT_MS = 1000;
/** A config request that has not answered by now is abandoned, so a stuck edge cannot hold load() forever. */
export const FETCH_TIMEOUT_MS = 10_000;

export function createConfigLoader(opts: ConfigLoaderOptions): ConfigLoader {
  const url = `${opts.endpoint.replace(/\/+$/, '')}/v1/config`;
  // Keyed by URL and key so two workspaces (or a staging and a production edge) on one origin never share a config.
  const cacheKey = `${url} ${opts.key}`;
  let store: UseStore | undefined;
  let cached: CacheEntry | null = null;
  let read = false;
  let inflight: Promise<RemoteConfig | null> | undefined;
  let stopped = false;

  const report = (e: unknown): void => {
    try {
      opts.onError?.(e);
    } catch {
      // The host's callback must not break config loading.
    }
  };

  /** Runs an IndexedDB operation; unavailable, throwing or hanging storage just yields undefined. */
  const idb = async <T>(op: (s: UseStore) => Promise<T>): Promise<T | undefined> => {
    let timer: Parameters<typeof clearTimeout>[0];
    try {
      store ??= createStore('forestall-config', 'config');
      return await Promise.race([
        op(store),
        new Promise<undefined>((resolve) => (timer = setTimeout(resolve, CACHE_TIMEOUT_MS))),
      ]);
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };

  const run = async (): Promise<RemoteConfig | null> => {
    if (!read) {
      read = true;
      const entry = await idb((s) => get<unknown>(cacheKey, s));
      const e = entry as Partial<CacheEntry> | undefined;
      // The stored copy is parsed again: it may come from an older SDK or have been edited.
      const config = opts.parse(e?.config);
      if (config) cached = { etag: typeof e?.etag === 'string' ? e.etag : null, config, savedAt: Number(e?.savedAt) || 0 };
    }
    if (stopped) return cached?.config ?? null;
    const fallback = (e: unknown): RemoteConfig | null => (report(e), cached?.config ?? null);
    const f = opts.fetch ?? globalThis.fetch;
    const ctrl = typeof AbortController === 'function' ? new AbortController() : undefined;
    const timer = setTimeout(() => ctrl?.abort(), FETCH_TIMEOUT_MS);
    let res: Response;
    let body: unknown;
    try {
      const headers: Record<string, string> = { Authorization: `Bearer ${opts.key}` };
      if (cached?.etag) headers['If-None-Match'] = cached.etag;
      const account = opts.account && opts.account();
      res = await f(account ? `${url}?account=${encodeURIComponent(account)}` : url, { headers, signal: ctrl?.signal });
      if (res.status === 304) return cached?.config ?? null;
      if (res.status === 401 || res.status === 403) {
        // The key is revoked or this origin is not allowed: its config must not be used, even offline.
        cached = null;
        await idb((s) => del(cacheKey, s));
        report(new Error(`forestall config: ${res.status}`));
        return null;
      }
      if (res.status !== 200) return fallback(new Error(`forestall config: ${res.status}`));
      body = await res.json();
    } catch (e) {
      // Offline, aborted, CORS refusal or a body that is not JSON (a captive portal's HTML page).
      return fallback(e);
    } finally {
      clearTimeout(timer);
    }
    const config = opts.parse(body);
    if (!config) return fallback(new Error('forestall config: malformed body'));
    cached = { etag: res.headers.get('ETag'), config, savedAt: Date.now() };
    await idb((s) => set(cacheKey, cached, s));
    return config;
  };

  return {
    load() {
      // Concurrent callers share one request; the next call after it settles revalidates again.
      return (inflight ??= run()
        .catch(() => cached?.config ?? null)
        .finally(() => (inflight = undefined)));
    },
    current: () => cached?.config ?? null,
    stop: () => void (stopped = true),
  };
}

type Obj = Record<string, unknown>;
export const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** The core's check: a config object with a tips array and sane detector overrides; tips stay unchecked until the tips chunk parses them. */
export function parseShell(x: unknown): RemoteConfig | null {
  return isObj(x) && Array.isArray(x.tips) ? ({ ...x, detectors: parseDetectors(x.detectors) } as unknown as RemoteConfig) : null;
}

/** Keeps known detectors only, each `false` or its finite non-negative numeric thresholds. */
export function parseDetectors(x: unknown): DetectorOverrides {
  const out: Record<string, unknown> = {};
  if (!isObj(x)) return out;
  for (const type of SIGNAL_TYPES) {
    const d = x[type];
    if (d === false) out[type] = false;
    else if (isObj(d)) out[type] = Object.fromEntries(Object.entries(d).filter(([, n]) => isNum(n) && n >= 0));
  }
  return out as DetectorOverrides;
}

