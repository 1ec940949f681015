// The Worker as deployed (edge/runtime/worker.ts with wrangler.jsonc's bindings): fetch through the real events
// queue into the workspace's object, static assets, the cron fan-out, and the check of its configuration.
import { createExecutionContext, createScheduledController, listDurableObjectIds } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { batch, event, NOW, ORIGIN } from '../../test/fixtures';
import worker from '../worker';
import { newWorkspaceSql } from './directoryAdmin';
import { readWorkerEnv, WorkerConfigError, type WorkerBindings } from './env';
import { inObject, runSql, testEnv } from './test/harness';

/** The Worker's own fetch handler, as the runtime calls it. */
const self = (exports as unknown as { default: Fetcher }).default;
const fetchWorker = (path: string, init?: RequestInit) => self.fetch(new Request(`http://127.0.0.1:8787${path}`, init));

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the Worker', () => {
  it('takes a full batch (500 events, near 512 KB) with 202 and stores it through the real queue, once', async () => {
    const w = await newWorkspaceSql('E2E', [ORIGIN], NOW);
    await runSql(w.statements);
    const events = Array.from({ length: 500 }, (_, i) => event({ at: Date.now(), type: 'track', name: 'n', props: { i, pad: 'p'.repeat(780) } }));
    const body = JSON.stringify(batch(events, { sentAt: Date.now() }));
    expect(body.length).toBeGreaterThan(480_000);
    expect(body.length).toBeLessThan(512 * 1024);
    const send = () => fetchWorker('/v1/events', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${w.pk.key}`, origin: ORIGIN }, body });
    const res = await send();
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 500, duplicates: 0 });
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    // The SDK's retry of the same batch: enqueued again, stored once.
    expect((await send()).status).toBe(202);
    const count = () => inObject(w.workspaceId, (sql) => sql.exec<{ n: number }>('select count(*) as n from events').one().n);
    expect(await until(count, (n) => n >= 500)).toBe(500);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await count()).toBe(500);
  });

  it('serves the demo with its endpoint filled in, and answers 404 for a file that is not there', async () => {
    const demo = await fetchWorker('/demo/');
    expect(demo.status).toBe(200);
    expect(demo.headers.get('content-type')).toContain('text/html');
    const html = await demo.text();
    expect(html).toContain('http://127.0.0.1:8787');
    expect(html).not.toContain('%FORESTALL_ENDPOINT%');
    const missing = await fetchWorker('/sdk/nothing-1a2b3c4d.js');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await fetchWorker('/healthz')).status).toBe(200);
  });

  it('refuses a destination on a private address when it is saved, as its workspace object would when delivering', async () => {
    const w = await newWorkspaceSql('Guard', [ORIGIN], NOW);
    await runSql(w.statements);
    const put = (id: string, url: string) =>
      fetchWorker(`/v1/destinations/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${w.sk.key}` },
        body: JSON.stringify({ name: id, kind: 'webhook', config: { url } }),
      });
    const refused = await put('loop', 'https://127.0.0.1:9000/hook');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('address_refused');
    expect((await fetchWorker('/v1/destinations', { headers: { authorization: `Bearer ${w.sk.key}` } }).then((r) => r.json())) as unknown).toEqual({ destinations: [] });
    expect((await put('public', 'https://hooks.example.com/forestall')).status).toBe(201);
  });

  it('signs the console in with the secret key and reads the API through its session cookie', async () => {
    const w = await newWorkspaceSql('Console', [ORIGIN], NOW);
    await runSql(w.statements);
    const origin = 'http://127.0.0.1:8787';
    const signIn = await fetchWorker('/console/session', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ key: w.sk.key, name: 'Kim' }) });
    expect(signIn.status).toBe(201);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const atRisk = await fetchWorker('/v1/accounts/at-risk', { headers: { cookie, origin, 'sec-fetch-site': 'same-origin' } });
    expect(atRisk.status).toBe(200);
    expect(await atRisk.json()).toEqual({ accounts: [], total: 0 });
    // Another site cannot ride the cookie.
    expect((await fetchWorker('/v1/accounts/at-risk', { headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
  });

  it('wakes every workspace object on the cron trigger to deliver what is due', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const w = await newWorkspaceSql(`Cron ${i}`, [], NOW);
      await runSql(w.statements);
      ids.push(testEnv.WORKSPACES.idFromName(w.workspaceId).toString());
    }
    await worker.scheduled(createScheduledController({ scheduledTime: NOW, cron: '* * * * *' }), testEnv);
    const woken = (await listDurableObjectIds(testEnv.WORKSPACES)).map((id) => id.toString());
    expect(woken).toEqual(expect.arrayContaining(ids));
  });
});

describe('the Worker configuration', () => {
  it('names every missing binding and every bad variable', () => {
    let error: unknown;
    try {
      readWorkerEnv({ RATE_LIMIT_PERIOD_S: '30', DEMO_PUBLIC_KEY: 'sk_' + 'a'.repeat(32), LOG_REQUESTS: 'loud' } as unknown as WorkerBindings);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkerConfigError);
    const message = (error as Error).message;
    for (const name of ['DB', 'WORKSPACES', 'EVENTS', 'EVENTS_DEAD_LETTER', 'KEY_RATE_LIMIT', 'RATE_LIMIT_PERIOD_S', 'DEMO_PUBLIC_KEY', 'LOG_REQUESTS']) {
      expect(message).toMatch(new RegExp(`^  ${name}: `, 'm'));
    }
  });

  it('accepts the configuration of wrangler.jsonc', () => {
    expect(readWorkerEnv(testEnv)).toMatchObject({ RATE_LIMIT_PERIOD_S: 10, LOG_REQUESTS: 'on' });
  });

  it('answers 500 with what to fix when misconfigured', async () => {
    const { DB: _db, ...withoutDb } = testEnv;
    const request = new Request('http://edge.test/healthz') as Parameters<typeof worker.fetch>[0];
    const res = await worker.fetch(request, withoutDb as unknown as WorkerBindings, createExecutionContext());
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('misconfigured');
    expect(body.error.message).toContain('DB: must be a D1 database binding');
  });

  it('names a bad AI setting too, and runs offline when AI_PROVIDER is none', async () => {
    const request = () => new Request('http://edge.test/healthz') as Parameters<typeof worker.fetch>[0];
    const bad = await worker.fetch(request(), { ...testEnv, AI_PROVIDER: 'gpt' } as WorkerBindings, createExecutionContext());
    expect(bad.status).toBe(500);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('AI_PROVIDER');
    const noBinding = await worker.fetch(request(), { ...testEnv, AI_PROVIDER: 'workers-ai', AI_MODEL: '@cf/meta/llama-3.1-8b-instruct' } as WorkerBindings, createExecutionContext());
    expect(noBinding.status).toBe(500);
    expect((await worker.fetch(request(), { ...testEnv, AI_PROVIDER: 'none' } as WorkerBindings, createExecutionContext())).status).toBe(200);
  });
});
