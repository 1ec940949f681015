// Remote config loading against a scripted edge: ETag revalidation, the IndexedDB copy, offline, bad keys, bad bodies, broken storage.
import { createStore, get, set } from 'idb-keyval';
import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RemoteConfig } from '../wire';
import { CACHE_TIMEOUT_MS, FETCH_TIMEOUT_MS, createConfigLoader as createLoader, type ConfigLoaderOptions } from './config';
import { isSafeUrl, parseConfig } from './parse';

const createConfigLoader = (o: Omit<ConfigLoaderOptions, 'parse'>) => createLoader({ parse: parseConfig, ...o });

const ENDPOINT = 'https://edge.test';
const URL_ = `${ENDPOINT}/v1/config`;

// Every test gets its own key, so cached copies never leak between tests through the shared fake IndexedDB.
let n = 0;
const newKey = () => `pk_test_${++n}`;

const goodTip = {
  id: 'billing-help',
  title: 'Updating a card',
  body: 'Open **Billing** and choose *Update card*.',
  articleUrl: '/help/cards',
  when: { signal: 'rage_click', screen: '/billing/**', traits: [{ trait: 'plan', op: 'eq', value: 'pro' }], newUser: false },
  priority: 5,
  cooldownMs: 86_400_000,
};

const config = (over: Record<string, unknown> = {}) => ({
  workspaceId: 'ws_1',
  detectors: { rage_click: { clicks: 4 }, dead_click: false },
  tips: [goodTip],
  limits: { maxTipsPerSession: 2, newUserDays: 7 },
  holdoutPercent: 20,
  ...over,
});

/** What parseConfig makes of `config()`: the tip's signal becomes an array. */
const parsed = (over: Record<string, unknown> = {}): RemoteConfig =>
  ({ ...config(over), tips: [{ ...goodTip, when: { ...goodTip.when, signal: ['rage_click'] } }] }) as RemoteConfig;

interface Call {
  url: string;
  headers: Record<string, string>;
}

/** A scripted edge: answers in order, each answer a Response, an Error to reject with, or a function. */
function edge(...answers: Array<Response | Error | (() => Promise<Response>)>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), headers: { ...(init?.headers as Record<string, string>) } });
    const a = answers.shift();
    if (!a) throw new Error('no more answers scripted');
    if (a instanceof Error) throw a;
    return typeof a === 'function' ? a() : a;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const json = (body: unknown, etag?: string, status = 200) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: etag ? { 'Content-Type': 'application/json', ETag: etag } : { 'Content-Type': 'application/json' },
  });
const status = (s: number) => new Response(s === 304 ? null : '{"error":{"code":"x","message":"x"}}', { status: s });
const offline = () => new TypeError('Failed to fetch');

const idbStore = () => createStore('forestall-config', 'config');

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('createConfigLoader', () => {
  it('200: returns the config, sends the key, stores { etag, config, savedAt } in IndexedDB', async () => {
    const key = newKey();
    const e = edge(json(config(), '"v1"'));
    const loader = createConfigLoader({ endpoint: ENDPOINT, key, fetch: e.fetch });
    expect(loader.current()).toBeNull();
    const before = Date.now();
    expect(await loader.load()).toEqual(parsed());
    expect(loader.current()).toEqual(parsed());
    expect(e.calls).toEqual([{ url: URL_, headers: { Authorization: `Bearer ${key}` } }]);
    const stored = await get(`${URL_} ${key}`, idbStore());
    expect(stored).toMatchObject({ etag: '"v1"', config: parsed() });
    expect(stored.savedAt).toBeGreaterThanOrEqual(before);
  });

  it('a trailing slash on the endpoint does not double the slash', async () => {
    const e = edge(json(config()));
    await createConfigLoader({ endpoint: `${ENDPOINT}/`, key: newKey(), fetch: e.fetch }).load();
    expect(e.calls[0]!.url).toBe(URL_);
  });

  it('second load sends If-None-Match and a 304 returns the cached config', async () => {
    const key = newKey();
    const e = edge(json(config(), '"v1"'), status(304));
    const loader = createConfigLoader({ endpoint: ENDPOINT, key, fetch: e.fetch });
    await loader.load();
    expect(await loader.load()).toEqual(parsed());
    expect(e.calls[1]!.headers).toEqual({ Authorization: `Bearer ${key}`, 'If-None-Match': '"v1"' });
    expect(loader.current()).toEqual(parsed());
  });

  it('a new page load revalidates the IndexedDB copy with its ETag', async () => {
    const key = newKey();
    await createConfigLoader({ endpoint: ENDPOINT, key, fetch: edge(json(config(), '"v1"')).fetch }).load();
    const e = edge(status(304));
    const next = createConfigLoader({ endpoint: ENDPOINT, key, fetch: e.fetch });
    expect(await next.load()).toEqual(parsed());
    expect(e.calls[0]!.headers['If-None-Match']).toBe('"v1"');
  });

  it('stop(): a load reading the cache ends with the cached copy and sends no request, nor do later loads', async () => {
    const key = newKey();
    await createConfigLoader({ endpoint: ENDPOINT, key, fetch: edge(json(config(), '"v1"')).fetch }).load();
    const e = edge(json(config()));
    const next = createConfigLoader({ endpoint: ENDPOINT, key, fetch: e.fetch });
    const loading = next.load();
    next.stop();
    expect(await loading).toEqual(parsed());
    expect(await next.load()).toEqual(parsed());
    expect(e.calls).toEqual([]);
  });

  it('a changed config (200, new ETag) replaces the cached one', async () => {
    const key = newKey();
    const e = edge(json(config(), '"v1"'), json(config({ holdoutPercent: 5 }), '"v2"'), status(304));
    const loader = createConfigLoader({ endpoint: ENDPOINT, key, fetch: e.fetch });
    await loader.load();
    expect((await loader.load())?.holdoutPercent).toBe(5);
    expect((await loader.load())?.holdoutPercent).toBe(5);
    expect(e.calls[2]!.headers['If-None-Match']).toBe('"v2"');
    expect(await get(`${URL_} ${key}`, idbStore())).toMatchObject({ etag: '"v2"' });
  });

  it('a 200 without an ETag is cached but not revalidated with If-None-Match', async () => {
    const key = newKey();
    const e = edge(json(config()), json(config()));
    const loader = createConfigLoader({ endpoint: ENDPOINT, key, fetch: e.fetch });
    await loader.load();
    await loader.load();
    expect(e.calls[1]!.headers).toEqual({ Authorization: `Bearer ${key}` });
  });

  it('offline returns the cached config, or null without one, and reports the failure', async () => {
    const key = newKey();
    await createConfigLoader({ endpoint: ENDPOINT, key, fetch: edge(json(config(), '"v1"')).fetch }).load();
    const onError = vi.fn();
    const cachedLoader = createConfigLoader({ endpoint: ENDPOINT, key, fetch: edge(offline()).fetch, onError });
    expect(await cachedLoader.load()).toEqual(parsed());
    expect(cachedLoader.current()).toEqual(parsed());
    expect(onError).toHaveBeenCalledWith(expect.any(TypeError));

    const empty = createConfigLoader({ endpoint: ENDPOINT, key: newKey(), fetch: edge(offline()).fetch });
    expect(await empty.load()).toBeNull();
    expect(empty.current()).toBeNull();
  });

  it.each([500, 502, 503, 404, 429])('%i returns the cached config and keeps it', async (s) => {
    const key = newKey();
    const onError = vi.fn();
    const e = edge(json(config(), '"v1"'), status(s), status(304));
    const loader = createConfigLoader({ endpoint: ENDPOINT, key, fetch: e.fetch, onError });
    await loader.load();
    expect(await loader.load()).toEqual(parsed());
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]![0])).toContain(String(s));
    // Still revalidates with the old ETag afterwards.
    expect(await loader.load()).toEqual(parsed());
    expect(e.calls[2]!.headers['If-None-Match']).toBe('"v1"');
  });

  it('5xx with nothing cached returns null', async () => {
    expect(await createConfigLoader({ endpoint: ENDPOINT, key: newKey(), fetch: edge(status(503)).fetch }).load()).toBeNull();
  });

  it.each([401, 403])('%i returns null, reports it, and forgets the cached copy', async (s) => {
    const key = newKey();
    await createConfigLoader({ endpoint: ENDPOINT, key, fetch: edge(json(config(), '"v1"')).fetch }).load();
    const onError = vi.fn();
    const loader = createConfigLoader({ endpoint: ENDPOINT, key, fetch: edge(status(s)).fetch, onError });
    expect(await loader.load()).toBeNull();
    expect(loader.current()).toBeNull();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]![0])).toContain(String(s));
    expect(await get(`${URL_} ${key}`, idbStore())).toBeUndefined();
    // Offline afterwards: the revoked workspace's config is not resurrected.
    expect(await createConfigLoader({ endpoint: ENDPOINT, key, fetch: edge(offline()).fetch }).load()).toBeNull();
  });

  it.each([
    ['not JSON', '<html>captive portal</html>'],
    ['truncated JSON', '{"tips": ['],
    ['JSON null', 'null'],
    ['an array', '[]'],
    ['an object without tips', '{"workspaceId":"ws_1"}'],
    ['tips not an array', '{"tips":{}}'],
  ])('a body that is %s keeps the cached config and is reported', async (_, body) => {
    const key = newKey();
    const onError = vi.fn();
    const e = edge(json(config(), '"v1"'), json(body, '"bad"'));
    const loader = createConfigLoader({ endpoint: ENDPOINT, key, fetch: e.fetch, onError });
    await loader.load();
    expect(await loader.load()).toEqual(parsed());
    expect(onError).toHaveBeenCalledTimes(1);
    expect(await get(`${URL_} ${key}`, idbStore())).toMatchObject({ etag: '"v1"', config: parsed() });
    // Without a cache the same body gives null.
    expect(await createConfigLoader({ endpoint: ENDPOINT, key: newKey(), fetch: edge(json(body)).fetch }).load()).toBeNull();
  });

  it('drops malformed tips from a 200 and keeps the good one', async () => {
    const bad = { ...goodTip, id: 'bad', priority: 'high' };
    const e = edge(json(config({ tips: [bad, goodTip, null, 'tip'] })));
    const got = await createConfigLoader({ endpoint: ENDPOINT, key: newKey(), fetch: e.fetch }).load();
    expect(got?.tips.map((t) => t.id)).toEqual(['billing-help']);
  });

  it('ignores a cached copy that is not a config (older SDK, tampering)', async () => {
    const key = newKey();
    await set(`${URL_} ${key}`, { etag: '"old"', config: { tips: 'nope' }, savedAt: 1 }, idbStore());
    const e = edge(offline());
    const loader = createConfigLoader({ endpoint: ENDPOINT, key, fetch: e.fetch });
    expect(await loader.load()).toBeNull();
    expect(e.calls[0]!.headers['If-None-Match']).toBeUndefined();
  });

  it('workspaces do not share a cache: another key or endpoint sees nothing', async () => {
    const key = newKey();
    await createConfigLoader({ endpoint: ENDPOINT, key, fetch: edge(json(config(), '"v1"')).fetch }).load();
    const other = edge(offline());
    expect(await createConfigLoader({ endpoint: ENDPOINT, key: newKey(), fetch: other.fetch }).load()).toBeNull();
    const staging = edge(offline());
    expect(await createConfigLoader({ endpoint: 'https://staging.test', key, fetch: staging.fetch }).load()).toBeNull();
    expect(other.calls[0]!.headers['If-None-Match']).toBeUndefined();
    expect(staging.calls[0]!.headers['If-None-Match']).toBeUndefined();
  });

  it('concurrent loads share one request; the next load after it settles makes a new one', async () => {
    let release!: (r: Response) => void;
    const e = edge(() => new Promise<Response>((r) => (release = r)), status(304));
    const loader = createConfigLoader({ endpoint: ENDPOINT, key: newKey(), fetch: e.fetch });
    const a = loader.load();
    const b = loader.load();
    const c = loader.load();
    await vi.waitFor(() => expect(e.calls).toHaveLength(1));
    release(json(config(), '"v1"'));
    const results = await Promise.all([a, b, c]);
    expect(results).toEqual([parsed(), parsed(), parsed()]);
    expect(e.calls).toHaveLength(1);
    expect(await loader.load()).toEqual(parsed());
    expect(e.calls).toHaveLength(2);
  });

  it('current() offers the cached copy while the edge is still answering', async () => {
    const key = newKey();
    await createConfigLoader({ endpoint: ENDPOINT, key, fetch: edge(json(config(), '"v1"')).fetch }).load();
    let release!: (r: Response) => void;
    const e = edge(() => new Promise<Response>((r) => (release = r)));
    const loader = createConfigLoader({ endpoint: ENDPOINT, key, fetch: e.fetch });
    const p = loader.load();
    await vi.waitFor(() => expect(e.calls).toHaveLength(1));
    expect(loader.current()).toEqual(parsed());
    release(json(config({ holdoutPercent: 0 }), '"v2"'));
    expect((await p)?.holdoutPercent).toBe(0);
    expect(loader.current()?.holdoutPercent).toBe(0);
  });

  it('a stuck edge is abandoned after FETCH_TIMEOUT_MS and the cached copy is used', async () => {
    const key = newKey();
    await createConfigLoader({ endpoint: ENDPOINT, key, fetch: edge(json(config(), '"v1"')).fetch }).load();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let signal: AbortSignal | undefined;
    const fetch = vi.fn((_: RequestInfo | URL, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return new Promise<Response>((_r, reject) => signal?.addEventListener('abort', () => reject(signal?.reason)));
    }) as unknown as typeof globalThis.fetch;
    const loader = createConfigLoader({ endpoint: ENDPOINT, key, fetch });
    const p = loader.load();
    // Real macrotask turns (not faked) let the IndexedDB read finish without moving the fake clock.
    while (!signal) await tick();
    await vi.advanceTimersByTimeAsync(FETCH_TIMEOUT_MS - 1);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(signal?.aborted).toBe(true);
    expect(await p).toEqual(parsed());
  });

  it('never rejects, even when fetch throws synchronously or is missing', async () => {
    const throwing = (() => {
      throw new Error('sync');
    }) as unknown as typeof globalThis.fetch;
    expect(await createConfigLoader({ endpoint: ENDPOINT, key: newKey(), fetch: throwing }).load()).toBeNull();
    vi.stubGlobal('fetch', undefined);
    expect(await createConfigLoader({ endpoint: ENDPOINT, key: newKey() }).load()).toBeNull();
  });

  it('an onError that throws does not break loading', async () => {
    const key = newKey();
    const e = edge(json(config(), '"v1"'), status(500));
    const loader = createConfigLoader({
      endpoint: ENDPOINT,
      key,
      fetch: e.fetch,
      onError: () => {
        throw new Error('host bug');
      },
    });
    await loader.load();
    expect(await loader.load()).toEqual(parsed());
  });

  describe('without a working IndexedDB', () => {
    it.each([
      ['missing', undefined],
      ['throwing on open', { open: () => { throw new DOMException('denied', 'SecurityError'); } }],
      ['failing its open request', {
        open: () => {
          const req: Record<string, unknown> = { error: new DOMException('quota', 'QuotaExceededError') };
          queueMicrotask(() => (req.onerror as () => void)?.());
          return req;
        },
      }],
    ])('%s: loads from the network and revalidates from memory', async (_, idb) => {
      vi.stubGlobal('indexedDB', idb);
      const key = newKey();
      const e = edge(json(config(), '"v1"'), status(304), offline());
      const loader = createConfigLoader({ endpoint: ENDPOINT, key, fetch: e.fetch });
      expect(await loader.load()).toEqual(parsed());
      expect(await loader.load()).toEqual(parsed());
      expect(e.calls[1]!.headers['If-None-Match']).toBe('"v1"');
      expect(await loader.load()).toEqual(parsed());
    });

    it('hanging: gives up on the cache after CACHE_TIMEOUT_MS and still loads', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      vi.stubGlobal('indexedDB', { open: () => ({}) });
      const e = edge(json(config(), '"v1"'));
      const p = createConfigLoader({ endpoint: ENDPOINT, key: newKey(), fetch: e.fetch }).load();
      await vi.advanceTimersByTimeAsync(CACHE_TIMEOUT_MS - 1);
      expect(e.calls).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(e.calls).toHaveLength(1);
      // The write hangs as well; it is abandoned the same way.
      await vi.advanceTimersByTimeAsync(CACHE_TIMEOUT_MS);
      expect(await p).toEqual(parsed());
    });
  });
});

describe('parseConfig', () => {
  it('keeps a well-formed config as it is, with signals as an array', () => {
    expect(parseConfig(config())).toEqual(parsed());
  });

  it('fills missing or invalid limits, holdout and detectors with the defaults', () => {
    expect(parseConfig({ tips: [] })).toEqual({
      workspaceId: '',
      detectors: {},
      tips: [],
      limits: { maxTipsPerSession: 3, newUserDays: 14 },
      holdoutPercent: 10,
    });
    const c = parseConfig({ tips: [], limits: { maxTipsPerSession: -1, newUserDays: '7' }, holdoutPercent: '20' });
    expect(c?.limits).toEqual({ maxTipsPerSession: 3, newUserDays: 14 });
    expect(c?.holdoutPercent).toBe(10);
    expect(parseConfig({ tips: [], limits: { maxTipsPerSession: 0, newUserDays: 0 } })?.limits).toEqual({ maxTipsPerSession: 0, newUserDays: 0 });
  });

  it.each([
    [150, 100],
    [100, 100],
    [-5, 0],
    [0, 0],
    [12.5, 12.5],
    [Number.POSITIVE_INFINITY, 10],
    [null, 10],
  ])('holdoutPercent %s → %s', (h, want) => {
    expect(parseConfig({ tips: [], holdoutPercent: h })?.holdoutPercent).toBe(want);
  });

  it('keeps known detectors with finite non-negative thresholds only', () => {
    const d = parseConfig({
      tips: [],
      detectors: {
        rage_click: { clicks: 4, intervalMs: '900', radiusPx: -1 },
        dead_click: false,
        error_loop: true,
        form_struggle: null,
        help_seeking: { windowMs: 1000, opens: Number.NaN },
        made_up: { x: 1 },
      },
    })?.detectors;
    expect(d).toEqual({ rage_click: { clicks: 4 }, dead_click: false, help_seeking: { windowMs: 1000 } });
  });

  // A distinct id, so a bad tip that slipped through could not hide behind the good one's.
  const tipWith = (over: Record<string, unknown>, when: Record<string, unknown> = {}) => ({
    ...goodTip,
    id: 'bad',
    ...over,
    when: { ...goodTip.when, ...when },
  });
  it.each([
    ['no id', tipWith({ id: undefined })],
    ['empty id', tipWith({ id: '' })],
    ['numeric id', tipWith({ id: 7 })],
    ['no title', tipWith({ title: undefined })],
    ['body not a string', tipWith({ body: { html: '<b>' } })],
    ['priority not a number', tipWith({ priority: '5' })],
    ['priority NaN', tipWith({ priority: Number.NaN })],
    ['no cooldown', tipWith({ cooldownMs: undefined })],
    ['negative cooldown', tipWith({ cooldownMs: -1 })],
    ['enabled not a boolean', tipWith({ enabled: 'yes' })],
    ['javascript: link', tipWith({ articleUrl: 'javascript:alert(1)' })],
    ['javascript: link hidden by whitespace', tipWith({ articleUrl: ' java\tscript:alert(1)' })],
    ['data: link', tipWith({ articleUrl: 'DATA:text/html,<script>' })],
    ['link not a string', tipWith({ articleUrl: 42 })],
    ['no when', { ...goodTip, id: 'bad', when: undefined }],
    ['unknown signal', tipWith({}, { signal: 'sneeze' })],
    ['one unknown signal in a list', tipWith({}, { signal: ['rage_click', 'sneeze'] })],
    ['empty signal list', tipWith({}, { signal: [] })],
    ['screen not a string', tipWith({}, { screen: /billing/ })],
    ['newUser not a boolean', tipWith({}, { newUser: 'yes' })],
    ['traits not an array', tipWith({}, { traits: { plan: 'pro' } })],
    ['condition without trait', tipWith({}, { traits: [{ op: 'eq', value: 'pro' }] })],
    ['unknown op', tipWith({}, { traits: [{ trait: 'plan', op: 'like', value: 'pro' }] })],
    ['eq without value', tipWith({}, { traits: [{ trait: 'plan', op: 'eq' }] })],
    ['eq with an object', tipWith({}, { traits: [{ trait: 'plan', op: 'eq', value: { a: 1 } }] })],
    ['in with a scalar', tipWith({}, { traits: [{ trait: 'plan', op: 'in', value: 'pro' }] })],
    ['in with a nested array', tipWith({}, { traits: [{ trait: 'plan', op: 'in', value: [['pro']] }] })],
    ['exists with a string', tipWith({}, { traits: [{ trait: 'plan', op: 'exists', value: 'no' }] })],
    ['gt with NaN', tipWith({}, { traits: [{ trait: 'seats', op: 'gt', value: Number.NaN }] })],
    ['one bad condition among good ones', tipWith({}, { traits: [{ trait: 'plan', op: 'eq', value: 'pro' }, null] })],
  ])('drops a tip with %s', (_, bad) => {
    expect(parseConfig({ tips: [bad, goodTip] })?.tips.map((t) => t.id)).toEqual(['billing-help']);
  });

  it('the good tip used above passes on its own, under the bad id too', () => {
    expect(parseConfig({ tips: [tipWith({})] })?.tips.map((t) => t.id)).toEqual(['bad']);
  });

  it('keeps the first of two tips with one id', () => {
    const tips = parseConfig({ tips: [goodTip, { ...goodTip, title: 'second' }] })?.tips;
    expect(tips?.map((t) => t.title)).toEqual(['Updating a card']);
  });

  it('keeps only the contract fields of a tip and its conditions', () => {
    const tip = parseConfig({
      tips: [
        tipWith({ id: 'billing-help', extra: 'x', enabled: false }, { traits: [{ trait: 'plan', op: 'exists', extra: 1 }], other: true }),
      ],
    })?.tips[0];
    expect(tip).toEqual({
      id: 'billing-help',
      title: 'Updating a card',
      body: goodTip.body,
      articleUrl: '/help/cards',
      enabled: false,
      when: { signal: ['rage_click'], screen: '/billing/**', traits: [{ trait: 'plan', op: 'exists' }], newUser: false },
      priority: 5,
      cooldownMs: 86_400_000,
    });
  });

  it('does not change its input', () => {
    const input = config({ tips: [goodTip, { bad: true }] });
    const before = JSON.stringify(input);
    parseConfig(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('isSafeUrl', () => {
  it.each([
    ['https://help.example.com/a', true],
    ['HTTP://help.example.com/a', true],
    ['/help/a', true],
    ['help/a', true],
    ['../a', true],
    ['#anchor', true],
    ['?q=1', true],
    ['//cdn.example.com/a', true],
    ['/a:b', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['\u0000javascript:alert(1)', false],
    ['jav\nascript:alert(1)', false],
    ['vbscript:x', false],
    ['data:text/html,x', false],
    ['mailto:a@b.c', false],
  ])('%j → %s', (u, want) => {
    expect(isSafeUrl(u)).toBe(want);
  });
});
