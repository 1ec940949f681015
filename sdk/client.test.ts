// The SDK instance end to end in happy-dom: a fake edge records what is sent; bad input, consent, identity, screens, friction and teardown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createForestall, type Forestall, type ForestallOptions } from './client';
import type { FrictionSignal, RemoteConfig, SdkEvent } from './wire';

const ENDPOINT = 'https://edge.test';
const KEY = 'pk_test';
const CONFIG: RemoteConfig = {
  workspaceId: 'ws_1',
  detectors: {},
  tips: [],
  limits: { maxTipsPerSession: 3, newUserDays: 14 },
  holdoutPercent: 0,
};

const originals = {
  pushState: history.pushState,
  replaceState: history.replaceState,
  open: XMLHttpRequest.prototype.open,
  send: XMLHttpRequest.prototype.send,
};

/** The fake edge and page backend: every request made through fetch or sendBeacon. */
let requests: Array<{ method: string; url: string }>;
let batches: SdkEvent[][];
let beacons: Blob[];
/** Status the fake answers for page requests to /api/fail, and for POST /v1/events. */
let eventsStatus: number;
let configStatus: number;
let edgeFetch: ReturnType<typeof vi.fn>;
/** The edge unreachable: every request rejects as fetch does offline. */
let edgeDown: boolean;
/** Answers the page's own requests (anything not to the edge), when a test needs to. */
let page: ((url: string, init?: RequestInit) => Promise<Response>) | undefined;
let instances: Forestall[];

function start(options: Partial<ForestallOptions> = {}): Forestall {
  const fs = createForestall({ key: KEY, endpoint: ENDPOINT, ...options } as ForestallOptions);
  instances.push(fs);
  return fs;
}

/** Everything the edge has received so far, fetch and beacons, in order. */
async function received(): Promise<SdkEvent[]> {
  const fromBeacons = await Promise.all(beacons.map(async (b) => JSON.parse(await b.text()).events as SdkEvent[]));
  return [...batches, ...fromBeacons].flat();
}

/** Flushes and returns the received events, without the ones of types in `skip`. */
async function sent(fs: Forestall, ...skip: string[]): Promise<SdkEvent[]> {
  await fs.flush();
  return (await received()).filter((e) => !skip.includes(e.type));
}

const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  requests = [];
  batches = [];
  beacons = [];
  eventsStatus = 202;
  configStatus = 200;
  instances = [];
  edgeDown = false;
  page = undefined;
  localStorage.clear();
  sessionStorage.clear();
  history.replaceState(null, '', '/');
  // A fresh IndexedDB for every test: no queue left over from the one before.
  vi.stubGlobal('indexedDB', new IDBFactory());
  edgeFetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = (init && init.method) || 'GET';
    requests.push({ method, url });
    if (edgeDown) throw new TypeError('Failed to fetch');
    if (page && !url.startsWith(ENDPOINT)) return page(url, init);
    if (url.split('?')[0] === ENDPOINT + '/v1/config') return new Response(JSON.stringify(CONFIG), { status: configStatus, headers: { ETag: '"c1"' } });
    if (url === ENDPOINT + '/v1/events' && method === 'POST') {
      if (eventsStatus < 300) batches.push(JSON.parse(String(init!.body)).events);
      return new Response(JSON.stringify({ accepted: 1, duplicates: 0 }), { status: eventsStatus });
    }
    if (url.includes('/api/fail')) return new Response('nope', { status: 500 });
    return new Response('{}', { status: 200 });
  });
  vi.stubGlobal('fetch', edgeFetch);
  vi.spyOn(navigator, 'sendBeacon').mockImplementation((_url, body) => {
    beacons.push(body as Blob);
    return true;
  });
});

afterEach(async () => {
  for (const fs of instances) fs.destroy();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  history.pushState = originals.pushState;
  history.replaceState = originals.replaceState;
  document.body.innerHTML = '';
});

describe('createForestall: bad options', () => {
  const bad: unknown[] = [
    undefined,
    null,
    {},
    5,
    'pk_test',
    [],
    { key: KEY },
    { endpoint: ENDPOINT },
    { key: 5, endpoint: {} },
    { key: '', endpoint: '' },
    { key: KEY, endpoint: '///' },
  ];

  it.each(bad.map((b) => [JSON.stringify(b) ?? String(b), b]))('%s: inert, never throws, patches nothing, sends nothing', async (_, options) => {
    const fetchBefore = globalThis.fetch;
    const fs = createForestall(options as ForestallOptions);
    instances.push(fs);
    expect(history.pushState).toBe(originals.pushState);
    expect(globalThis.fetch).toBe(fetchBefore);
    expect(XMLHttpRequest.prototype.open).toBe(originals.open);

    const friction = vi.fn();
    const off = fs.on('friction', friction);
    expect(typeof off).toBe('function');
    expect(() => {
      fs.identify({ userId: 'u1' });
      fs.screen('x');
      fs.helpOpened({ articleId: 'a' });
      fs.helpOpened({ articleId: 'b' });
      fs.helpOpened({ articleId: 'c' });
      fs.track('t', { a: 1 });
      fs.showTip('tip');
      fs.consent(true);
      fs.reset();
      off();
      fs.destroy();
      fs.destroy();
    }).not.toThrow();
    await expect(fs.flush()).resolves.toBeUndefined();
    await tick();
    expect(edgeFetch).not.toHaveBeenCalled();
    expect(beacons).toEqual([]);
    expect(friction).not.toHaveBeenCalled();
  });
});

describe('createForestall: public methods with wrong types', () => {
  it('never throw, and record only what makes sense', async () => {
    const fs = start();
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const any = fs as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(() => {
      any.identify!(undefined);
      any.identify!(null);
      any.identify!('u1');
      any.identify!({ userId: 5 });
      any.identify!({ userId: '' });
      any.identify!({ userId: 'u1', accountId: 7, traits: circular });
      any.track!(undefined);
      any.track!('');
      any.track!(42);
      any.track!('x', circular);
      any.track!('y', 'not an object');
      any.helpOpened!(null);
      any.helpOpened!(undefined);
      any.helpOpened!({});
      any.helpOpened!({ articleId: 5 });
      any.screen!(123);
      any.screen!(null);
      any.screen!({ name: 'x' });
      any.showTip!(undefined);
      any.showTip!(5);
      any.on!('nope', () => {});
      any.on!('friction', 'not a function');
      any.on!(undefined, undefined);
      any.on!({}, () => {});
      any.reset!('now');
    }).not.toThrow();
    expect(typeof any.on!('nope', () => {})).toBe('function');
    expect(() => (any.on!('friction', 'not a function') as () => void)()).not.toThrow();
    await expect(fs.flush()).resolves.toBeUndefined();

    const events = await received();
    expect(events.map((e) => [e.type, e.name ?? null, e.props ?? null, e.userId ?? null, e.accountId ?? null])).toEqual([
      ['screen', null, null, null, null],
      // identify with a non-string accountId and traits that cannot be JSON: the user, without them.
      ['identify', null, {}, 'u1', null],
      ['track', 'x', null, 'u1', null],
      ['track', 'y', null, 'u1', null],
    ]);
  });

  it('treats consent("yes") as no consent: nothing more is sent', async () => {
    const fs = start();
    fs.track('before');
    (fs.consent as (g: unknown) => void)('yes');
    fs.track('after');
    expect((await sent(fs)).map((e) => e.name ?? e.type)).toEqual([]);
  });

  it('flush() resolves, also with nothing queued and with the edge down', async () => {
    const fs = start();
    await expect(fs.flush()).resolves.toBeUndefined();
    edgeDown = true;
    fs.track('x');
    await expect(fs.flush()).resolves.toBeUndefined();
  });
});

describe('createForestall: events', () => {
  it('sends a screen event for the page at init, with key and ids', async () => {
    history.replaceState(null, '', '/dashboard?tab=2#top');
    const fs = start();
    const [screen, ...rest] = await sent(fs);
    expect(rest).toEqual([]);
    expect(screen).toMatchObject({ type: 'screen', screen: '/dashboard' });
    expect(screen!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof screen!.anonymousId).toBe('string');
    expect(typeof screen!.sessionId).toBe('string');
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url).toBe(ENDPOINT + '/v1/events');
  });

  it('attaches userId and accountId from identify() to later events only', async () => {
    const fs = start();
    fs.track('anon');
    fs.identify({ userId: 'u1', accountId: 'acc1', traits: { plan: 'pro', seats: 3 } });
    fs.track('known');
    fs.identify({ userId: 'u2' });
    fs.track('still the account');
    const events = await sent(fs, 'screen');
    expect(events.map((e) => [e.type, e.name ?? null, e.userId ?? null, e.accountId ?? null, e.props ?? null])).toEqual([
      ['track', 'anon', null, null, null],
      ['identify', null, 'u1', 'acc1', { plan: 'pro', seats: 3 }],
      ['track', 'known', 'u1', 'acc1', null],
      ['identify', null, 'u2', 'acc1', {}],
      ['track', 'still the account', 'u2', 'acc1', null],
    ]);
  });

  it('identifies the user given at init', async () => {
    const fs = start({ user: { userId: 'u9', accountId: 'a9' } });
    const events = await sent(fs);
    expect(events.map((e) => [e.type, e.userId, e.accountId])).toEqual([
      ['identify', 'u9', 'a9'],
      ['screen', 'u9', 'a9'],
    ]);
  });

  it('JSON-cleans track props and caps the name', async () => {
    const fs = start();
    const big = { s: 'x'.repeat(9000) };
    fs.track('cleaned', { n: 1, s: 'a', d: new Date(0), f: () => 1, u: undefined, nan: NaN, nested: { ok: true, list: [1, undefined] } });
    fs.track('big', big);
    fs.track('n'.repeat(150));
    const props = { mutable: 1 };
    fs.track('copied', props);
    props.mutable = 2;
    const events = await sent(fs, 'screen');
    expect(events.map((e) => [e.name, e.props ?? null])).toEqual([
      ['cleaned', { n: 1, s: 'a', d: '1970-01-01T00:00:00.000Z', nan: null, nested: { ok: true, list: [1, null] } }],
      ['big', null],
      ['n'.repeat(100), null],
      ['copied', { mutable: 1 }],
    ]);
  });

  it('names screens by route template as history.pushState changes them', async () => {
    const fs = start({ screens: ['/orders/:id', '/docs/*'] });
    history.pushState(null, '', '/orders/42?tab=items#x');
    history.replaceState(null, '', '/orders/43'); // same screen: no event
    history.pushState(null, '', '/docs/a/b');
    history.pushState(null, '', '/settings/');
    location.hash = 'section'; // no path change: no event
    dispatchEvent(new HashChangeEvent('hashchange'));
    history.pushState(null, '', '/users/jo@example.com');
    fs.screen('Checkout step 2');
    fs.screen();
    const events = await sent(fs);
    expect(events.map((e) => [e.type, e.screen])).toEqual([
      ['screen', '/'],
      ['screen', '/orders/:id'],
      ['screen', '/docs/*'],
      ['screen', '/settings'],
      ['screen', '/users/[email]'],
      ['screen', 'Checkout step 2'],
      ['screen', '/users/[email]'],
    ]);
  });

  it('gives a new anonymousId on reset() and forgets the user', async () => {
    const fs = start();
    fs.identify({ userId: 'u1', accountId: 'a1' });
    fs.track('before');
    fs.reset();
    fs.track('after');
    const [before, after] = (await sent(fs)).filter((e) => e.type === 'track');
    expect(before).toMatchObject({ name: 'before', userId: 'u1', accountId: 'a1' });
    expect(after!.name).toBe('after');
    expect(after!.userId).toBeUndefined();
    expect(after!.accountId).toBeUndefined();
    expect(after!.anonymousId).not.toBe(before!.anonymousId);
    expect(after!.sessionId).not.toBe(before!.sessionId);
    expect(localStorage.getItem('forestall:aid')).toBe(after!.anonymousId);
  });

  it('keeps the anonymousId across instances of one browser', async () => {
    const one = start();
    one.track('one');
    const first = (await sent(one)).find((e) => e.name === 'one')!;
    one.destroy();
    const two = start();
    two.track('two');
    const second = (await sent(two)).find((e) => e.name === 'two')!;
    expect(second.anonymousId).toBe(first.anonymousId);
  });

  it('keeps the session across pages of one tab, and starts a new one after 30 minutes idle', async () => {
    let t = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => t);
    const one = start();
    one.track('one');
    t += 10 * 60_000;
    one.track('ten minutes later');
    window.dispatchEvent(new Event('pagehide'));
    const [first, later] = (await sent(one)).filter((e) => e.type === 'track');
    expect(later!.sessionId).toBe(first!.sessionId);
    one.destroy();

    // The next page in this tab, 29 minutes after the last event: still the same session.
    t += 29 * 60_000;
    const two = start();
    two.track('two');
    const second = (await sent(two)).find((e) => e.name === 'two')!;
    expect(second.sessionId).toBe(first!.sessionId);
    two.destroy();

    // The next page, 31 minutes after that event (saved on hide): a new session.
    window.dispatchEvent(new Event('pagehide'));
    t += 31 * 60_000;
    const three = start();
    three.track('three');
    const third = (await sent(three)).find((e) => e.name === 'three')!;
    expect(third.sessionId).not.toBe(first!.sessionId);
    expect(third.anonymousId).toBe(first!.anonymousId);
  });

  it('does not write Web Storage on every event, nor the ids it found at init', async () => {
    let t = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => t);
    localStorage.setItem('forestall:aid', 'aid-1');
    sessionStorage.setItem('forestall:sid', 'sid-1');
    sessionStorage.setItem('forestall:sat', String(t - 2 * 60_000));
    const setItems = [vi.spyOn(localStorage, 'setItem'), vi.spyOn(sessionStorage, 'setItem')];
    const fs = start();
    const writes = () => setItems.flatMap((s) => s.mock.calls).filter(([k]) => /^forestall:(aid|sid|sat)$/.test(k)).length;
    for (let i = 0; i < 20; i++, t += 1000) fs.track('t' + i);
    // One write of the activity time (last written two minutes ago) for twenty events over twenty seconds, none of the ids.
    expect(writes()).toBe(1);
    // Hiding stores the latest activity once, however many hide events come.
    window.dispatchEvent(new Event('pagehide'));
    window.dispatchEvent(new Event('pagehide'));
    expect(writes()).toBe(2);
    expect((await sent(fs)).find((e) => e.type === 'track')).toMatchObject({ anonymousId: 'aid-1', sessionId: 'sid-1' });
  });
});

describe('createForestall: config for the identified account', () => {
  it('asks for the account the user was identified with, and again when identify() names another account', async () => {
    const fs = start({ user: { userId: 'u1', accountId: 'acme & co' } });
    await vi.waitFor(() => expect(requests.map((r) => r.url)).toContain(ENDPOINT + '/v1/config?account=acme%20%26%20co'));
    fs.identify({ userId: 'u1', accountId: 'acme & co', traits: { plan: 'pro' } });
    fs.identify({ userId: 'u2', accountId: 'globex' });
    await vi.waitFor(() => expect(requests.map((r) => r.url)).toContain(ENDPOINT + '/v1/config?account=globex'));
    // Same account again: no new request.
    expect(requests.filter((r) => r.url.startsWith(ENDPOINT + '/v1/config')).length).toBe(2);
  });

  it('asks without an account for an anonymous visitor', async () => {
    start();
    await vi.waitFor(() => expect(requests.map((r) => r.url)).toContain(ENDPOINT + '/v1/config'));
  });
});

describe('createForestall: consent', () => {
  it("'pending' sends nothing until consent(true), then everything in order", async () => {
    const fs = start({ consent: 'pending' });
    fs.track('a');
    fs.track('b');
    await fs.flush();
    await tick();
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(beacons).toEqual([]);
    fs.consent(true);
    fs.track('c');
    expect((await sent(fs)).map((e) => e.name ?? e.type)).toEqual(['screen', 'a', 'b', 'c']);
  });

  it("'pending' then consent(false) drops everything, then and later", async () => {
    const fs = start({ consent: 'pending' });
    fs.track('a');
    fs.consent(false);
    fs.track('b');
    await fs.flush();
    fs.destroy();
    await tick();
    expect(await received()).toEqual([]);
  });

  it('consent(false) after consent was granted stops recording', async () => {
    const fs = start();
    fs.track('kept');
    await fs.flush();
    fs.consent(false);
    fs.track('dropped');
    fs.helpOpened({ articleId: 'x' });
    expect((await sent(fs)).map((e) => e.name ?? e.type)).toEqual(['screen', 'kept']);
  });
});

describe('createForestall: friction', () => {
  it('reaches on("friction") and is recorded as a friction event with the signal’s id (help seeking)', async () => {
    const fs = start();
    const got: FrictionSignal[] = [];
    fs.on('friction', (s) => got.push(s));
    fs.helpOpened({ articleId: 'reset-password', title: 'Reset your password', url: '/help/reset?u=jo@x.com' });
    fs.helpOpened({ articleId: 'sso' });
    expect(got).toEqual([]);
    fs.helpOpened({ articleId: 'two-factor' });
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      type: 'help_seeking',
      screen: '/',
      detail: { opens: 3, articles: ['reset-password', 'sso', 'two-factor'], sameArticle: false },
    });

    const events = await sent(fs, 'screen');
    expect(events.map((e) => e.type)).toEqual(['help_opened', 'help_opened', 'help_opened', 'friction']);
    expect(events[0]!.props).toEqual({ articleId: 'reset-password', title: 'Reset your password', url: '/help/reset' });
    const friction = events[3]!;
    expect(friction.id).toBe(got[0]!.id);
    expect(friction.signal).toEqual(got[0]);
  });

  it('keeps help-center article ids whole: two numbered Zendesk articles are two articles, not the same one twice', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const fs = start();
    const got: FrictionSignal[] = [];
    fs.on('friction', (s) => got.push(s));
    fs.helpOpened({ articleId: '/hc/en-us/articles/360012345678-Reset-your-password' });
    vi.setSystemTime(1_700_000_030_000);
    fs.helpOpened({ articleId: '/hc/en-us/articles/360098765432-Set-up-SSO' });
    expect(got).toEqual([]);
    vi.setSystemTime(1_700_000_060_000);
    fs.helpOpened({ articleId: '/hc/en-us/articles/360098765432-Set-up-SSO' });
    expect(got).toHaveLength(1);
    expect(got[0]!.detail).toMatchObject({ sameArticle: true });
  });

  it('detects screen cycling from history.pushState, on the injected clock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    history.replaceState(null, '', '/invoices');
    const fs = start({ screens: ['/invoices/:id'] });
    const got: FrictionSignal[] = [];
    fs.on('friction', (s) => got.push(s));
    const visit = (path: string) => {
      vi.advanceTimersByTime(3000);
      history.pushState(null, '', path);
    };
    visit('/invoices/1');
    visit('/invoices');
    visit('/invoices/2');
    expect(got).toEqual([]);
    visit('/invoices');
    expect(got).toEqual([
      {
        id: expect.any(String),
        type: 'screen_cycling',
        screen: '/invoices',
        at: 1_700_000_012_000,
        detail: { returns: 3, screens: ['/invoices', '/invoices/:id'], medianDwellMs: 3000 },
      },
    ]);
    visit('/invoices/3'); // the same episode: once
    expect(got).toHaveLength(1);
    const friction = (await sent(fs)).filter((e) => e.type === 'friction');
    expect(friction.map((e) => [e.id, e.signal])).toEqual([[got[0]!.id, got[0]]]);
  });

  it('does not fire screen cycling for browsing with long reads', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    const fs = start();
    const got = vi.fn();
    fs.on('friction', got);
    for (const path of ['/a', '/', '/a', '/', '/a']) {
      vi.advanceTimersByTime(30_000);
      history.pushState(null, '', path);
    }
    expect(got).not.toHaveBeenCalled();
  });

  it('detects an error loop from the same page error twice, and the page still sees its errors', async () => {
    const fs = start();
    const got: FrictionSignal[] = [];
    fs.on('friction', (s) => got.push(s));
    const page = vi.fn();
    addEventListener('error', page);
    const error = () => new ErrorEvent('error', { message: 'TypeError: order 12345678 is undefined', cancelable: true });
    const first = error();
    dispatchEvent(first);
    dispatchEvent(error());
    removeEventListener('error', page);
    expect(page).toHaveBeenCalledTimes(2);
    expect(first.defaultPrevented).toBe(false);
    expect(got.map((s) => [s.type, s.detail.kind, s.detail.repeats])).toEqual([['error_loop', 'js', 2]]);
    expect(JSON.stringify(got)).not.toContain('12345678');
  });

  it('detects an error loop from a failing page request, never from the SDK’s own', async () => {
    configStatus = 500;
    eventsStatus = 500;
    const fs = start();
    const got: FrictionSignal[] = [];
    fs.on('friction', (s) => got.push(s));
    fs.track('x');
    await fs.flush();
    // Its config request and its event post both failed (500), and are not page errors.
    await vi.waitFor(() =>
      expect(new Set(requests.filter((r) => r.url.startsWith(ENDPOINT)).map((r) => r.method))).toEqual(new Set(['GET', 'POST'])),
    );
    expect(got).toEqual([]);

    const res = await fetch('/api/fail?email=jo@x.com');
    expect(res.status).toBe(500);
    await fetch('/api/fail?email=jo@x.com');
    await tick();
    expect(got.map((s) => [s.type, s.detail.kind, s.detail.fingerprint])).toEqual([['error_loop', 'network', 'GET /api/fail <n>']]);
  });

  it('does not count aborted page requests as failures', async () => {
    const fs = start();
    const got = vi.fn();
    fs.on('friction', got);
    page = (_url, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    for (let i = 0; i < 3; i++) {
      const ctrl = new AbortController();
      const p = fetch('/api/search?q=' + i, { signal: ctrl.signal }).catch((e: Error) => e.name);
      ctrl.abort();
      expect(await p).toBe('AbortError');
    }
    await tick();
    expect(got).not.toHaveBeenCalled();
  });

  it('keeps calling listeners after one throws, and never throws into the caller', () => {
    const fs = start();
    const order: string[] = [];
    fs.on('friction', () => {
      order.push('first');
      throw new Error('host bug');
    });
    fs.on('friction', (s) => order.push('second ' + s.type));
    expect(() => {
      fs.helpOpened({ articleId: 'a' });
      fs.helpOpened({ articleId: 'b' });
      fs.helpOpened({ articleId: 'c' });
    }).not.toThrow();
    expect(order).toEqual(['first', 'second help_seeking']);
  });

  it('on() returns an unsubscribe that works, once or twice', () => {
    const fs = start();
    const kept = vi.fn();
    const dropped = vi.fn();
    fs.on('friction', kept);
    const off = fs.on('friction', dropped);
    off();
    off();
    fs.helpOpened({ articleId: 'a' });
    fs.helpOpened({ articleId: 'b' });
    fs.helpOpened({ articleId: 'c' });
    expect(kept).toHaveBeenCalledTimes(1);
    expect(dropped).not.toHaveBeenCalled();
  });

  it('honours detectors: false and local thresholds', () => {
    const off = start({ detectors: { help_seeking: false } });
    const got = vi.fn();
    off.on('friction', got);
    for (const id of ['a', 'b', 'c', 'd']) off.helpOpened({ articleId: id });
    expect(got).not.toHaveBeenCalled();
    off.destroy();

    const two = start({ detectors: { help_seeking: { windowMs: 1800000, opens: 2, sameArticleOpens: 2 } } });
    two.on('friction', got);
    two.helpOpened({ articleId: 'a' });
    two.helpOpened({ articleId: 'b' });
    expect(got).toHaveBeenCalledTimes(1);
  });

  it('ignores untrusted clicks: no help-article open, no rage click, no dead click', async () => {
    document.body.innerHTML = '<a id="help" href="/help/articles/1">Help</a><button id="save">Save</button>';
    const fs = start({ helpUrlPatterns: ['/help/'] });
    const got = vi.fn();
    fs.on('friction', got);
    const link = document.querySelector('#help') as HTMLAnchorElement;
    link.addEventListener('click', (e) => e.preventDefault());
    for (let i = 0; i < 3; i++) {
      link.click();
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, clientX: 5, clientY: 5 }));
      document.querySelector('#save')!.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 5, clientY: 5 }));
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(got).not.toHaveBeenCalled();
    expect((await sent(fs)).map((e) => e.type)).toEqual(['screen']);
  });
});

describe('createForestall: destroy', () => {
  it('restores history, fetch and XHR to what they were before, removes listeners, and records nothing after', async () => {
    const before = { pushState: history.pushState, replaceState: history.replaceState, fetch: globalThis.fetch };
    const fs = start({ screens: ['/orders/:id'] });
    expect(history.pushState).not.toBe(before.pushState);
    expect(globalThis.fetch).not.toBe(before.fetch);
    const got = vi.fn();
    fs.on('friction', got);
    fs.track('last');
    fs.destroy();

    expect(history.pushState).toBe(before.pushState);
    expect(history.replaceState).toBe(before.replaceState);
    expect(globalThis.fetch).toBe(before.fetch);
    expect(XMLHttpRequest.prototype.open).toBe(originals.open);
    expect(XMLHttpRequest.prototype.send).toBe(originals.send);

    // What was queued went out on destroy (as on pagehide); nothing after it.
    await tick();
    const atDestroy = (await received()).map((e) => e.name ?? e.type);
    expect(atDestroy).toEqual(['screen', 'last']);
    const requestsAtDestroy = requests.length;

    expect(() => {
      history.pushState(null, '', '/orders/1');
      dispatchEvent(new ErrorEvent('error', { message: 'after' }));
      dispatchEvent(new ErrorEvent('error', { message: 'after' }));
      fs.track('late');
      fs.identify({ userId: 'u' });
      fs.screen('Late');
      for (const id of ['a', 'b', 'c']) fs.helpOpened({ articleId: id });
      fs.consent(true);
      dispatchEvent(new Event('pagehide'));
      document.dispatchEvent(new Event('visibilitychange'));
      fs.destroy();
    }).not.toThrow();
    await fs.flush();
    await new Promise((r) => setTimeout(r, 20));
    expect(got).not.toHaveBeenCalled();
    expect((await received()).map((e) => e.name ?? e.type)).toEqual(atDestroy);
    // Nothing goes out after destroy(), not even the config request init would have made.
    expect(requests.slice(requestsAtDestroy)).toEqual([]);
  });
});

describe('createForestall: the widget chunk', () => {
  const g = globalThis as { __chunk?: Record<string, string[]> };
  /** A widget chunk as a data: URL (unique per test, as modules are cached by URL) that records what it is asked. */
  const chunkUrl = (name: string) =>
    'data:text/javascript,' +
    encodeURIComponent(
      `const log = ((globalThis.__chunk ||= {})[${JSON.stringify(name)}] = []); log.push('loaded');` +
        `export function mount() { log.push('mount'); return { openHelp() { log.push('openHelp') }, showTip() {}, destroy() { log.push('destroy') } } }`,
    ) +
    '//x'; // the chunk name is appended as a comment; no trailing slash, which the client strips

  it('loads on openHelp(), mounts once, and is destroyed with the instance', async () => {
    const fs = start({ assetsUrl: chunkUrl('live') });
    fs.openHelp();
    fs.openHelp();
    await vi.waitFor(() => expect(g.__chunk?.live).toEqual(['loaded', 'mount', 'openHelp', 'openHelp']));
    fs.destroy();
    expect(g.__chunk!.live).toEqual(['loaded', 'mount', 'openHelp', 'openHelp', 'destroy']);
  });

  it('is never loaded by an inert or a destroyed instance, nor with widget: false', async () => {
    createForestall({ key: KEY, assetsUrl: chunkUrl('inert') } as ForestallOptions).openHelp();
    const destroyed = start({ assetsUrl: chunkUrl('destroyed') });
    destroyed.destroy();
    destroyed.openHelp();
    start({ assetsUrl: chunkUrl('off'), widget: false }).openHelp();
    await new Promise((r) => setTimeout(r, 50));
    expect(g.__chunk?.inert).toBeUndefined();
    expect(g.__chunk?.destroyed).toBeUndefined();
    expect(g.__chunk?.off).toBeUndefined();
  });
});

describe('createForestall: storage failures', () => {
  it('works in memory when indexedDB.open throws', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      deleteDatabase() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const fs = start();
    fs.track('still sent');
    expect((await sent(fs)).map((e) => e.name ?? e.type)).toEqual(['screen', 'still sent']);
  });

  it('works in memory without indexedDB at all', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const fs = start();
    fs.track('still sent');
    expect((await sent(fs)).map((e) => e.name ?? e.type)).toEqual(['screen', 'still sent']);
  });

  it('works when localStorage and sessionStorage throw', async () => {
    const throwing = {
      getItem() {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem() {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem() {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    vi.stubGlobal('localStorage', throwing);
    vi.stubGlobal('sessionStorage', throwing);
    const fs = start();
    fs.track('x');
    expect((await sent(fs)).map((e) => e.name ?? e.type)).toEqual(['screen', 'x']);
  });
});
