// Vitest global setup of the worker project, run in Node: the static assets wrangler.jsonc names must exist.
import { stageWorkerAssets } from '../../workerAssets';

export default function setup(): void {
  stageWorkerAssets();
}
