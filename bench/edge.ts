// `npm run bench:edge`: ingest throughput and latency of POST /v1/events against a bare JSON-parsing Hono handler.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENTS_PER_BATCH, freePort, measure } from './load';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Seconds per measured run; the whole bench stays well under a minute. */
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_S = 2;
// BENCH_SECONDS shortens or lengthens each run; BENCH_PROFILE_DIR=dir writes a CPU profile of the edge process there.

/** The baseline: Hono on @hono/node-server that parses the JSON body and answers 202, nothing else. */
async function bareServer(port: number): Promise<void> {
  const { Hono } = await import('hono');
  const { serve } = await import('@hono/node-server');
  const app = new Hono();
  app.post('/v1/events', async (c) => {
    const body = (await c.req.json()) as { events: unknown[] };
    return c.json({ accepted: body.events.length, duplicates: 0 }, 202);
  });
  serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => process.stdout.write('"msg":"listening"\n'));
  process.on('SIGTERM', () => process.exit(0));
}

function startChild(args: string[], env: Record<string, string>, nodeArgs: string[] = []): Promise<{ child: ChildProcess; stdout: string }> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('"msg":"listening"')) resolve({ child, stdout });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

/** The ingest budget: events a second that one edge process must sustain with p99 ≤ 50 ms. */
const TARGET_EVENTS_PER_S = 10_000;
const TARGET_P99_MS = 50;

async function main(): Promise<void> {
  if (process.argv[2] === '--bare-server') return bareServer(Number(process.argv[3]));

  const dataDir = mkdtempSync(path.join(tmpdir(), 'forestall-bench-'));
  const children: ChildProcess[] = [];
  const cleanup = () => {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const sync = process.env.SQLITE_SYNCHRONOUS ?? 'FULL';
    const background = process.env.BENCH_BACKGROUND === 'off' ? 'off' : 'on';
    const edgePort = await freePort();
    const edge = await startChild(['edge/runtime/node.ts'], {
      PORT: String(edgePort),
      DATA_DIR: dataDir,
      LOG_REQUESTS: 'off',
      SQLITE_SYNCHRONOUS: sync,
      RATE_LIMIT_BURST: '10000000',
      RATE_LIMIT_PER_SECOND: '10000000',
      // on (the default, as npm start runs): the background thread scores the 40 accounts the load touches.
      BACKGROUND: background,
    }, process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []);
    children.push(edge.child);
    const pk = /pk_[A-Za-z0-9]{32}/.exec(edge.stdout)?.[0];
    if (!pk) throw new Error('the edge did not print its public key');
    const barePort = await freePort();
    const bare = await startChild(['bench/edge.ts', '--bare-server', String(barePort)], {});
    children.push(bare.child);

    const edgeUrl = `http://127.0.0.1:${edgePort}`;
    const edgeHeaders = { authorization: `Bearer ${pk}` };
    // Closed-loop load: each connection sends its next batch when the last is answered, so latency is the queue a
    // given concurrency builds. 10 connections show the ceiling; fewer show the latency at a realistic depth.
    // (autocannon's rate option sends each connection's quota for a second as fast as it can when the second starts,
    // so it would measure that burst, not a steady rate.)
    const runs: Array<{ name: string; url: string; headers: Record<string, string>; connections: number }> = [
      { name: 'bare Hono, parse JSON only', url: `http://127.0.0.1:${barePort}`, headers: {}, connections: 10 },
      ...[10, 4, 2].map((connections) => ({ name: `edge, sync=${sync}, scoring ${background}`, url: edgeUrl, headers: edgeHeaders, connections })),
    ];
    const rows: Array<{ name: string; connections: number; eventsPerS: number; p50: number; p99: number; errors: number; accepted: number }> = [];
    for (const t of runs) {
      await measure(t.url, t.headers, WARMUP_S, t.connections);
      const r = await measure(t.url, t.headers, DURATION_S, t.connections);
      rows.push({
        name: t.name,
        connections: t.connections,
        eventsPerS: Math.round((r['2xx'] * EVENTS_PER_BATCH) / r.duration),
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.non2xx + r.errors + r.timeouts,
        accepted: r['2xx'],
      });
    }

    // Stop the edge cleanly, then check nothing acknowledged is missing: every 202 (warm-up included) is 50 events.
    edge.child.kill('SIGTERM');
    await new Promise((r) => edge.child.once('exit', r));
    const db = new Database(path.join(dataDir, 'forestall.db'), { readonly: true });
    const stored = (db.prepare('select count(*) as n from events').get() as { n: number }).n;
    db.close();

    const bareRow = rows[0]!;
    const pad = (v: string | number, n: number) => String(v).padStart(n);
    console.log(`\nPOST /v1/events, ${EVENTS_PER_BATCH} events a batch, ${DURATION_S} s a run after ${WARMUP_S} s of warm-up, loopback\n`);
    console.log(`${'target'.padEnd(34)}${pad('conns', 6)}${pad('events/s', 10)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}${pad('vs bare', 9)}`);
    for (const r of rows) {
      console.log(
        `${r.name.padEnd(34)}${pad(r.connections, 6)}${pad(r.eventsPerS, 10)}${pad(r.p50, 8)}${pad(r.p99, 8)}${pad(r.errors, 8)}${pad((r.eventsPerS / bareRow.eventsPerS).toFixed(3), 9)}`,
      );
    }
    const edgeRows = rows.slice(1);
    const acknowledged = edgeRows.reduce((n, r) => n + r.accepted, 0) * EVENTS_PER_BATCH;
    console.log(`\nstored events: ${stored}; acknowledged in measured runs: ${acknowledged} (warm-ups add the rest)`);
    const meeting = edgeRows.filter((r) => r.eventsPerS >= TARGET_EVENTS_PER_S && r.p99 <= TARGET_P99_MS && r.errors === 0);
    const ok = meeting.length > 0 && stored >= acknowledged;
    console.log(
      `budget (≥ ${TARGET_EVENTS_PER_S} events/s with p99 ≤ ${TARGET_P99_MS} ms in one run, nothing lost): ${ok ? `met (${meeting.map((r) => `${r.connections} connections`).join(', ')})` : 'NOT met'}`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    cleanup();
  }
}

await main();
