// The request thread's side of the Node runtime's background thread: routes' notices become messages, and a
// thread that dies is started again (its work is idempotent: a sweep at start catches up on what it missed).
import { Worker } from 'node:worker_threads';
import type { Background, Logger } from '../app';
import type { BackgroundThreadData } from './backgroundThread';

export type BackgroundMessage =
  | { kind: 'touch'; workspaceId: string; ids: string[] }
  | { kind: 'touchTickets'; workspaceId: string; ids: string[] }
  | { kind: 'rescore'; workspaceId: string }
  | { kind: 'deliver' }
  | { kind: 'stop' };

const ENTRY = new URL('./backgroundThread.ts', import.meta.url).href;
const TSX_API = import.meta.resolve('tsx/esm/api');

/** A thread that died is started again after this long, so a crash loop cannot spin the CPU. */
export const RESTART_DELAY_MS = 1_000;

export interface BackgroundThread {
  background: Background;
  /** Stops the pipeline and the dispatcher (deliveries in flight are recorded) and closes the thread's connection. */
  stop(): Promise<void>;
}

export function startBackgroundThread(data: BackgroundThreadData, logger: Logger): BackgroundThread {
  let worker: Worker | null = null;
  let stopping = false;
  const start = () => {
    // The edge runs from source under tsx: the thread registers the same loader before it imports its TypeScript.
    const boot = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY)}); })`;
    // Not this thread's flags: its loader, registered for the main thread, must not load into this one twice.
    const w = new Worker(boot, { eval: true, workerData: data, execArgv: [] });
    w.on('error', (e) => logger.error({ msg: 'background thread failed', error: e instanceof Error ? e.message : String(e) }));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (!stopping) {
        logger.error({ msg: 'background thread exited; starting it again', code });
        setTimeout(() => !stopping && start(), RESTART_DELAY_MS).unref();
      }
    });
    worker = w;
  };
  start();
  const post = (m: BackgroundMessage) => worker?.postMessage(m);
  return {
    background: {
      touch: (workspaceId, ids) => {
        const list = [...new Set([...ids].filter((x): x is string => !!x))];
        if (list.length) post({ kind: 'touch', workspaceId, ids: list });
      },
      touchTickets: (workspaceId, ids) => ids.length && post({ kind: 'touchTickets', workspaceId, ids }),
      rescore: (workspaceId) => post({ kind: 'rescore', workspaceId }),
      deliver: () => post({ kind: 'deliver' }),
    },
    stop() {
      stopping = true;
      const w = worker;
      if (!w) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => void w.terminate().finally(resolve);
        w.on('message', (m: { kind?: string }) => m.kind === 'stopped' && done());
        w.on('exit', () => resolve());
        w.postMessage({ kind: 'stop' } satisfies BackgroundMessage);
      });
    },
  };
}
