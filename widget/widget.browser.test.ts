// The built widget in real Chromium, on a page with a strict CSP: a tip from real friction, the help panel, the
// handoff through a flaky network, hostile tip content, keyboard and focus, axe in every state, RTL at 360 px.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startCaptureServer, type CaptureServer } from '../sdk/test/captureServer';
import { testPage } from '../sdk/test/page';
import type { RemoteConfig, Tip } from '../sdk/wire';
import { STRINGS } from './options';
import { strictPage, strictPages } from './test/strictPage';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const AXE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

const tip = (id: string, over: Partial<Tip>): Tip => ({ id, title: id, body: '', when: { signal: 'dead_click' }, priority: 1, cooldownMs: 0, ...over });
const HOSTILE_BODY = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'; alert(1)">',
  '[click me](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>) [vb](vbscript:msgbox(1))',
  '[spaced]( javascript:alert(1)) [entity](&#106;avascript:alert(1)) [tab](java\tscript:alert(1))',
  '&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;',
  'مرحبا بالعالم — שלום — 你好 👋🏽',
].join('\n\n');
const config: RemoteConfig = {
  workspaceId: 'ws_test',
  detectors: {},
  tips: [
    tip('tip-save', {
      title: 'Saving takes a moment',
      body: 'Your changes are saved **automatically** every few seconds.\n\n- Press `Ctrl+S` to save now\n- See *Settings* for drafts',
      articleUrl: '/help/saving',
      when: { signal: 'rage_click' },
    }),
    // No hostile articleUrl here: the SDK's config parser already drops such tips (the widget refuses them too: TipCard.test).
    tip('hostile', { title: '<img src=x onerror=alert(1)>', body: HOSTILE_BODY }),
    tip('huge', { title: 'Huge', body: 'lorem ipsum '.repeat(9000) }),
    tip('rtl', { title: 'الفواتير في مكان واحد', body: 'ابحث عن **أي فاتورة** بالرقم.\n\n- افتح *الفواتير*\n- اكتب الرقم', articleUrl: '/help/invoices' }),
  ],
  limits: { maxTipsPerSession: 100, newUserDays: 14 },
  holdoutPercent: 0,
};
const articles = [
  { id: 'vat', title: 'VAT ID formats by country', url: '/help/vat', excerpt: 'Every VAT ID starts with a two-letter country code.', score: 3 },
  { id: 'vat-refunds', title: 'VAT on refunds', url: '/help/vat-refunds', excerpt: 'How VAT is handled when you refund.', score: 2 },
];

let server: CaptureServer;
let context: BrowserContext;
let profile: string;
let page: Page;
let consoleErrors: string[];
let dialogs: string[];
const axeLog: Record<string, unknown> = {};

beforeAll(async () => {
  server = await startCaptureServer(
    {
      ...strictPages({
        '/strict/': strictPage(),
        '/known/': strictPage({ init: { user: { userId: 'u_1', accountId: 'acct_1', traits: { email: 'ana@example.com' } } } }),
        '/rtl/': strictPage({ dir: 'rtl', lang: 'ar', init: { widgetOptions: { strings: { showMe: 'أرني', helped: 'ساعدني', stillStuck: 'ما زلت عالقًا؟', dismissTip: 'إغلاق' } } } }),
      }),
      '/app/': testPage(),
      '/help/': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Help article</title></head><body><h1>Help article</h1></body></html>',
    },
    config,
  );
  server.articles = articles;
  profile = mkdtempSync(path.join(tmpdir(), 'forestall-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 900, height: 720 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  writeFileSync(path.join(ROOT, 'test-output', 'axe-widget.json'), JSON.stringify(axeLog, null, 2));
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

beforeEach(async () => {
  for (const p of context.pages()) await p.close();
  server.handoffFailures = [];
  server.handoffs.length = 0;
  server.cases.clear();
  server.helpDown = false;
  consoleErrors = [];
  dialogs = [];
});

async function open(url: string): Promise<Page> {
  page = await context.newPage();
  // The test server has no favicon; anything else the console reports as an error is a failure.
  page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(server.url + url);
  await page.waitForFunction(() => (window as unknown as { forestall: { loaded?: boolean } }).forestall.loaded === true);
  return page;
}

const widget = () => page.locator('forestall-widget');
const fs = (...args: unknown[]) => page.evaluate((a) => (window as unknown as { forestall: (...x: unknown[]) => unknown }).forestall(...a), args);
const cspViolations = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
/** The focused element's id or tag, looking through shadow roots: ['forestall-widget', 'tryingTo']. */
const focusPath = () =>
  page.evaluate(() => {
    const out: string[] = [];
    for (let a = document.activeElement; a; a = a.shadowRoot ? a.shadowRoot.activeElement : null) out.push(a.id || a.localName);
    return out;
  });
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `widget-${name}.png`) });
async function settled() {
  // The card's entrance animation is 0.2 s: screenshots and axe's contrast checks want it finished.
  await page.waitForTimeout(300);
}

/** axe-core over the whole page, open shadow roots included; returns the serious and critical violations. */
async function axe(state: string) {
  await settled();
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  axeLog[state] = violations;
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function waitFor<T>(fn: () => Promise<T> | T, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}
const eventTypes = async (types: string[]) => {
  await fs('flush');
  return waitFor(
    () => server.events.map((e) => e.type + (e.tipId ? ':' + e.tipId : '')),
    (got) => types.every((t) => got.includes(t)),
  );
};

/** showTip works once the workspace config has arrived: asks again until the card is there. */
async function showTip(id: string) {
  await waitFor(
    async () => {
      await fs('showTip', id);
      await page.waitForTimeout(150);
      return widget().locator('section').count();
    },
    (n) => n > 0,
  );
}

async function rageClick() {
  for (let i = 0; i < 3; i++) await page.click('#save', { position: { x: 10, y: 10 } });
  await widget().getByRole('heading', { name: 'Saving takes a moment' }).waitFor();
}

describe('under a strict CSP', () => {
  it('a rage click shows the tip: lazy chunk, Preact, adopted styles, no violation, host CSS kept out, axe clean', async () => {
    await open('/strict/');
    await rageClick();
    const card = widget().locator('section');
    await settled();
    expect(await card.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    const look = await page.evaluate(() => {
      const host = document.querySelector('forestall-widget')!;
      const root = host.shadowRoot!;
      const button = root.querySelector('button:not(.x)')!;
      return {
        sheets: root.adoptedStyleSheets.length,
        styleElements: document.querySelectorAll('style').length + root.querySelectorAll('style').length,
        styleAttributes: root.querySelectorAll('[style]').length,
        position: getComputedStyle(host).position,
        buttonBorder: getComputedStyle(button).borderTopStyle,
        font: getComputedStyle(button).fontFamily,
        letterSpacing: getComputedStyle(root.querySelector('p')!).letterSpacing,
      };
    });
    expect(look).toMatchObject({ sheets: 1, styleElements: 0, styleAttributes: 0, position: 'fixed', buttonBorder: 'solid', letterSpacing: 'normal' });
    expect(look.font).not.toContain('Georgia');
    expect(await card.locator('strong').textContent()).toBe('automatically');
    await shot('tip');
    expect(await axe('tip card')).toEqual([]);
    expect(await cspViolations()).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await eventTypes(['friction', 'tip_shown:tip-save']);
  });

  it('the tip announces itself without taking focus; its buttons record events; × and Escape dismiss', async () => {
    await open('/strict/');
    await page.focus('#q');
    await showTip('tip-save');
    // The card is rendered into a live region that was there before it: screen readers read it out.
    expect(await widget().locator('[aria-live=polite] > section h2').textContent()).toBe('Saving takes a moment');
    expect(await focusPath()).toEqual(['q']);
    const popup = context.waitForEvent('page');
    await widget().getByText('Show me').click();
    const article = await popup;
    await article.waitForLoadState();
    expect(article.url()).toBe(server.url + '/help/saving');
    await article.close();
    await widget().getByRole('button', { name: 'That helped' }).click();
    await widget().locator('section').waitFor({ state: 'detached' });
    await fs('showTip', 'tip-save');
    await widget().getByRole('button', { name: 'Dismiss tip' }).click();
    await fs('showTip', 'tip-save');
    await widget().getByRole('button', { name: 'That helped' }).focus();
    await page.keyboard.press('Escape');
    await widget().locator('section').waitFor({ state: 'detached' });
    expect(await focusPath()).toEqual(['q']);
    const got = await eventTypes(['tip_clicked:tip-save', 'tip_helpful:tip-save', 'tip_dismissed:tip-save']);
    expect(got.filter((t) => t === 'tip_dismissed:tip-save')).toHaveLength(2);
    expect(await cspViolations()).toEqual([]);
  });

  it('help panel: focus moves in, debounced search, arrow keys and Enter open an article, Escape returns focus', async () => {
    await open('/strict/');
    await page.click('#help');
    const search = widget().getByRole('combobox', { name: 'Search help articles' });
    await search.waitFor();
    await waitFor(focusPath, (p) => p.join() === 'forestall-widget,' + 'input');
    expect(await focusPath()).toEqual(['forestall-widget', 'input']);
    await page.keyboard.type('vat', { delay: 40 });
    await widget().getByRole('option', { name: /VAT ID formats by country/ }).waitFor();
    expect(server.requests.filter((r) => r.startsWith('GET /v1/help/search'))).toEqual(['GET /v1/help/search?q=vat']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await widget().getByRole('option', { selected: true }).textContent()).toContain('VAT on refunds');
    await shot('help');
    expect(await axe('help panel with results')).toEqual([]);
    const popup = context.waitForEvent('page');
    await page.keyboard.press('Enter');
    const article = await popup;
    await article.waitForLoadState();
    expect(article.url()).toBe(server.url + '/help/vat-refunds');
    await article.close();
    await page.bringToFront();
    await search.focus();
    await page.keyboard.press('Escape');
    await widget().locator('section').waitFor({ state: 'detached' });
    expect(await focusPath()).toEqual(['help']);
    const events = await eventTypes(['help_opened']);
    expect(events).toContain('help_opened');
    expect(server.events.find((e) => e.type === 'help_opened')!.props).toMatchObject({ articleId: 'vat-refunds', title: 'VAT on refunds' });
    expect(await cspViolations()).toEqual([]);
  });

  it('help panel says it is offline when the edge cannot be reached', async () => {
    await open('/strict/');
    server.helpDown = true;
    await page.click('#help');
    await widget().getByRole('combobox').fill('vat');
    await widget().getByText(STRINGS.offline).waitFor();
    await shot('help-offline');
    expect(await axe('help offline')).toEqual([]);
    expect(await cspViolations()).toEqual([]);
  });

  it('handoff: errors, then a flaky network (503, 503, 201) makes exactly one case and shows its reference', async () => {
    await open('/known/');
    await rageClick();
    await widget().getByRole('button', { name: 'Still stuck?' }).click();
    const form = widget().locator('form');
    await form.waitFor();
    expect(await focusPath()).toEqual(['forestall-widget', 'tryingTo']);
    expect(await form.getByLabel('Your email, for our reply').inputValue()).toBe('ana@example.com');
    expect(await form.locator('details').textContent()).toContain('rage_click');
    await shot('handoff-empty');
    expect(await axe('handoff form, empty')).toEqual([]);

    await form.getByLabel('Your email, for our reply').fill('ana@');
    await form.getByRole('button', { name: 'Send to support' }).click();
    await form.getByText(STRINGS.errTryingTo).waitFor();
    expect(await form.getByText(STRINGS.errEmail).isVisible()).toBe(true);
    expect(await focusPath()).toEqual(['forestall-widget', 'tryingTo']);
    expect(await form.locator('#tryingTo').getAttribute('aria-invalid')).toBe('true');
    await shot('handoff-errors');
    expect(await axe('handoff form, with errors')).toEqual([]);
    expect(server.handoffs).toHaveLength(0);

    await form.locator('#tryingTo').fill('Save the invoice draft');
    await form.locator('#expected').fill('A confirmation that it was saved');
    await form.getByLabel('Your email, for our reply').fill('ana@example.com');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await form.locator('#file').setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: png });
    await form.getByText('Remove screen.png').waitFor();
    server.handoffFailures = [503, 503];
    await form.getByRole('button', { name: 'Send to support' }).click();
    await form.getByText(STRINGS.retrying).waitFor();
    expect(await form.locator('button[type=submit]').textContent()).toBe('Sending…');
    await shot('handoff-sending');
    expect(await axe('handoff form, sending')).toEqual([]);

    await widget().getByText(/Your reference is FS-/).waitFor({ timeout: 20_000 });
    expect(server.handoffs).toHaveLength(3);
    expect(new Set(server.handoffs.map((h) => h.id)).size).toBe(1);
    expect(server.cases.size).toBe(1);
    const [created] = [...server.cases.values()];
    expect(await widget().locator('[role=status]').last().textContent()).toBe(`Sent. Your reference is ${created!.reference}.`);
    expect(await page.evaluate(() => (window as unknown as { __handoffs: unknown[] }).__handoffs)).toEqual([created]);
    const sent = server.handoffs[0]!;
    expect(sent).toMatchObject({
      userId: 'u_1',
      accountId: 'acct_1',
      answers: { tryingTo: 'Save the invoice draft', expected: 'A confirmation that it was saved', email: 'ana@example.com' },
      attachment: { name: 'screen.png', type: 'image/png', dataBase64: png.toString('base64') },
    });
    expect(sent.trail.signals.map((s) => s.type)).toContain('rage_click');
    expect(sent.trail.tips.map((t) => t.outcome)).toEqual(expect.arrayContaining(['shown', 'unhelpful']));
    await shot('handoff-sent');
    expect(await axe('handoff form, sent')).toEqual([]);
    expect(await focusPath()).toEqual(['forestall-widget', 'done']);
    await eventTypes(['tip_unhelpful:tip-save', 'handoff_started:tip-save', 'handoff_sent:tip-save']);
    expect(await cspViolations()).toEqual([]);
    expect(consoleErrors.filter((e) => !/503/.test(e))).toEqual([]);
  });

  it('a handoff the edge did not get before the page went away is sent on the next visit, once', async () => {
    await open('/known/');
    server.handoffFailures = Array(20).fill(503);
    await fs('openHelp');
    await widget().getByRole('button', { name: 'Contact support' }).click();
    await widget().locator('#tryingTo').fill('Export invoices to CSV');
    await widget().getByRole('button', { name: 'Send to support' }).click();
    await widget().getByText(STRINGS.retrying).waitFor();
    const id = server.handoffs[0]!.id;
    server.handoffFailures = [];
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { forestall: { loaded?: boolean } }).forestall.loaded === true);
    await fs('openHelp');
    const handoffs = await waitFor(() => page.evaluate(() => (window as unknown as { __handoffs: unknown[] }).__handoffs), (h) => h.length > 0);
    expect(handoffs).toHaveLength(1);
    expect(server.cases.size).toBe(1);
    expect([...server.cases.keys()]).toEqual([id]);
    expect(new Set(server.handoffs.map((h) => h.id))).toEqual(new Set([id]));
  });

  it('dark mode and reduced motion: contrast still AA, no animation', async () => {
    await open('/strict/');
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await showTip('tip-save');
    const card = widget().locator('section');
    expect(await card.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(31, 35, 40)');
    expect(await card.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    await shot('dark');
    expect(await axe('tip card, dark')).toEqual([]);
    await widget().getByRole('button', { name: 'Still stuck?' }).click();
    await widget().locator('form').waitFor();
    expect(await axe('handoff form, dark')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await page.keyboard.press('Escape');
    await fs('showTip', 'tip-save');
    expect(await widget().locator('section').evaluate((el) => getComputedStyle(el).animationName)).toBe('i');
  });

  it('right to left at 360 px: the card sits in the left corner, fits the screen, and reads right to left', async () => {
    await open('/rtl/');
    await page.setViewportSize({ width: 360, height: 740 });
    await showTip('rtl');
    const card = widget().locator('section');
    await settled();
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await card.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await widget().getByRole('button', { name: 'ساعدني' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot('rtl-360');
    expect(await axe('tip card, rtl 360px')).toEqual([]);
    await widget().getByRole('button', { name: 'ما زلت عالقًا؟' }).click();
    await widget().locator('form').waitFor();
    await settled();
    const formBox = (await widget().locator('section').boundingBox())!;
    expect(formBox.x + formBox.width).toBeLessThanOrEqual(360);
    await shot('handoff-rtl-360');
    expect(await axe('handoff form, rtl 360px')).toEqual([]);
    expect(await cspViolations()).toEqual([]);
  });
});

describe('hostile tip content', () => {
  it('is inert on a page without CSP: no script runs, no dialog, no request, no unsafe link', async () => {
    await open('/app/dashboard');
    const before = server.requests.length;
    await showTip('hostile');
    await page.waitForTimeout(500);
    const dom = await page.evaluate(() => {
      const root = document.querySelector('forestall-widget')!.shadowRoot!;
      return {
        pwned: (window as unknown as { __pwned?: string }).__pwned,
        dangerous: root.querySelectorAll('script, img, iframe, object, embed, [onerror], [onclick]').length,
        hrefs: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        title: root.querySelector('h2')!.textContent,
        text: root.querySelector('.md')!.textContent,
      };
    });
    expect(dom).toMatchObject({ pwned: undefined, dangerous: 0, hrefs: [], title: '<img src=x onerror=alert(1)>' });
    expect(dom.text).toContain('<script>window.__pwned = "script"</script>');
    expect(dom.text).toContain('&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;');
    expect(dom.text).toContain('مرحبا بالعالم — שלום — 你好 👋🏽');
    expect(dialogs).toEqual([]);
    const after = server.requests.slice(before);
    expect(after.filter((r) => /\/x\b|javascript|vbscript/.test(r))).toEqual([]);
    await shot('hostile');
  });

  it('100 KB of body is bounded', async () => {
    await open('/app/dashboard');
    await showTip('huge');
    const size = await page.evaluate(() => {
      const md = document.querySelector('forestall-widget')!.shadowRoot!.querySelector('.md')!;
      return { chars: md.textContent!.length, nodes: md.querySelectorAll('*').length };
    });
    expect(size.chars).toBeLessThanOrEqual(4002);
    expect(size.nodes).toBeLessThanOrEqual(404);
  });
});
