// What the edge load runs share (npm run bench:edge on Node, npm run bench:worker on wrangler dev): realistic
// batches of SDK events sent closed-loop by autocannon.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';

export const EVENTS_PER_BATCH = 50;

// autocannon ships no types; this is the part of its API the bench uses.
interface Histogram {
  p50: number;
  p99: number;
  average: number;
}
export interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const SCREENS = ['/dashboard', '/orders', '/orders/:id', '/reports', '/reports/:id', '/settings/billing'];
const TYPES = ['screen', 'screen', 'track', 'help_opened', 'friction', 'tip_shown'] as const;

/** A batch like a busy SDK sends: screens, tracks with props, a friction signal, a tip; every id new. */
export function realisticBatch(key: number): string {
  const now = Date.now();
  const anonymousId = randomUUID();
  const sessionId = randomUUID();
  const events = Array.from({ length: EVENTS_PER_BATCH }, (_, i) => {
    const type = TYPES[i % TYPES.length]!;
    const screen = SCREENS[(i + key) % SCREENS.length]!;
    const base = { id: randomUUID(), type, at: now - (EVENTS_PER_BATCH - i) * 700, anonymousId, sessionId, userId: `user-${key % 500}`, accountId: `acct-${key % 40}`, screen };
    switch (type) {
      case 'track':
        return { ...base, name: 'report_exported', props: { format: 'csv', rows: 1200 + i, filters: { range: 'last_30_days', region: ['eu', 'us'] } } };
      case 'help_opened':
        return { ...base, props: { articleId: 'export-csv', title: 'Export a report as CSV' } };
      case 'friction':
        return {
          ...base,
          signal: { id: base.id, type: 'rage_click', screen, at: base.at, detail: { clicks: 4, label: 'Export', radiusPx: 12 } },
        };
      case 'tip_shown':
        return { ...base, tipId: 'export-help' };
      default:
        return base;
    }
  });
  return JSON.stringify({ sentAt: now, events });
}

export async function measure(url: string, headers: Record<string, string>, seconds: number, connections: number) {
  let n = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/events',
        headers: { 'content-type': 'application/json', ...headers },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: realisticBatch(n++) }),
      },
    ],
  });
}

