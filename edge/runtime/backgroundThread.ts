// The Node runtime's background work in its own thread: the risk pipeline and the outbox dispatcher on a second
// connection to the same SQLite file (WAL lets it read beside the request thread's writes), so scoring accounts
// and delivering outreach never hold up a request. The request thread tells it what changed over postMessage.
import { parentPort, workerData } from 'node:worker_threads';
import { parseAiConfig } from '../ai/config';
import { openDatabase, type SyncMode } from '../db/sqlite';
import type { AddressAllowance } from '../delivery/addressGuard';
import { createDispatcher } from '../delivery/dispatcher';
import { createGuardedFetch, nodeLookup, nodemailerTransport } from '../delivery/node';
import { createRiskPipeline } from '../pipeline/riskPipeline';
import type { BackgroundMessage } from './background';
import { nodeStoreAndAi } from './nodeAi';

export interface BackgroundThreadData {
  dbFile: string;
  synchronous: SyncMode;
  allow: AddressAllowance;
  publicUrl: string;
}

const data = workerData as BackgroundThreadData;
const line = (level: 'info' | 'error', l: Record<string, unknown>) =>
  (level === 'error' ? process.stderr : process.stdout).write(JSON.stringify({ level, time: new Date().toISOString(), thread: 'background', ...l }) + '\n');
const logger = { info: (l: Record<string, unknown>) => line('info', l), error: (l: Record<string, unknown>) => line('error', l) };

// The request thread validated the AI settings at start; this thread reads the same environment.
const aiConfig = parseAiConfig(process.env);
if (!aiConfig.ok) throw new Error(aiConfig.problems.map((p) => `${p.variable}: ${p.message}`).join('; '));
const clock = { now: () => Date.now() };
const db = openDatabase(data.dbFile, { synchronous: data.synchronous });
const { store, ai } = nodeStoreAndAi(db, aiConfig.config, logger);
const dispatcher = createDispatcher({
  port: store,
  fetch: createGuardedFetch({ allow: data.allow }),
  lookup: nodeLookup,
  smtpTransport: nodemailerTransport,
  clock,
  allowPrivateAddresses: data.allow,
  logger,
});
const pipeline = createRiskPipeline({ store, clock, logger, ai, onOutbox: () => dispatcher.wake(), consoleUrl: data.publicUrl });

// Re-scores what changed while the edge was down, then hourly; delivers what is due.
pipeline.start();
dispatcher.start();

parentPort!.on('message', (m: BackgroundMessage) => {
  switch (m.kind) {
    case 'touch':
      return pipeline.touch(m.workspaceId, m.ids);
    case 'touchTickets':
      return pipeline.touchTickets(m.workspaceId, m.ids);
    case 'rescore':
      return void pipeline.sweepWorkspace(m.workspaceId).catch((e: unknown) => logger.error({ msg: 'rescore failed', error: String(e) }));
    case 'deliver':
      return dispatcher.wake();
    case 'stop':
      // Deliveries in flight are recorded and the scoring pass in hand ends before the connection closes.
      return void Promise.all([pipeline.stop(), dispatcher.stop()]).finally(() => {
        db.$client.close();
        parentPort!.postMessage({ kind: 'stopped' });
      });
  }
});
