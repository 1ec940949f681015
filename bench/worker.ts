// `npm run bench:worker`: a bounded load smoke of POST /v1/events against `wrangler dev` on loopback (the Workers
// runtime in local workerd: queue, consumer, the workspace's object), then a check that every 202 was stored.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newWorkspaceSql } from '../edge/runtime/worker/directoryAdmin';
import { stageWorkerAssets } from '../edge/runtime/workerAssets';
import { applyMigrations, execute, WRANGLER, wranglerEnv, type D1Target } from '../edge/runtime/workerD1';
import { EVENTS_PER_BATCH, freePort, measure } from './load';

/** Seconds per measured run; two runs and the drain keep the whole smoke around a minute. */
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_S = 2;
/** How long the queue may take to store what was acknowledged before the smoke calls it lost. */
const DRAIN_TIMEOUT_MS = 120_000;

/** Events in every workspace object's SQLite file (read-only, beside the running workerd). */
function storedEvents(persistTo: string): number {
  const dir = path.join(persistTo, 'v3', 'do', 'forestall-edge-WorkspaceObject');
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')) {
    const db = new Database(path.join(dir, file), { readonly: true, fileMustExist: true });
    try {
      n += (db.prepare('select count(*) as n from events').get() as { n: number }).n;
    } catch {
      // An object whose migrations have not run yet has no events table.
    } finally {
      db.close();
    }
  }
  return n;
}

/**
 * CPU seconds the workerd processes under `root` have used (Linux /proc; null elsewhere). On a shared machine the
 * rate a run reaches says more about the neighbours than the code; CPU per event does not.
 */
function workerdCpuSeconds(root: number): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const procs = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [name, rest] = [stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), stat.slice(stat.lastIndexOf(')') + 2).split(' ')];
        return [{ pid: Number(pid), name, ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) }];
      } catch {
        return [];
      }
    });
  const under = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) if (under.has(p.ppid) && !under.has(p.pid)) (under.add(p.pid), (grew = true));
  }
  const ticks = procs.filter((p) => under.has(p.pid) && p.name === 'workerd').reduce((n, p) => n + p.ticks, 0);
  return ticks / 100;
}

async function main(): Promise<void> {
  const persistTo = mkdtempSync(path.join(tmpdir(), 'forestall-bench-worker-'));
  const target: D1Target = { remote: false, persistTo };
  stageWorkerAssets();
  await applyMigrations(target);
  const ws = await newWorkspaceSql('Bench', [], Date.now());
  await execute(target, ws.statements);

  const port = await freePort();
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persistTo, '--log-level', 'warn', '--show-interactive-dev-session=false', '--var', 'LOG_REQUESTS:off'];
  const wrangler = spawn(WRANGLER, args, { cwd: path.join(import.meta.dirname, '..'), env: wranglerEnv, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const stop = () => {
    if (wrangler.exitCode === null) process.kill(-wrangler.pid!, 'SIGTERM');
  };
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; !(await fetch(`${url}/healthz`).then((r) => r.ok, () => false)); i++) {
      if (i > 1200) throw new Error('wrangler dev did not come up within two minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
    const headers = { authorization: `Bearer ${ws.pk.key}` };
    const rows: Array<{ connections: number; eventsPerS: number; p50: number; p99: number; errors: number }> = [];
    let acknowledged = 0;
    const cpuBefore = workerdCpuSeconds(wrangler.pid!);
    const started = Date.now();
    for (const connections of [10, 4]) {
      acknowledged += (await measure(url, headers, WARMUP_S, connections))['2xx'] * EVENTS_PER_BATCH;
      const r = await measure(url, headers, DURATION_S, connections);
      acknowledged += r['2xx'] * EVENTS_PER_BATCH;
      rows.push({ connections, eventsPerS: Math.round((r['2xx'] * EVENTS_PER_BATCH) / r.duration), p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts });
    }
    const loadEnded = Date.now();
    let stored = storedEvents(persistTo);
    // autocannon counts only answers that arrive within a run; batches in flight when it stops are stored too.
    while (stored < acknowledged && Date.now() - loadEnded < DRAIN_TIMEOUT_MS) {
      await new Promise((r) => setTimeout(r, 500));
      stored = storedEvents(persistTo);
    }
    const drainedS = ((Date.now() - loadEnded) / 1000).toFixed(1);
    const cpuAfter = workerdCpuSeconds(wrangler.pid!);

    const pad = (v: string | number, n: number) => String(v).padStart(n);
    console.log(`\nPOST /v1/events on wrangler dev (local workerd), ${EVENTS_PER_BATCH} events a batch, ${DURATION_S} s a run after ${WARMUP_S} s of warm-up, loopback, one workspace\n`);
    console.log(`${'conns'.padStart(5)}${pad('events/s', 10)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}`);
    for (const r of rows) console.log(`${pad(r.connections, 5)}${pad(r.eventsPerS, 10)}${pad(r.p50, 8)}${pad(r.p99, 8)}${pad(r.errors, 8)}`);
    const ingestS = (loadEnded - started) / 1000;
    console.log(`\nacknowledged (202) ${acknowledged} events in ${ingestS.toFixed(1)} s; stored ${stored}, the queue done ${drainedS} s after the load ended`);
    console.log(`stored throughput (queue → workspace object), load start to drained: ${Math.round(stored / (ingestS + Number(drainedS)))} events/s`);
    if (cpuBefore !== null && cpuAfter !== null && cpuAfter > cpuBefore) {
      const cpu = cpuAfter - cpuBefore;
      console.log(`workerd CPU: ${cpu.toFixed(1)} s for ${stored} events (route, queue, consumer, object): ${Math.round(stored / cpu)} events per CPU-second`);
    }
    const ok = stored >= acknowledged;
    console.log(ok ? `nothing lost: every acknowledged event stored (${stored - acknowledged} more from batches in flight when a run stopped)` : `NOT all stored: ${acknowledged - stored} of ${acknowledged} missing`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    stop();
    await new Promise((r) => setTimeout(r, 500));
    rmSync(persistTo, { recursive: true, force: true });
  }
}

await main();
