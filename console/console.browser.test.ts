// The built console in real Chromium against the real edge on an in-memory store: a new visitor signs in (after a
// wrong key and a public key), reads an at-risk account's reasons and follows their evidence, acknowledges and
// retries a trigger, previews a tip in the real widget, adds a destination, signs out; every page passes axe (no
// serious or critical violation) with no CSP violation, at 1280 and 800 px, and is saved as a screenshot.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, waitFor, type Chromium } from '../sdk/test/chromium';
import { startConsoleServer, type ConsoleServer } from './test/fixture';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const AXE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

let server: ConsoleServer;
let chromium: Chromium;
let page: Page;
/** Page errors, console errors, and failed requests other than the expected ones below. */
const errors: string[] = [];
const EXPECTED_FAILURES = [
  // Signed out: the first session check, and the test's own request after signing out.
  /^GET \/console\/session 401$/,
  /^GET \/v1\/accounts\/at-risk 401$/,
  // The wrong key and the public key at sign-in, and a sentence that cannot become a rule.
  /^POST \/console\/session 40[13]$/,
  /^POST \/v1\/rules\/compile 422$/,
];
const csp: string[] = [];

beforeAll(async () => {
  server = await startConsoleServer();
  chromium = await launchChromium({ viewport: { width: 1280, height: 900 } });
  // Init scripts run outside the page's CSP: the page itself still may not run any inline script.
  await chromium.context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  page = await chromium.context.newPage();
  page.on('console', (m) => {
    const text = m.text();
    if (/Content.Security.Policy/i.test(text)) csp.push(text);
    // Failed requests are judged below, by what they were.
    else if (m.type() === 'error' && !text.startsWith('Failed to load resource')) errors.push(text);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    const url = new URL(r.url());
    const what = `${r.request().method()} ${url.pathname} ${r.status()}`;
    if (r.status() >= 400 && !EXPECTED_FAILURES.some((re) => re.test(what))) errors.push(what);
  });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

async function axe(): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id} ${v.targets.join(' ')}`);
}

const pageCsp = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

/** Waits for the page to settle (data in, charts drawn), checks it, and saves it at both widths. */
async function check(name: string, ready: string) {
  await page.waitForSelector(ready, { timeout: 15_000 });
  await page.waitForFunction(() => !document.querySelector('.state[role=status]'));
  await page.waitForTimeout(400);
  expect(await axe(), `${name}: axe`).toEqual([]);
  expect(await pageCsp(), `${name}: CSP`).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, `console-${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 800, height: 900 });
  await page.waitForTimeout(300);
  expect(await axe(), `${name} at 800 px: axe`).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, `console-${name}-800.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function goto(p: string) {
  await page.goto(`${server.url}/console${p}`);
}

describe('console in Chromium', () => {
  it('serves the shell under the strict CSP, and a new visitor signs in after a wrong key and a public key', async () => {
    const res = await page.goto(`${server.url}/console`);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('#signin-key');
    await check('signin', '#signin-key');

    await page.fill('#signin-key', 'sk_' + 'x'.repeat(32));
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('#signin-error')).toBe('That key is unknown or has been revoked. Check that you copied the whole secret key.');
    await page.fill('#signin-key', server.pk);
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('#signin-error')).toContain('That is the public key (pk_…)');
    await page.screenshot({ path: path.join(SHOTS, 'console-signin-error.png') });

    await page.fill('#signin-key', server.sk);
    await page.fill('#signin-name', 'Tom Okafor');
    await page.click('button[type=submit]');
    await page.waitForSelector('table.accounts tbody tr');
    // The key never stays in the page: the session is an HttpOnly cookie script cannot read.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const cookies = await chromium.context.cookies(server.url);
    expect(cookies).toEqual([expect.objectContaining({ name: 'forestall_console', httpOnly: true, sameSite: 'Strict' })]);
    expect(cookies[0]!.value).not.toContain(server.sk);
  });

  it('reads an at-risk account’s reasons and follows their evidence to the tickets and the timeline', async () => {
    await goto('/');
    await page.waitForSelector('table.accounts tbody tr');
    const names = await page.$$eval('table.accounts tbody tr td:first-child a', (as) => as.map((a) => a.textContent));
    expect(names.slice(0, 2)).toEqual(['Northwind Health', 'Acme Logistics']);
    // The sparklines are chart.js canvases that have been drawn.
    await waitFor(
      () =>
        page.$$eval('canvas.spark', (cs) =>
          cs.filter((c) => {
            const { width, height } = c as HTMLCanvasElement;
            return (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, width, height).data.some((v) => v > 0);
          }).length,
        ),
      (n) => n >= 5,
    );
    await check('at-risk', 'canvas.spark');

    await page.click('text=Acme Logistics');
    await page.waitForSelector('.reasons');
    expect(page.url()).toBe(`${server.url}/console/accounts/acme`);
    const sentences = await page.$$eval('.reason .sentence', (ps) => ps.map((p) => p.textContent));
    expect(sentences).toContain('Acme Logistics has 2 unresolved tickets opened within 5 days: T-1041 and T-1044.');
    expect(sentences).toContain('Lee Chen opened T-1044 31 hours after T-1039 (same issue: CSV export) was solved.');
    await page.click('.reason >> nth=0 >> a.ref >> text=T-1044');
    expect(await page.evaluate(() => location.hash)).toBe('#ticket-T-1044');
    expect(await page.$eval(':target', (el) => el.textContent)).toContain('CSV export still empty after the fix');
    await page.click('.reason:has-text("In-product friction") >> a.ref >> text=#1');
    expect(await page.$eval(':target', (el) => el.textContent)).toContain('screen_cycling on /invoices');
    await check('account', '.timeline');

    // Filters are in the URL: a deep link opens filtered.
    await goto('/?reason=guardrail');
    await page.waitForSelector('table.accounts tbody tr');
    expect(await page.$$eval('table.accounts tbody tr', (rows) => rows.length)).toBe(1);
  });

  it('acknowledges a trigger, retries its dead delivery, and shows the summary as text', async () => {
    await goto('/triggers/trg_northwind');
    await page.waitForSelector('.trigger-detail');
    expect(await page.$$eval('.trigger-detail tbody .badge', (b) => b.map((x) => x.textContent))).toEqual(['Gave up', 'Delivered']);
    // Untrusted summary text stays text.
    expect(await page.$$eval('.trigger-detail .md script, .trigger-detail .md a[href^="javascript"]', (x) => x.length)).toBe(0);
    expect(await page.textContent('.trigger-detail .md')).toContain('<script>alert("not html")</script>');
    await check('triggers', '.trigger-detail');

    await page.click('.trigger-detail button:text-is("Acknowledge")');
    await page.waitForSelector('.badge-ok:has-text("Acknowledged by Tom Okafor")');
    await page.click('.trigger-detail button:text-is("Retry failed deliveries")');
    await page.waitForSelector('.note.ok:has-text("1 delivery queued again.")');
    expect((await server.store.getTrigger(server.workspaceId, 'trg_northwind'))!.deliveries.map((d) => d.state)).toEqual(expect.arrayContaining(['pending', 'delivered']));
    expect((await server.store.getTrigger(server.workspaceId, 'trg_northwind'))!.ackedBy).toBe('Tom Okafor');
  });

  it('shows outreach arriving in the local inbox', async () => {
    await goto('/inbox');
    await page.waitForSelector('.message');
    const before = await page.$$eval('.message', (m) => m.length);
    await server.store.appendInbox({ id: 'inb_live', workspaceId: server.workspaceId, destinationId: 'dst_inbox', triggerId: 'trg_globex', title: 'Bad rating, then back: Globex Retail', markdown: '**Globex Retail**: rated T-3302 bad, back 4 days later.', at: Date.now() });
    await page.waitForSelector('.message.is-new:has-text("Globex Retail")', { timeout: 10_000 });
    expect(await page.$$eval('.message', (m) => m.length)).toBe(before + 1);
    await check('inbox', '.message.is-new');
  });

  it('previews a tip in the real widget chunk, live as it is edited', async () => {
    await goto('/tips/find-an-invoice');
    const title = () => page.evaluate(() => document.querySelector('.stage forestall-widget')?.shadowRoot?.querySelector('h2')?.textContent ?? null);
    await waitFor(title, (t) => t === 'Looking for a particular invoice?');
    await page.fill('#tip-title', 'Every invoice has its own page');
    await waitFor(title, (t) => t === 'Every invoice has its own page');
    expect(await title()).toBe('Every invoice has its own page');
    // The preview's buttons work and record nothing.
    await page.evaluate(() => (document.querySelector('.stage forestall-widget')!.shadowRoot!.querySelector('.r button') as HTMLButtonElement).click());
    await page.waitForSelector('text=Would record: tip helpful.');
    await page.click('button:has-text("Show again")');
    await waitFor(title, (t) => t === 'Every invoice has its own page');
    await check('tips', '.stage forestall-widget');
  });

  it('passes axe with no CSP violation on rules, destinations, articles and analytics', async () => {
    await goto('/rules');
    await page.waitForSelector('.rule');
    // Each rule as the edge restates it.
    expect(await page.textContent('.rule:has-text("Bad rating") .restatement')).toMatch(/^When a customer gives a bad CSAT rating/);
    await check('rules', '.rule');
    // Plain language → what Forestall understood → saved only on confirmation.
    await page.fill('#rule-text', 'When an enterprise account has a risk score of 70 or more, alert local-inbox');
    await page.click('button:text-is("Preview the rule")');
    await page.waitForSelector('.preview-rule');
    expect(await page.textContent('.preview-rule .restatement')).toContain('risk score is at least 70');
    expect(await server.store.listRules(server.workspaceId)).toHaveLength(3);
    await page.fill('#rule-name', 'Enterprise at high risk → inbox');
    await check('rules-preview', '.preview-rule');
    await page.click('button:text-is("Save rule")');
    await page.waitForSelector('.rule:has-text("Enterprise at high risk → inbox")');
    expect(await server.store.listRules(server.workspaceId)).toHaveLength(4);
    // A sentence that says nothing to do is refused with the reason, and nothing is saved.
    await page.fill('#rule-text', 'When customers seem sad, do something nice');
    await page.click('button:text-is("Preview the rule")');
    await page.waitForSelector('.composer-result [role=alert]');
    expect(await page.textContent('.composer-result [role=alert]')).toMatch(/Forestall (cannot do that yet|needs a more precise sentence)/);
    expect(await server.store.listRules(server.workspaceId)).toHaveLength(4);
    await check('rules-refused', '.composer-result [role=alert]');
    // Switching a rule on saves it through the real edge, which checks its destinations exist.
    await page.click('[role=switch][aria-label="Bad rating, then back within a week enabled"]');
    await page.waitForSelector('[role=switch][aria-label="Bad rating, then back within a week enabled"][aria-checked=true]');
    expect((await server.store.getRule(server.workspaceId, 'bad-csat-back'))!.rule.enabled).toBe(true);

    await goto('/destinations');
    await page.waitForSelector('.rule:has-text("cs-urgent")');
    await page.click('.segmented button:text-is("Signed webhook")');
    await page.fill('#dest-name', 'ops-webhook');
    await page.fill('#dest-url', 'https://ops.example.com/hooks/forestall');
    await page.click('button:text-is("Add destination")');
    await page.waitForSelector('.note.ok:has-text("Signing secret, shown once: whsec_")');
    await page.waitForSelector('.rule:has-text("ops-webhook")');
    await check('destinations', '.rule');

    await goto('/articles');
    await page.waitForSelector('.item-list');
    await page.click('.item-list a >> nth=0');
    await page.waitForSelector('#art-title');
    await check('articles', '#art-title');

    await goto('/analytics');
    await waitFor(() => page.$$eval('.chart canvas', (cs) => cs.length), (n) => n === 5);
    await check('analytics', '.stats');
    expect(await page.textContent('.stats')).toContain('Escalated after a tip');
  });

  it('signs out: the cookie is gone, the API refuses, and the console asks to sign in', async () => {
    await goto('/');
    await page.waitForSelector('table.accounts');
    await page.click('button:has-text("Sign out")');
    await page.waitForSelector('#signin-key');
    expect(await chromium.context.cookies(server.url)).toEqual([]);
    const status = await page.evaluate(() => fetch('/v1/accounts/at-risk').then((r) => r.status));
    expect(status).toBe(401);
    await goto('/triggers');
    await page.waitForSelector('#signin-key');
    expect(errors).toEqual([]);
    expect(csp).toEqual([]);
  });
});
