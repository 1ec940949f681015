// Stages the Worker's static assets (wrangler.jsonc "assets"): the SDK build under sdk/, the demo app under demo/.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './env';

export const WORKER_ASSETS_DIR = path.join(REPO_ROOT, '.wrangler', 'assets');

/**
 * A copy, not links: test runners glob through links, and the demo's browser test must not be found twice. Test
 * files are left out; without a build, sdk/ is empty and /sdk/* answers 404 as on Node.
 */
export function stageWorkerAssets(): string {
  rmSync(WORKER_ASSETS_DIR, { recursive: true, force: true });
  mkdirSync(path.join(WORKER_ASSETS_DIR, 'sdk'), { recursive: true });
  const notTests = (src: string) => !/\.test\.[cm]?[jt]sx?$/.test(src);
  const dist = path.join(REPO_ROOT, 'dist');
  if (existsSync(dist)) cpSync(dist, path.join(WORKER_ASSETS_DIR, 'sdk'), { recursive: true, filter: notTests });
  cpSync(path.join(REPO_ROOT, 'demo-app'), path.join(WORKER_ASSETS_DIR, 'demo'), { recursive: true, filter: notTests });
  return WORKER_ASSETS_DIR;
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`staged ${stageWorkerAssets()}\n`);
