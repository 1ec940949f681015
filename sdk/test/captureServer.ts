// A stand-in edge for browser tests: serves pages and the built SDK, answers config, help search and handoffs, and
// records every event batch, handoff and request path it receives.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { HandoffCreated, HandoffRequest, HelpArticleHit, RemoteConfig, SdkEvent } from '../wire';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CaptureServer {
  url: string;
  /** Every event received, in arrival order, duplicates included. */
  events: SdkEvent[];
  /** How many requests to /v1/events were answered with 503 while failing. */
  refused: number;
  /** Answer /v1/events with 503 while true. */
  failing: boolean;
  config: RemoteConfig;
  /** Every request as `METHOD /path?query`, in arrival order. */
  requests: string[];
  /** What /v1/help/search searches (title and excerpt, case-insensitive). */
  articles: HelpArticleHit[];
  /** Drop help-search connections without an answer, as an unreachable edge would. */
  helpDown: boolean;
  /** Statuses to answer the next handoffs with (503 with Retry-After: 1) before creating cases again. */
  handoffFailures: number[];
  /** Every handoff received, retries included. */
  handoffs: HandoffRequest[];
  /** Cases by handoff id: the edge's dedup, so a retried handoff gets the case its first try made. */
  cases: Map<string, HandoffCreated>;
  /** Serve content-hashed chunks as immutable, as the edge does (the bench's cached runs); default no-store. */
  cacheChunks: boolean;
  /** Tips rules pushed, by account: answered as the config's `push` to `GET /v1/config?account=`. */
  pushed: Record<string, string[]>;
  close(): Promise<void>;
}

/** A page: HTML (with the test headers) or any file with its own type and headers. */
export type Served = string | { body: string; type?: string; headers?: Record<string, string> };

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startCaptureServer(pages: Record<string, Served>, config: RemoteConfig): Promise<CaptureServer> {
  const state = {
    events: [] as SdkEvent[],
    refused: 0,
    failing: false,
    config,
    requests: [] as string[],
    articles: [] as HelpArticleHit[],
    helpDown: false,
    handoffFailures: [] as number[],
    handoffs: [] as HandoffRequest[],
    cases: new Map<string, HandoffCreated>(),
    cacheChunks: false,
    pushed: {} as Record<string, string[]>,
  };
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url || '/', 'http://x');
      state.requests.push(`${req.method} ${url.pathname}${url.search}`);
      if (req.method === 'GET' && url.pathname.startsWith('/sdk/')) {
        const file = url.pathname.slice(5).replace(/[^\w.-]/g, '');
        const js = await readFile(root + 'dist/' + file);
        const hashed = /-[0-9a-f]{12}\.js$/.test(file);
        res.writeHead(200, {
          'content-type': 'text/javascript',
          'cache-control': state.cacheChunks && hashed ? 'public, max-age=31536000, immutable' : 'no-store',
          'cross-origin-resource-policy': 'same-origin',
        });
        return res.end(js);
      }
      if (req.method === 'GET' && url.pathname === '/v1/help/search') {
        if (state.helpDown) return req.socket.destroy();
        const q = (url.searchParams.get('q') || '').toLowerCase();
        const results = state.articles.filter((a) => (a.title + ' ' + a.excerpt).toLowerCase().includes(q));
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ results }));
      }
      if (req.method === 'POST' && url.pathname === '/v1/handoff') {
        const handoff = JSON.parse(await body(req)) as HandoffRequest;
        state.handoffs.push(handoff);
        const fail = state.handoffFailures.shift();
        if (fail) {
          res.writeHead(fail, { 'content-type': 'application/json', 'retry-after': '1' });
          return res.end('{"error":{"code":"unavailable","message":"test outage"}}');
        }
        const known = state.cases.get(handoff.id);
        const created = known || { caseId: 'case_' + (state.cases.size + 1), reference: 'FS-' + (1000 + state.cases.size + 1) };
        state.cases.set(handoff.id, created);
        res.writeHead(known ? 200 : 201, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(created));
      }
      if (req.method === 'GET' && url.pathname === '/v1/config') {
        const push = state.pushed[url.searchParams.get('account') ?? ''];
        res.writeHead(200, { 'content-type': 'application/json', etag: push ? '"p"' : '"1"' });
        return res.end(JSON.stringify(push ? { ...state.config, push } : state.config));
      }
      if (req.method === 'POST' && url.pathname === '/v1/events') {
        const text = await body(req);
        if (state.failing) {
          state.refused++;
          res.writeHead(503, { 'content-type': 'application/json' });
          return res.end('{"error":{"code":"unavailable","message":"test outage"}}');
        }
        const batch = JSON.parse(text) as { events: SdkEvent[] };
        state.events.push(...batch.events);
        res.writeHead(202, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ accepted: batch.events.length, duplicates: 0 }));
      }
      // A page serves its whole path prefix, so SPA routes under it reload to the same page.
      const prefix = Object.keys(pages).find((p) => url.pathname.startsWith(p));
      const page = prefix === undefined ? undefined : pages[prefix];
      if (req.method === 'GET' && page !== undefined && typeof page !== 'string') {
        res.writeHead(200, { 'content-type': page.type || 'text/html; charset=utf-8', ...page.headers });
        return res.end(page.body);
      }
      if (req.method === 'GET' && page !== undefined) {
        // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs, for the bench.
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-embedder-policy': 'require-corp',
        });
        return res.end(page);
      }
      if (url.pathname === '/api/broken') {
        res.writeHead(500, { 'content-type': 'application/json' });
        return res.end('{}');
      }
      if (url.pathname === '/api/ok') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"ok":true}');
      }
      res.writeHead(404).end();
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
}
