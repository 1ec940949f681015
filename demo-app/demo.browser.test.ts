// The SDK and the real edge together: the demo app in Chromium, friction stored by the edge, a tip from the edge's config shown.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, waitFor, type Chromium } from '../sdk/test/chromium';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');

let child: ChildProcessWithoutNullStreams;
let base = '';
let secretKey = '';
let dataDir = '';
let browser: Chromium;
let context: BrowserContext;

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
  await waitFor(() => out, (o) => o.includes('"msg":"listening"'), 30_000);
  secretKey = /sk_[A-Za-z0-9]+/.exec(out)?.[0] ?? '';
  expect(secretKey).toMatch(/^sk_/);
  base = `http://127.0.0.1:${port}`;
  browser = await launchChromium({ viewport: { width: 1100, height: 700 } });
  context = browser.context;
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

const timeline = async () => {
  const res = await fetch(`${base}/v1/accounts/acct_acme`, { headers: { authorization: `Bearer ${secretKey}` } });
  return (await res.json()) as { events: Array<{ id: string; type: string; screen?: string }> };
};

async function openDemo(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/demo/`);
  await page.waitForFunction(() => (window as unknown as { forestall: { loaded?: boolean } }).forestall.loaded === true);
  return page;
}

describe('demo app on the real edge', () => {
  it('cycling between invoices shows the edge-configured tip, and the friction reaches the account timeline', async () => {
    const page = await openDemo();
    for (let i = 0; i < 2; i++) {
      await page.click('text=Invoices');
      await page.click('text=INV-1042');
      await page.click('text=Back to invoices');
    }
    const tip = page.locator('forestall-widget').getByText('Looking for a particular invoice?');
    await tip.waitFor({ timeout: 10_000 });
    expect(await tip.isVisible()).toBe(true);
    expect(await page.locator('forestall-widget strong').first().textContent()).toBe('Invoices');
    await page.waitForTimeout(400); // let the card's entrance animation finish
    await page.screenshot({ path: path.join(SHOTS, 'demo-tip.png') });

    await page.evaluate(() => (window as unknown as { forestall: (m: string) => unknown }).forestall('flush'));
    const t = await waitFor(timeline, (x) => x.events.some((e) => e.type === 'friction'));
    const friction = t.events.filter((e) => e.type === 'friction');
    expect(friction).toHaveLength(1);
    expect(t.events.some((e) => e.type === 'tip_shown')).toBe(true);
    await page.close();
  });

  it('the Connect button that does nothing is a dead click, with its tip', async () => {
    const page = await openDemo();
    await page.click('text=Integrations');
    await page.click('#connect');
    const tip = page.locator('forestall-widget').getByText('Connecting QuickBooks');
    await tip.waitFor({ timeout: 10_000 });
    expect(await tip.isVisible()).toBe(true);
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
});
