// Runs SQL on the Workers directory (D1) through wrangler: the local one `npm run dev:worker` uses, or the deployed one.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './env';

export const WRANGLER = path.join(REPO_ROOT, 'node_modules', '.bin', 'wrangler');
/** Where `npm run dev:worker` keeps its local D1, Durable Objects and queues. */
export const WORKER_STATE_DIR = path.join(REPO_ROOT, '.data', 'worker');
/** The D1 binding in wrangler.jsonc. */
const DATABASE = 'DB';

/** Wrangler's own environment: no telemetry (this machine may have no way out). */
export const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false' };

export type D1Target = { remote: true } | { remote: false; persistTo: string };

const targetArgs = (t: D1Target) => (t.remote ? ['--remote'] : ['--local', '--persist-to', t.persistTo]);

async function wrangler(args: string[]): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(WRANGLER, args, { cwd: REPO_ROOT, env: wranglerEnv, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`wrangler ${args.slice(0, 3).join(' ')} failed: ${(err.stderr || err.stdout || err.message).trim()}`);
  }
}

/** Brings the directory's schema up to date: the same drizzle-kit migrations as Node (wrangler.jsonc migrations_dir). */
export async function applyMigrations(target: D1Target): Promise<void> {
  await wrangler(['d1', 'migrations', 'apply', DATABASE, ...targetArgs(target)]);
}

/** Runs statements in one go (a file, so no command line grows with them). */
export async function execute(target: D1Target, statements: string[]): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'forestall-d1-'));
  try {
    const file = path.join(dir, 'statements.sql');
    writeFileSync(file, statements.map((s) => `${s};`).join('\n') + '\n', { mode: 0o600 });
    await wrangler(['d1', 'execute', DATABASE, ...targetArgs(target), '--file', file, '--yes']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function query<T>(target: D1Target, sql: string): Promise<T[]> {
  const out = await wrangler(['d1', 'execute', DATABASE, ...targetArgs(target), '--json', '--command', sql]);
  const parsed = JSON.parse(out.slice(out.indexOf('['))) as Array<{ results: T[] }>;
  return parsed.flatMap((r) => r.results);
}
