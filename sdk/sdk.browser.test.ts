// The built script-tag SDK in real Chromium: a scripted user, the signals it should and should not produce, and delivery under failure.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startCaptureServer, type CaptureServer } from './test/captureServer';
import { launchChromium, waitFor, type Chromium } from './test/chromium';
import { testPage } from './test/page';
import type { FrictionSignal, RemoteConfig } from './wire';

const config: RemoteConfig = {
  workspaceId: 'ws_test',
  detectors: {},
  tips: [
    {
      id: 'tip-cycling',
      title: 'Looking for an invoice?',
      body: 'Use the search box to find any invoice by number.',
      when: { signal: 'screen_cycling' },
      priority: 1,
      cooldownMs: 0,
    },
  ],
  limits: { maxTipsPerSession: 3, newUserDays: 14 },
  holdoutPercent: 0,
};
config.tips.push({
  id: 'tip-renewal',
  title: 'Your renewal is coming up',
  body: 'Review your plan before the **30th**.',
  when: { signal: 'form_struggle', screen: '/nowhere' },
  priority: 1,
  cooldownMs: 86_400_000,
});

let server: CaptureServer;
let browser: Chromium;
let context: BrowserContext;
let page: Page;

const signals = (): Promise<FrictionSignal[]> => page.evaluate(() => (window as unknown as { __signals: FrictionSignal[] }).__signals);
const types = async () => (await signals()).map((s) => s.type);

beforeAll(async () => {
  server = await startCaptureServer(
    { '/app/': testPage(), '/plain/': testPage({ withSdk: false }), '/acme/': testPage({ init: { user: { userId: 'u-ada', accountId: 'acme' } } }) },
    config,
  );
  server.pushed = { acme: ['tip-renewal'] };
  browser = await launchChromium();
  context = browser.context;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  server.failing = false;
  for (const p of context.pages()) await p.close();
  page = await context.newPage();
  await page.goto(server.url + '/app/dashboard');
  await page.waitForFunction(() => (window as unknown as { forestall: { loaded?: boolean } }).forestall.loaded === true);
});

describe('script tag', () => {
  it('loads once even when included twice, and replays the stub queue in order', async () => {
    expect(await page.evaluate(() => document.querySelectorAll('script[src="/sdk/forestall.js"]').length)).toBe(2);
    // on('friction') was queued before load: a rage click must reach it exactly once.
    for (let i = 0; i < 3; i++) await page.click('#save', { position: { x: 10, y: 10 } });
    await waitFor(types, (t) => t.includes('rage_click'));
    expect((await types()).filter((t) => t === 'rage_click')).toHaveLength(1);
  });

  it('keeps working through forestall(method, ...args) after load', async () => {
    await page.evaluate(() => {
      const fs = (window as unknown as { forestall: (...a: unknown[]) => unknown }).forestall;
      fs('identify', { userId: 'u_1', accountId: 'acct_1', traits: { plan: 'pro' } });
      fs('track', 'exported', { format: 'csv' });
      fs('no-such-method');
      return fs('flush');
    });
    const tracked = await waitFor(
      () => server.events.filter((e) => e.type === 'track' && e.name === 'exported'),
      (e) => e.length > 0,
    );
    expect(tracked[0]).toMatchObject({ userId: 'u_1', accountId: 'acct_1', props: { format: 'csv' } });
  });
});

describe('friction in a real browser', () => {
  it('rage clicks fire once per chain, not on a pager control', async () => {
    for (let i = 0; i < 4; i++) await page.click('#next', { position: { x: 5, y: 5 } });
    for (let i = 0; i < 4; i++) await page.click('#save', { position: { x: 10, y: 10 } });
    await waitFor(types, (t) => t.includes('rage_click'));
    const rage = (await signals()).filter((s) => s.type === 'rage_click');
    expect(rage).toHaveLength(1);
    expect(rage[0]!.detail.label).toBe('Save');
  });

  it('describes a click as it was when it happened, whatever its own handler does to the page next', async () => {
    await page.evaluate(() => {
      const area = document.createElement('div');
      area.innerHTML =
        '<div data-forestall-mask id="pii"><button id="pii-btn">Jo Doe</button></div>' +
        '<button id="archive" aria-label="Archive"><span id="archive-icon">▣</span></button>' +
        '<a href="/help/articles/routing" id="help-nav">Routing rules</a>';
      document.body.prepend(area);
      // Re-renders that take the clicked element out of what made it masked, or out of its button.
      document.getElementById('pii')!.addEventListener('click', (e) => {
        const fresh = document.createElement('button');
        fresh.id = 'pii-btn';
        fresh.textContent = 'Jo Doe';
        (e.currentTarget as Element).replaceChildren(fresh);
      });
      document.getElementById('archive')!.addEventListener('click', (e) => {
        (e.currentTarget as Element).innerHTML = '<span id="archive-icon">▣</span>';
      });
      // A help link the product opens as a screen of its own.
      document.getElementById('help-nav')!.addEventListener('click', (e) => {
        e.preventDefault();
        history.pushState({}, '', '/app/help/routing');
      });
    });
    for (let i = 0; i < 3; i++) await page.click('#pii-btn', { position: { x: 5, y: 5 } });
    await page.waitForTimeout(1100);
    for (let i = 0; i < 3; i++) await page.click('#archive-icon', { position: { x: 2, y: 2 } });
    await page.click('#help-nav');
    const rage = await waitFor(
      async () => (await signals()).filter((s) => s.type === 'rage_click'),
      (s) => s.length === 2,
    );
    expect(rage.map((s) => s.detail.label)).toEqual(['[masked]', 'Archive']);
    expect(rage.map((s) => s.screen)).toEqual(['/app/dashboard', '/app/dashboard']);
    await page.evaluate(() => (window as unknown as { forestall: (m: string) => unknown }).forestall('flush'));
    const opened = await waitFor(
      () => server.events.filter((e) => e.type === 'help_opened' && e.props?.articleId === '/help/articles/routing'),
      (e) => e.length > 0,
    );
    // Recorded on the screen the link was clicked on, not the one its handler went to.
    expect(opened[0]!.screen).toBe('/app/dashboard');
    expect(JSON.stringify(server.events)).not.toContain('Jo Doe');
  });

  it('a button that does nothing is a dead click; one that changes the page is not', async () => {
    await page.click('#alive');
    await page.click('#connect');
    const got = await waitFor(signals, (s) => s.some((x) => x.type === 'dead_click'), 6000);
    const dead = got.filter((s) => s.type === 'dead_click');
    expect(dead).toHaveLength(1);
    expect(dead[0]!.detail.label).toBe('Connect');
  });

  it('cycling between two screens fires screen_cycling, and its tip is shown', async () => {
    for (const id of ['#nav-invoices', '#nav-invoice', '#nav-invoices', '#nav-invoice', '#nav-invoices']) {
      await page.click(id);
      await page.waitForTimeout(30);
    }
    const got = await waitFor(signals, (s) => s.some((x) => x.type === 'screen_cycling'));
    const cycling = got.find((s) => s.type === 'screen_cycling')!;
    expect(cycling.detail.screens).toEqual(expect.arrayContaining(['/app/invoices', '/app/invoices/:id']));
    await waitFor(() => page.evaluate(() => (window as unknown as { __tips: string[] }).__tips), (t) => t.length > 0);
    expect(await page.evaluate(() => (window as unknown as { __tips: string[] }).__tips)).toEqual(['tip-cycling']);
    // The widget chunk renders the tip inside its shadow root.
    await page.waitForSelector('forestall-widget');
    expect(await page.locator('forestall-widget').getByText('Looking for an invoice?').isVisible()).toBe(true);
  });

  it('a tip a rule pushed to the account shows on the next page load, without friction, once per cooldown', async () => {
    await page.goto(server.url + '/acme/dashboard');
    await waitFor(() => page.evaluate(() => (window as unknown as { __tips: string[] }).__tips), (t) => t.length > 0);
    expect(await page.evaluate(() => (window as unknown as { __tips: string[] }).__tips)).toEqual(['tip-renewal']);
    expect(await signals()).toEqual([]);
    await page.locator('forestall-widget').getByText('Your renewal is coming up').waitFor();
    await page.evaluate(() => (window as unknown as { forestall: (m: string) => unknown }).forestall('flush'));
    const shown = await waitFor(
      () => server.events.filter((e) => e.type === 'tip_shown' && e.tipId === 'tip-renewal'),
      (e) => e.length > 0,
    );
    // Analytics can tell a pushed tip from one friction brought up.
    expect(shown[0]!.props).toMatchObject({ rendered: true, signal: 'pushed' });
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { forestall: { loaded?: boolean } }).forestall.loaded === true);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __tips: string[] }).__tips)).toEqual([]);
    // An anonymous visitor of the same product gets no pushed tip.
    await page.goto(server.url + '/app/dashboard');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __tips: string[] }).__tips)).toEqual([]);
  });

  it('three help-article opens fire help_seeking', async () => {
    for (const id of ['#help-1', '#help-2', '#help-3']) await page.click(id);
    const got = await waitFor(signals, (s) => s.some((x) => x.type === 'help_seeking'));
    expect(got.find((s) => s.type === 'help_seeking')!.detail.articles).toEqual([
      '/help/articles/billing-basics',
      '/help/articles/invoices',
      '/help/articles/taxes',
    ]);
  });

  it('the same error twice fires error_loop, and the host page still sees its errors', async () => {
    await page.click('#boom');
    await page.waitForTimeout(50);
    await page.click('#boom');
    const got = await waitFor(signals, (s) => s.some((x) => x.type === 'error_loop'));
    expect(got.filter((s) => s.type === 'error_loop')).toHaveLength(1);
    const hostErrors = await page.evaluate(() => (window as unknown as { __hostErrors: string[] }).__hostErrors);
    expect(hostErrors.filter((m) => m.includes('Export failed'))).toHaveLength(2);
  });

  it('a failing request twice fires error_loop with the endpoint', async () => {
    await page.click('#fetch-broken');
    await page.waitForTimeout(200);
    await page.click('#fetch-broken');
    const got = await waitFor(signals, (s) => s.some((x) => x.type === 'error_loop'));
    expect(String(got.find((s) => s.type === 'error_loop')!.detail.fingerprint)).toContain('/api/broken');
  });

  it('submitting an invalid form three times fires form_struggle', async () => {
    for (let i = 0; i < 3; i++) {
      await page.click('#card-submit');
      await page.waitForTimeout(100);
    }
    const got = await waitFor(signals, (s) => s.some((x) => x.type === 'form_struggle'));
    expect(got.find((s) => s.type === 'form_struggle')!.detail).toMatchObject({ form: 'card-form', invalidSubmits: 3 });
  });

  it('ordinary browsing fires nothing', async () => {
    await page.click('#nav-invoices');
    await page.click('#nav-invoice');
    await page.click('#nav-settings');
    await page.click('#alive');
    await page.fill('#search', 'invoice 42');
    await page.click('#search');
    await page.click('#help-1');
    await page.fill('#card', '4242424242424242');
    await page.click('#card-submit');
    await page.mouse.wheel(0, 400);
    await page.click('#save');
    await page.waitForTimeout(3000);
    expect(await signals()).toEqual([]);
  });
});

describe('delivery', () => {
  it('friction reaches the edge as events carrying the signal id, and no input value is sent', async () => {
    await page.fill('#search', 'secret-value-4242');
    for (let i = 0; i < 3; i++) await page.click('#save', { position: { x: 10, y: 10 } });
    const [signal] = await waitFor(signals, (s) => s.length > 0);
    await page.evaluate(() => (window as unknown as { forestall: (m: string) => unknown }).forestall('flush'));
    const sent = await waitFor(() => server.events.filter((e) => e.id === signal!.id), (e) => e.length > 0);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'friction', signal: { type: 'rage_click' } });
    expect(JSON.stringify(server.events)).not.toContain('secret-value-4242');
  });

  it('events made while the edge fails all arrive once after it recovers', async () => {
    server.failing = true;
    const ids: string[] = await page.evaluate(async () => {
      const fs = (window as unknown as { forestall: (...a: unknown[]) => unknown }).forestall;
      for (let i = 0; i < 30; i++) fs('track', 'outage-' + i);
      return [];
    });
    expect(ids).toEqual([]);
    await waitFor(() => server.refused, (n) => n >= 2, 10_000);
    expect(server.refused).toBeGreaterThanOrEqual(2);
    server.failing = false;
    const got = await waitFor(
      () => server.events.filter((e) => e.type === 'track' && e.name?.startsWith('outage-')),
      (e) => e.length >= 30,
      40_000,
    );
    expect(new Set(got.map((e) => e.name)).size).toBe(30);
    await page.waitForTimeout(1500);
    const all = server.events.filter((e) => e.name?.startsWith('outage-'));
    expect(all).toHaveLength(30);
  });

  it('two tabs of one origin share one queue: every event arrives, none twice', async () => {
    const second = await context.newPage();
    await second.goto(server.url + '/app/invoices');
    await second.waitForFunction(() => (window as unknown as { forestall: { loaded?: boolean } }).forestall.loaded === true);
    const burst = (p: Page, tab: string) =>
      p.evaluate((t) => {
        const fs = (window as unknown as { forestall: (...a: unknown[]) => unknown }).forestall;
        for (let i = 0; i < 40; i++) fs('track', `tabs-${t}-${i}`);
      }, tab);
    await Promise.all([burst(page, 'a'), burst(second, 'b')]);
    await second.close();
    const got = await waitFor(
      () => server.events.filter((e) => e.name?.startsWith('tabs-')),
      (e) => e.length >= 80,
      20_000,
    );
    expect(new Set(got.map((e) => e.name)).size).toBe(80);
    await page.waitForTimeout(1500);
    const all = server.events.filter((e) => e.name?.startsWith('tabs-'));
    expect(all).toHaveLength(80);
    expect(new Set(all.map((e) => e.id)).size).toBe(80);
  });

  it('events made just before a reload still arrive, once', async () => {
    await page.evaluate(() => {
      const fs = (window as unknown as { forestall: (...a: unknown[]) => unknown }).forestall;
      for (let i = 0; i < 20; i++) fs('track', 'unload-' + i);
      location.reload();
    });
    await page.waitForLoadState('load');
    const got = await waitFor(
      () => server.events.filter((e) => e.name?.startsWith('unload-')),
      (e) => e.length >= 20,
      20_000,
    );
    expect(new Set(got.map((e) => e.name)).size).toBe(20);
    await page.waitForTimeout(2000);
    expect(server.events.filter((e) => e.name?.startsWith('unload-'))).toHaveLength(20);
  });
});
