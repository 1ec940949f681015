// `npm run dev:worker`: the Workers runtime on this machine (wrangler dev, 127.0.0.1:8787) with local D1, Durable
// Objects and queues under .data/worker; the first start makes a workspace, prints its keys and seeds the demo.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_ARTICLES, DEMO_TIPS } from './demoContent';
import { readEnv, REPO_ROOT } from './env';
import { newWorkspaceSql } from './worker/directoryAdmin';
import { stageWorkerAssets } from './workerAssets';
import { applyMigrations, execute, query, WORKER_STATE_DIR, WRANGLER, wranglerEnv, type D1Target } from './workerD1';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The demo pages' public key, kept beside the local state as the Node runtime keeps its own. */
const DEMO_KEY_FILE = path.join(WORKER_STATE_DIR, 'demo-public-key.txt');

/** The first start's workspace: its public key for this server's own origins, and its secret key. */
async function bootstrap(target: D1Target, port: number): Promise<{ pk: string; sk: string } | null> {
  const [{ n }] = (await query<{ n: number }>(target, 'select count(*) as n from workspaces')) as [{ n: number }];
  if (n > 0) return null;
  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const ws = await newWorkspaceSql('Default workspace', origins, Date.now());
  await execute(target, ws.statements);
  writeFileSync(DEMO_KEY_FILE, ws.pk.key + '\n', { mode: 0o644 });
  say(
    [
      '',
      `Forestall (Workers): created workspace ${ws.workspaceId}. These keys are shown once; keep the secret key safe.`,
      `  public key (SDK, origins ${origins.join(', ')}):`,
      `    ${ws.pk.key}`,
      `  secret key (server and console, never in a web page):`,
      `    ${ws.sk.key}`,
      `  More keys: npm run keys:worker -- create pk --origins https://your.app`,
      '',
    ].join('\n'),
  );
  return { pk: ws.pk.key, sk: ws.sk.key };
}

/** The demo's tips and articles, through the API as any client would write them. */
async function seed(base: string, sk: string): Promise<void> {
  for (let i = 0; ; i++) {
    const up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 600) throw new Error('wrangler dev did not come up within a minute');
    await new Promise((r) => setTimeout(r, 100));
  }
  const put = async (what: string, body: unknown) => {
    const res = await fetch(`${base}${what}`, { method: 'PUT', headers: { authorization: `Bearer ${sk}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`seeding ${what}: ${res.status} ${await res.text()}`);
  };
  for (const tip of DEMO_TIPS) await put(`/v1/tips/${tip.id}`, tip);
  for (const article of DEMO_ARTICLES) await put(`/v1/articles/${article.id}`, article);
  say(`Seeded ${DEMO_TIPS.length} tips and ${DEMO_ARTICLES.length} articles.`);
}

async function main(): Promise<number> {
  const env = readEnv();
  mkdirSync(WORKER_STATE_DIR, { recursive: true });
  const target: D1Target = { remote: false, persistTo: WORKER_STATE_DIR };
  stageWorkerAssets();
  await applyMigrations(target);
  const created = await bootstrap(target, env.PORT);
  const demoKey = existsSync(DEMO_KEY_FILE) ? readFileSync(DEMO_KEY_FILE, 'utf8').trim() : '';

  const args = ['dev', '--ip', env.HOST, '--port', String(env.PORT), '--persist-to', WORKER_STATE_DIR, '--test-scheduled', '--show-interactive-dev-session=false'];
  args.push('--var', `LOG_REQUESTS:${env.LOG_REQUESTS}`);
  if (demoKey) args.push('--var', `DEMO_PUBLIC_KEY:${demoKey}`);
  const child = spawn(WRANGLER, args, { cwd: REPO_ROOT, stdio: 'inherit', env: wranglerEnv });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));

  const base = `http://${env.HOST}:${env.PORT}`;
  if (created) await seed(base, created.sk);
  say(`\nForestall on Workers (local) is running.\n  demo app:  ${base}/demo/\n  console:   ${base}/console  (sign in with the workspace's secret key)\n  edge API:  ${base}/v1/…\n  cron:      ${base}/__scheduled\n  state:     ${WORKER_STATE_DIR}\n`);
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1))));
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`dev:worker: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
