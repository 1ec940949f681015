// The demo product on the real, freshly seeded edge in Chromium: its friction becomes signals and tips, stored against the seeded accounts.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, waitFor, type Chromium } from '../sdk/test/chromium';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');

let child: ChildProcessWithoutNullStreams;
let base = '';
let secretKey = '';
let dataDir = '';
let browser: Chromium;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  dataDir = mkdtempSync(path.join(tmpdir(), 'forestall-demo-'));
  child = spawn(process.execPath, ['--import', 'tsx', 'edge/runtime/node.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_REQUESTS: 'off' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(() => out, (o) => o.includes('"msg":"listening"'), 45_000);
  secretKey = /sk_[A-Za-z0-9]+/.exec(out)?.[0] ?? '';
  expect(secretKey).toMatch(/^sk_/);
  base = `http://127.0.0.1:${port}`;
  browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

interface TimelineEvent {
  id: string;
  type: string;
  at: number;
  userId: string | null;
  screen: string | null;
  event: { signal?: { type: string; detail: Record<string, unknown> }; tipId?: string; props?: Record<string, unknown> };
}

const timeline = async (accountId: string) => {
  const res = await fetch(`${base}/v1/accounts/${accountId}?limit=200`, { headers: { authorization: `Bearer ${secretKey}` } });
  return (await res.json()) as { events: TimelineEvent[]; tickets: Array<{ id: string; status: string }> };
};

/** What this browser sent since `since`: the seeded history is older than the server's start. */
const liveEvents = async (accountId: string, since: number) => (await timeline(accountId)).events.filter((e) => e.at >= since);

async function openDemo(route = '/demo/'): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${base}${route}`);
  await page.waitForFunction(() => (window as unknown as { forestall: { loaded?: boolean } }).forestall.loaded === true);
  return page;
}

const flush = (page: Page) => page.evaluate(() => (window as unknown as { forestall: (m: string) => Promise<void> }).forestall('flush'));
const tipCard = (page: Page, text: string) => page.locator('forestall-widget').getByText(text);

describe('the demo product on the seeded edge', () => {
  it('starts signed in as a seeded user, whose account already has its history', async () => {
    const page = await openDemo();
    await expect.poll(() => page.locator('#who').textContent()).toContain('Ana Ortiz');
    expect(await page.locator('#workspace').textContent()).toContain('Acme Logistics');
    const acme = await timeline('acct_acme');
    // The seed's story for Acme: two open tickets, and weeks of product use before this visit.
    expect(acme.tickets.filter((t) => t.status === 'open')).toHaveLength(2);
    expect(acme.events.length).toBeGreaterThan(100);
    await page.close();
  });

  it('cycling between invoices shows the edge-configured tip, and the friction reaches the account timeline', async () => {
    const started = Date.now();
    const page = await openDemo();
    for (let i = 0; i < 2; i++) {
      await page.click('nav.nav >> text=Invoices');
      await page.click('table >> text=INV-1042');
      await page.click('text=Back to invoices');
    }
    const tip = tipCard(page, 'Looking for a particular invoice?');
    await tip.waitFor({ timeout: 10_000 });
    expect(await tip.isVisible()).toBe(true);
    expect(await page.locator('forestall-widget strong').first().textContent()).toBe('Invoices');
    // The demo's own panel shows what the SDK reported.
    expect(await page.locator('#sdk-log').textContent()).toContain('screen cycling');
    await page.waitForTimeout(400); // let the card's entrance animation finish
    await page.screenshot({ path: path.join(SHOTS, 'demo-tip.png') });

    await flush(page);
    const live = await waitFor(() => liveEvents('acct_acme', started), (x) => x.some((e) => e.type === 'friction'));
    const friction = live.filter((e) => e.type === 'friction');
    expect(friction).toHaveLength(1);
    expect(friction[0]).toMatchObject({ userId: 'u_ana', screen: '/demo/invoices' });
    expect(friction[0]!.event.signal!.type).toBe('screen_cycling');
    expect(live.some((e) => e.type === 'tip_shown' && e.event.tipId === 'find-an-invoice')).toBe(true);
    await page.close();
  });

  it('the Connect button that does nothing is a dead click, with its tip', async () => {
    const started = Date.now();
    const page = await openDemo();
    await page.click('nav.nav >> text=Integrations');
    await page.click('#connect-quickbooks');
    const tip = tipCard(page, 'Connecting QuickBooks');
    await tip.waitFor({ timeout: 10_000 });
    expect(await tip.isVisible()).toBe(true);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, 'demo-connect-tip.png') });
    await flush(page);
    const live = await waitFor(() => liveEvents('acct_acme', started), (x) => x.some((e) => e.type === 'friction'));
    const dead = live.find((e) => e.type === 'friction')!;
    expect(dead.event.signal).toMatchObject({ type: 'dead_click', detail: { label: 'Connect QuickBooks' } });
    expect(dead.screen).toBe('/demo/integrations');
    // Connecting Slack answers the click: not friction.
    await page.click('#connect-slack');
    await page.waitForTimeout(3000);
    await flush(page);
    expect((await liveEvents('acct_acme', started)).filter((e) => e.type === 'friction')).toHaveLength(1);
    await page.close();
  });

  it('an export that fails the same way twice is an error loop, with its tip', async () => {
    const page = await openDemo('/demo/reports');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.selectOption('#period', 'custom');
    for (let i = 0; i < 2; i++) {
      await page.click('#export');
      await page.waitForFunction(() => (document.querySelector('#export') as HTMLButtonElement).textContent === 'Export CSV');
    }
    await tipCard(page, 'A custom range needs both dates').waitFor({ timeout: 10_000 });
    expect(errors).toEqual([
      "Cannot read properties of null (reading 'toISOString')",
      "Cannot read properties of null (reading 'toISOString')",
    ]);
    await page.close();
  });

  it('the billing form that rejects a VAT ID without its country code is form struggle, with its tip', async () => {
    const page = await openDemo('/demo/settings');
    await page.fill('input[name=email]', 'accounts@acmelogistics.example');
    await page.fill('input[name=postal]', '10115');
    await page.fill('#vat', '123456789');
    for (let i = 0; i < 3; i++) {
      await page.click('text=Save billing details');
      await page.locator('[role=alert]').waitFor();
      expect(await page.locator('[role=alert]').textContent()).toContain('must start with the country code');
    }
    await tipCard(page, 'VAT IDs start with a country code').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, 'demo-vat-tip.png') });
    const signals = await page.locator('#sdk-log .sdk-kind').allTextContents();
    expect(signals).toEqual(expect.arrayContaining(['form struggle']));
    // With the prefix, the same form saves.
    await page.fill('#vat', 'DE123456789');
    await page.click('text=Save billing details');
    await page.locator('.toast', { hasText: 'Billing details saved.' }).waitFor();
    expect(await page.locator('[role=alert]').count()).toBe(0);
    await page.close();
  });

  it('the switcher changes the identified user to another seeded account, remembered across reloads', async () => {
    const started = Date.now();
    const page = await openDemo();
    await page.click('#who');
    await page.getByRole('menuitemradio', { name: /Jonas Weber/ }).click();
    await expect.poll(() => page.locator('#who').textContent()).toContain('Jonas Weber');
    expect(await page.locator('#workspace').textContent()).toContain('Lumen Architects GmbH');
    expect(await page.locator('#sdk-who').textContent()).toContain('u_jonas');

    await page.reload();
    await page.waitForFunction(() => (window as unknown as { forestall: { loaded?: boolean } }).forestall.loaded === true);
    expect(await page.locator('#who').textContent()).toContain('Jonas Weber');
    // Jonas is a member: on Integrations he meets the tip for members, not the admins' one.
    await page.click('nav.nav >> text=Integrations');
    await page.click('#connect-quickbooks');
    await tipCard(page, 'Only admins can connect integrations').waitFor({ timeout: 10_000 });
    await flush(page);

    const lumen = await waitFor(() => liveEvents('acct_lumen', started), (x) => x.some((e) => e.type === 'friction'));
    expect(lumen.some((e) => e.type === 'identify' && e.userId === 'u_jonas')).toBe(true);
    expect(lumen.filter((e) => e.type === 'friction').every((e) => e.userId === 'u_jonas')).toBe(true);
    // Nothing Jonas did after the switch is stored against Ana's account.
    const acme = await liveEvents('acct_acme', started);
    expect(acme.filter((e) => e.userId === 'u_jonas')).toEqual([]);

    // Back to Ana, so the other tests (and a visitor) start where the demo starts.
    await page.click('#who');
    await page.getByRole('menuitemradio', { name: /Ana Ortiz/ }).click();
    await page.close();
  });

  it('the help panel searches the edge\'s articles', async () => {
    const page = await openDemo();
    await page.click('#help');
    const search = page.locator('forestall-widget').getByRole('combobox');
    await search.fill('vat');
    const hit = page.locator('forestall-widget').getByText('VAT ID formats by country');
    await hit.waitFor({ timeout: 10_000 });
    expect(await hit.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'demo-help.png') });
    await page.close();
  });

  it('every page renders as a product, without errors', async () => {
    const page = await openDemo();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const pages: Array<[string, string, string]> = [
      ['dashboard', '/demo/', 'Good'],
      ['invoices', '/demo/invoices', 'Invoices'],
      ['invoice', '/demo/invoices/INV-1045', 'INV-1045'],
      ['reports', '/demo/reports', 'Reports'],
      ['settings', '/demo/settings', 'Billing settings'],
      ['integrations', '/demo/integrations', 'Integrations'],
      ['help-center', '/demo/help', 'Help center'],
      ['help-article', '/demo/help/vat-ids', 'VAT ID formats by country'],
    ];
    for (const [name, route, heading] of pages) {
      await page.goto(`${base}${route}`);
      await page.locator('h1', { hasText: heading }).waitFor();
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(SHOTS, `demo-page-${name}.png`) });
    }
    await page.click('#who');
    await page.screenshot({ path: path.join(SHOTS, 'demo-page-switcher.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the whole loop, in a real browser, on the edge as npm start runs it', () => {
  async function signIn(name: string): Promise<Page> {
    // Each visitor signs in afresh: no session left from the one before.
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${base}/console`);
    await page.locator('#signin-key').fill(secretKey);
    await page.locator('#signin-name').fill(name);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('table.accounts').waitFor({ timeout: 15_000 });
    return page;
  }

  it('a user cycles screens, gets the tip, is still stuck and hands off; the case reaches the console, a rule fires, and the outreach lands in the local inbox', async () => {
    // A visitor new to this browser: back to Ana at Acme (the switcher test changed it), no tip seen yet.
    const demo = await openDemo();
    await demo.evaluate(() => (localStorage.clear(), sessionStorage.clear()));
    await demo.reload();
    await demo.waitForFunction(() => (window as unknown as { forestall: { loaded?: boolean } }).forestall.loaded === true);
    await expect.poll(() => demo.locator('#who').textContent()).toContain('Ana Ortiz');
    for (let i = 0; i < 2; i++) {
      await demo.click('nav.nav >> text=Invoices');
      await demo.click('table >> text=INV-1042');
      await demo.click('text=Back to invoices');
    }
    const widget = demo.locator('forestall-widget');
    await widget.getByText('Looking for a particular invoice?').waitFor({ timeout: 10_000 });
    await widget.getByRole('button', { name: 'Still stuck?' }).click();
    await widget.locator('#tryingTo').fill('Find the March invoice we paid twice');
    await widget.locator('#expected').fill('One payment per invoice');
    // The trail the user agrees to send is shown before sending.
    expect(await widget.getByText('Details we’ll attach').isVisible()).toBe(true);
    await widget.getByRole('button', { name: 'Send to support' }).click();
    const sent = widget.getByText(/Your reference is FS-\d+/);
    await sent.waitFor({ timeout: 15_000 });
    const reference = /FS-\d+/.exec((await sent.textContent()) ?? '')![0];
    await demo.screenshot({ path: path.join(SHOTS, 'loop-handoff-sent.png') });
    await demo.close();

    const console_ = await signIn('Kim from CS');
    // The case, with its summary, on the account's page.
    await console_.goto(`${base}/console/accounts/acct_acme`);
    const card = console_.locator(`#case-${reference}`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain('Find the March invoice we paid twice');
    await card.locator('summary', { hasText: 'Handoff summary' }).click();
    await card.getByText('What happened').waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toContain('screen_cycling');
    await console_.screenshot({ path: path.join(SHOTS, 'loop-console-case.png'), fullPage: false });

    // The seeded rule "In-product handoff → CS inbox" fired for the case and its outreach arrived.
    await console_.goto(`${base}/console/inbox`);
    const message = console_.locator('.message', { hasText: 'Acme Logistics' }).filter({ hasText: 'asked for a person' }).first();
    await message.waitFor({ timeout: 20_000 });
    await console_.screenshot({ path: path.join(SHOTS, 'loop-console-inbox.png') });
    const triggers = await (await fetch(`${base}/v1/triggers?accountId=acct_acme`, { headers: { authorization: `Bearer ${secretKey}` } })).json();
    const fired = (triggers.triggers as Array<{ ruleId: string; delivery: string }>).find((t) => t.ruleId === 'handoff-to-inbox');
    expect(fired).toMatchObject({ delivery: 'delivered' });
    await console_.close();
  });

  it('a new visitor signs in to the console and reads why an account is at risk', async () => {
    const page = await signIn('Ada, new to CS');
    const first = page.locator('table.accounts tbody tr').first();
    const name = (await first.locator('a').first().textContent())!.trim();
    await first.locator('a').first().click();
    await page.locator('.reasons').waitFor({ timeout: 15_000 });
    expect(await page.locator('h1').first().textContent()).toContain(name);
    const sentences = await page.locator('.reason .sentence').allTextContents();
    expect(sentences.length).toBeGreaterThan(0);
    expect(sentences.join(' ')).toMatch(/[a-z]{3,}/);
    await page.screenshot({ path: path.join(SHOTS, 'loop-console-account.png') });
    await page.close();
  });
});

