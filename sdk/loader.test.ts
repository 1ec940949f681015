// The script-tag entry: the stub's queue replayed in order, calls held until init, double inclusion, and nothing thrown into the page.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import type { FrictionSignal } from './wire';

type Dispatch = ((...args: unknown[]) => unknown) & { q?: ArrayLike<unknown>[]; loaded?: boolean };
const w = window as unknown as { forestall?: Dispatch };

/** The stub of the design's script tag, as the host page runs it: it queues `arguments` objects. */
function installStub(): Dispatch {
  w.forestall =
    w.forestall ||
    function () {
      // eslint-disable-next-line prefer-rest-params
      (w.forestall!.q = w.forestall!.q || []).push(arguments);
    };
  return w.forestall;
}

/** A fake SDK instance whose every method records its call; `on` returns an unsubscribe. */
let calls: unknown[][];
let created: unknown[];
let createForestall: ReturnType<typeof vi.fn>;
function fakeInstance() {
  const rec =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
      return name === 'on' ? () => calls.push(['off']) : undefined;
    };
  const methods = ['identify', 'screen', 'helpOpened', 'track', 'on', 'showTip', 'openHelp', 'consent', 'flush', 'reset', 'destroy'];
  return Object.fromEntries(methods.map((m) => [m, rec(m)]));
}

/** Loads loader.ts afresh, as a new <script> would, against the fake client. */
async function load() {
  vi.resetModules();
  vi.doMock('./client', () => ({ createForestall }));
  await import('./loader');
  return w.forestall!;
}

let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  calls = [];
  created = [];
  createForestall = vi.fn((options: unknown) => {
    created.push(options);
    return fakeInstance();
  });
  delete w.forestall;
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.doUnmock('./client');
  vi.restoreAllMocks();
  delete w.forestall;
});

const OPTIONS = { key: 'pk_test', endpoint: 'https://edge.test' };

describe('loader', () => {
  it('replays the calls queued before load, in order, with their arguments', async () => {
    const stub = installStub();
    const cb = () => {};
    stub('init', OPTIONS);
    stub('identify', { userId: 'u1' });
    stub('on', 'friction', cb);
    stub('track', 'a', { n: 1 });
    stub('screen');
    const forestall = await load();
    expect(forestall).not.toBe(stub);
    expect(forestall.loaded).toBe(true);
    expect(created).toEqual([OPTIONS]);
    expect(calls).toEqual([
      ['identify', { userId: 'u1' }],
      ['on', 'friction', cb],
      ['track', 'a', { n: 1 }],
      ['screen'],
    ]);
  });

  it('holds calls made before init, queued or after load, and runs them in order at init', async () => {
    const stub = installStub();
    stub('track', 'queued early');
    stub('identify', { userId: 'u1' });
    const forestall = await load();
    forestall('track', 'after load');
    expect(createForestall).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
    forestall('init', OPTIONS);
    forestall('track', 'after init');
    expect(calls).toEqual([
      ['track', 'queued early'],
      ['identify', { userId: 'u1' }],
      ['track', 'after load'],
      ['track', 'after init'],
    ]);
  });

  it('works without a stub: the script loaded before any call', async () => {
    const forestall = await load();
    forestall('init', OPTIONS);
    forestall('track', 'x');
    expect(calls).toEqual([['track', 'x']]);
  });

  it('keeps the first dispatcher when the script is loaded twice', async () => {
    installStub()('init', OPTIONS);
    const first = await load();
    first('track', 'one');
    const second = await load();
    expect(second).toBe(first);
    second('track', 'two');
    expect(createForestall).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([
      ['track', 'one'],
      ['track', 'two'],
    ]);
  });

  it('keeps the dispatcher when the host runs its stub snippet again after load', async () => {
    const forestall = await load();
    expect(installStub()).toBe(forestall);
  });

  it('ignores a second init with a console.warn', async () => {
    const forestall = await load();
    forestall('init', OPTIONS);
    expect(forestall('init', { key: 'pk_other', endpoint: 'https://other.test' })).toBeUndefined();
    expect(created).toEqual([OPTIONS]);
    expect(warn).toHaveBeenCalledWith('[forestall] init called twice; the second call is ignored');
  });

  it('warns about unknown methods and never throws, also for names on the prototype', async () => {
    const forestall = await load();
    forestall('init', OPTIONS);
    const bad = ['nope', 'constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', 42, undefined, null, {}, ''];
    for (const method of bad) expect(() => forestall(method, 'x')).not.toThrow();
    expect(() => forestall()).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(bad.length + 1);
    expect(warn.mock.calls[0]).toEqual(['[forestall] unknown method', 'nope']);
    expect(calls).toEqual([]);
  });

  it('returns what the method returns: on() gives an unsubscribe function', async () => {
    const forestall = await load();
    forestall('init', OPTIONS);
    const off = forestall('on', 'friction', () => {});
    expect(typeof off).toBe('function');
    (off as () => void)();
    expect(calls.map((c) => c[0])).toEqual(['on', 'off']);
  });

  it('never throws when the SDK or one of its methods does', async () => {
    createForestall.mockImplementationOnce(() => {
      throw new Error('broken');
    });
    const forestall = await load();
    expect(() => forestall('init', OPTIONS)).not.toThrow();
    expect(() => forestall('init', OPTIONS)).not.toThrow();
    expect(createForestall).toHaveBeenCalledTimes(2);
    const throwing = { ...fakeInstance(), track: () => { throw new Error('host-visible?'); } };
    createForestall.mockImplementationOnce(() => throwing);
    const again = await (async () => {
      delete w.forestall;
      return load();
    })();
    again('init', OPTIONS);
    expect(() => again('track', 'x')).not.toThrow();
  });

  it('bounds what it holds before init: the first 100 calls, the rest dropped', async () => {
    const stub = installStub();
    for (let i = 0; i < 60; i++) stub('track', i);
    const forestall = await load();
    for (let i = 60; i < 150; i++) forestall('track', i);
    forestall('init', OPTIONS);
    expect(calls).toEqual(Array.from({ length: 100 }, (_, i) => ['track', i]));
  });
});

describe('loader with the real SDK', () => {
  let edge: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    edge = vi.fn(async () => new Response('{}', { status: 202 }));
    vi.stubGlobal('fetch', edge);
    vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true);
  });

  afterEach(async () => {
    w.forestall?.('destroy');
    // The config request goes out after the cache read: let it reach the fake before the real fetch is back.
    await vi.waitFor(() => expect(edge).toHaveBeenCalledWith('https://edge.test/v1/config', expect.anything()));
    vi.unstubAllGlobals();
  });

  it('replays a queued on("friction") and returns a working unsubscribe after load', async () => {
    const queued: FrictionSignal[] = [];
    const stub = installStub();
    stub('on', 'friction', (s: FrictionSignal) => queued.push(s));
    stub('init', OPTIONS);
    vi.resetModules();
    await import('./loader');
    const forestall = w.forestall!;

    const later: FrictionSignal[] = [];
    const off = forestall('on', 'friction', (s: FrictionSignal) => later.push(s)) as () => void;
    expect(typeof off).toBe('function');
    const fail = (message: string) => dispatchEvent(new ErrorEvent('error', { message }));
    fail('Checkout failed');
    fail('Checkout failed');
    expect(queued.map((s) => s.type)).toEqual(['error_loop']);
    expect(later).toEqual(queued);

    off();
    fail('Save failed');
    fail('Save failed');
    expect(queued.map((s) => s.type)).toEqual(['error_loop', 'error_loop']);
    expect(later).toHaveLength(1);
    await expect(forestall('flush')).resolves.toBeUndefined();
  });
});
