// The background work of one edge process, as routes see it: the risk pipeline (re-score touched accounts, fire
// rules) and the outbox dispatcher (deliver what fired), wired so a firing wakes the dispatcher.
import type { Background } from '../http/context';
import type { Dispatcher } from '../delivery/dispatcher';
import type { RiskPipeline } from './riskPipeline';

export interface Worker {
  background: Background;
  pipeline: RiskPipeline;
  dispatcher: Dispatcher;
}

export function backgroundOf(pipeline: RiskPipeline, dispatcher: Dispatcher): Background {
  return {
    touch: (ws, ids) => pipeline.touch(ws, ids),
    touchTickets: (ws, ids) => pipeline.touchTickets(ws, ids),
    rescore: (ws) =>
      void pipeline.sweepWorkspace(ws).catch(() => {
        // logged by the pipeline; the hourly sweep tries again
      }),
    deliver: () => dispatcher.wake(),
  };
}
