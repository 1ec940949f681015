// A stand-in edge for browser tests: serves a page and the built SDK, answers config, and records every event batch it receives.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { RemoteConfig, SdkEvent } from '../wire';

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
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startCaptureServer(pages: Record<string, string>, config: RemoteConfig): Promise<CaptureServer> {
  const state = { events: [] as SdkEvent[], refused: 0, failing: false, config };
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url || '/', 'http://x');
      if (req.method === 'GET' && url.pathname.startsWith('/sdk/')) {
        const file = url.pathname.slice(5).replace(/[^\w.-]/g, '');
        const js = await readFile(root + 'dist/' + file);
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store', 'cross-origin-resource-policy': 'same-origin' });
        return res.end(js);
      }
      if (req.method === 'GET' && url.pathname === '/v1/config') {
        res.writeHead(200, { 'content-type': 'application/json', etag: '"1"' });
        return res.end(JSON.stringify(state.config));
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
