// The Node runtime: environment, SQLite file, first-start workspace, static files, HTTP server, graceful shutdown.
import { serve } from '@hono/node-server';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeMessageOffline } from '../ai';
import { parseAiConfig } from '../ai/config';
import { createApp, type Logger } from '../app';
import { nodeLookup } from '../delivery/node';
import { startBackgroundThread } from './background';
import { openDatabase } from '../db/sqlite';
import { createKeyAdmin, createSqliteStore } from '../db/sqliteStore';
import { isLoopbackHost, readEnv, REPO_ROOT } from './env';
import { nodeStoreAndAi } from './nodeAi';
import { nodeStaticFiles } from './staticFiles';
import { seedDemoWorkspace } from './seed';

export const DEMO_KEY_FILE = 'demo-public-key.txt';

const jsonLogger = (requests: boolean): Logger => ({
  info: (line) => {
    if (requests || line.msg !== 'request') process.stdout.write(JSON.stringify({ level: 'info', time: new Date().toISOString(), ...line }) + '\n');
  },
  error: (line) => process.stderr.write(JSON.stringify({ level: 'error', time: new Date().toISOString(), ...line }) + '\n'),
});

async function main(): Promise<void> {
  const env = readEnv();
  mkdirSync(env.DATA_DIR, { recursive: true });
  const db = openDatabase(path.join(env.DATA_DIR, 'forestall.db'), { synchronous: env.SQLITE_SYNCHRONOUS });
  const admin = createKeyAdmin(db);
  const demoKeyFile = path.join(env.DATA_DIR, DEMO_KEY_FILE);

  if (admin.listWorkspaces().length === 0) {
    const now = Date.now();
    const workspaceId = admin.createWorkspace('Default workspace', now);
    const origins = [`http://127.0.0.1:${env.PORT}`, `http://localhost:${env.PORT}`];
    const pk = await admin.createKey(workspaceId, 'pk', origins, now);
    const sk = await admin.createKey(workspaceId, 'sk', [], now);
    // The public key is public by nature (it ships in web pages); the demo pages are served with it.
    writeFileSync(demoKeyFile, pk.key + '\n', { mode: 0o644 });
    // The demo workspace: Ledgerly's customers with months of history, so the console has accounts at risk on day one.
    const seeded = await seedDemoWorkspace(createSqliteStore(db, { analyzeMessage: (text) => analyzeMessageOffline(text) }), workspaceId, now);
    process.stdout.write(
      [
        '',
        `Forestall: created workspace ${workspaceId}. These keys are shown once; keep the secret key safe.`,
        `  public key (SDK, origins ${origins.join(', ')}):`,
        `    ${pk.key}`,
        `  secret key (server and console, never in a web page):`,
        `    ${sk.key}`,
        `  More keys: npm run keys -- create pk --origins https://your.app`,
        `  Demo data: ${seeded.accounts} accounts, ${seeded.users} users, ${seeded.tickets} tickets, ${seeded.events} events, ${seeded.tips} tips, ${seeded.articles} articles, ${seeded.rules} rules.`,
        '',
      ].join('\n') + '\n',
    );
  }
  let demoKey: string | undefined;
  try {
    demoKey = readFileSync(demoKeyFile, 'utf8').trim() || undefined;
  } catch {
    demoKey = undefined;
  }

  const logger = jsonLogger(env.LOG_REQUESTS === 'on');
  const clock = { now: () => Date.now() };
  const aiConfig = parseAiConfig(process.env);
  if (!aiConfig.ok) {
    for (const p of aiConfig.problems) process.stderr.write(`forestall: bad ${p.variable}: ${p.message}\n`);
    process.exit(1);
  }
  const { store, ai } = nodeStoreAndAi(db, aiConfig.config, logger);
  const allow = env.ALLOW_PRIVATE_DESTINATIONS ?? (isLoopbackHost(env.HOST) ? 'loopback' : 'none');
  const publicUrl = env.PUBLIC_URL ?? `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`;
  // Scoring accounts and delivering outreach run in their own thread, on their own connection to the database.
  const worker =
    env.BACKGROUND === 'on'
      ? startBackgroundThread({ dbFile: path.join(env.DATA_DIR, 'forestall.db'), synchronous: env.SQLITE_SYNCHRONOUS, allow, publicUrl }, logger)
      : null;
  const app = createApp({
    store,
    clock,
    logger,
    ai,
    ...(worker ? { background: worker.background } : {}),
    options: {
      destinationGuard: { lookup: nodeLookup, allow },
      ...(env.RATE_LIMIT_BURST || env.RATE_LIMIT_PER_SECOND
        ? { rateLimit: { burst: env.RATE_LIMIT_BURST ?? 10_000, perSecond: env.RATE_LIMIT_PER_SECOND ?? 5_000 } }
        : {}),
      staticFiles: nodeStaticFiles({ sdk: path.join(REPO_ROOT, 'dist'), demo: path.join(REPO_ROOT, 'demo-app') }),
      ...(demoKey ? { demoKey } : {}),
    },
  });

  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    const base = `http://${host}:${info.port}`;
    logger.info({ msg: 'listening', url: base, dataDir: env.DATA_DIR, demo: `${base}/demo/`, console: `${base}/console` });
    process.stdout.write(
      `\nForestall is running.\n  demo app:  ${base}/demo/\n  console:   ${base}/console  (sign in with the workspace's secret key)\n  edge API:  ${base}/v1/…\n  data:      ${env.DATA_DIR}\n\n`,
    );
  });
  server.on('error', (e: NodeJS.ErrnoException) => {
    process.stderr.write(`forestall: cannot listen on ${env.HOST}:${env.PORT}: ${e.code === 'EADDRINUSE' ? 'the port is in use (set PORT)' : e.message}\n`);
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ msg: 'stopping', signal });
    // Requests in flight finish (their transactions commit), then the database closes cleanly.
    const force = setTimeout(() => {
      logger.error({ msg: 'shutdown timed out; exiting' });
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(() => {
      void (worker ? worker.stop() : Promise.resolve()).finally(() => {
        db.$client.close();
        process.exit(0);
      });
    });
    // Idle keep-alive connections would hold close() open until they time out.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`forestall: failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
