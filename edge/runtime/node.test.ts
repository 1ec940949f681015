import Database from 'better-sqlite3';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './env';

interface Server {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcessWithoutNullStreams>();
const dirs: string[] = [];

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'forestall-node-'));
  dirs.push(d);
  return d;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts edge/runtime/node.ts as one node process (no tsx wrapper process, so a signal reaches the server itself). */
function start(env: Record<string, string>, waitForListening = true): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'edge/runtime/node.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_REQUESTS: 'off', ...env },
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const server: Server = { child, url: `http://127.0.0.1:${env.PORT}`, stdout: () => out, stderr: () => err, exited };
  if (!waitForListening) return Promise.resolve(server);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out} ${err}`)), 20_000);
    child.stdout.on('data', () => {
      if (out.includes('"msg":"listening"')) {
        clearTimeout(timer);
        resolve(server);
      }
    });
    void exited.then(() => reject(new Error(`server exited: ${err}`)));
  });
}

function event() {
  return { id: randomUUID(), type: 'screen', at: Date.now(), anonymousId: 'a1', sessionId: 's1', screen: '/orders', accountId: 'acme' };
}

describe('node runtime', () => {
  it('refuses a bad PORT with a clear message and exit code 1', async () => {
    const s = await start({ PORT: '99999', DATA_DIR: tempDir() }, false);
    expect((await s.exited).code).toBe(1);
    expect(s.stderr()).toContain('bad PORT="99999": PORT must be at most 65535');
  });

  it('creates a workspace on first start, prints its keys once, writes the demo key, and stops on SIGTERM', async () => {
    const dataDir = tempDir();
    const port = String(await freePort());
    const first = await start({ PORT: port, DATA_DIR: dataDir });
    const pk = /pk_[A-Za-z0-9]{32}/.exec(first.stdout())?.[0];
    const sk = /sk_[A-Za-z0-9]{32}/.exec(first.stdout())?.[0];
    expect(pk).toBeDefined();
    expect(sk).toBeDefined();
    expect(readFileSync(path.join(dataDir, 'demo-public-key.txt'), 'utf8').trim()).toBe(pk);
    // The printed public key works from the demo's own origin; the secret key reads content.
    const config = await fetch(`${first.url}/v1/config`, { headers: { authorization: `Bearer ${pk}`, origin: `http://localhost:${port}` } });
    expect(config.status).toBe(200);
    expect((await fetch(`${first.url}/v1/tips`, { headers: { authorization: `Bearer ${sk}` } })).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });

    const second = await start({ PORT: port, DATA_DIR: dataDir });
    expect(second.stdout()).not.toMatch(/pk_|sk_/);
    second.child.kill('SIGINT');
    expect((await second.exited).code).toBe(0);
  });

  it('keeps every event that got a 202, once, across a SIGKILL mid-stream', async () => {
    const dataDir = tempDir();
    const port = String(await freePort());
    const first = await start({ PORT: port, DATA_DIR: dataDir });
    const pk = /pk_[A-Za-z0-9]{32}/.exec(first.stdout())![0];
    const acknowledged: string[] = [];
    let ackedBatches = 0;
    let killed = false;
    const sender = async () => {
      while (!killed) {
        const events = Array.from({ length: 25 }, event);
        try {
          const res = await fetch(`${first.url}/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${pk}` },
            body: JSON.stringify({ sentAt: Date.now(), events }),
          });
          if (res.status === 202) {
            acknowledged.push(...events.map((e) => e.id));
            if (++ackedBatches === 60) {
              // Kill while the other senders still have batches in flight.
              killed = true;
              first.child.kill('SIGKILL');
            }
          }
        } catch {
          // In flight when the process died: no 202, so no promise was made about it.
        }
      }
    };
    await Promise.all([sender(), sender(), sender(), sender()]);
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(60 * 25);

    const second = await start({ PORT: port, DATA_DIR: dataDir });
    // A batch acknowledged before the crash is a duplicate now: retrying it after a lost answer is safe.
    const retry = await fetch(`${second.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${pk}` },
      body: JSON.stringify({ sentAt: Date.now(), events: acknowledged.slice(0, 25).map((id) => ({ ...event(), id })) }),
    });
    expect(await retry.json()).toEqual({ accepted: 0, duplicates: 25 });
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    const file = path.join(dataDir, 'forestall.db');
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    try {
      const counts = new Map((db.prepare('select id, count(*) as n from events group by id').all() as Array<{ id: string; n: number }>).map((r) => [r.id, r.n]));
      const missing = acknowledged.filter((id) => counts.get(id) !== 1);
      expect(missing).toEqual([]);
      expect(new Set(acknowledged).size).toBe(acknowledged.length);
    } finally {
      db.close();
    }
  });
});
