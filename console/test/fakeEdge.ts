// A fake edge for the console's happy-dom tests: answers by method and path, and remembers every request.
import { vi } from 'vitest';

export type Answer = { status?: number; body?: unknown } | ((req: { method: string; path: string; body: unknown }) => { status?: number; body?: unknown });

export function fakeEdge(routes: Record<string, Answer>) {
  const calls: Array<{ method: string; path: string; body: unknown }> = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://console.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const req = { method, path: url.pathname + url.search, body };
    calls.push(req);
    // The most specific route wins: "GET /v1/triggers/t1" before "GET /v1/triggers".
    const key = Object.keys(routes)
      .filter((k) => {
        const [m, p] = k.split(' ');
        return m === method && (req.path === p || req.path.startsWith(p + '?') || req.path.startsWith(p!));
      })
      .sort((a, b) => b.length - a.length)[0];
    if (!key) return new Response(JSON.stringify({ error: { code: 'not_found', message: `No route for ${method} ${url.pathname}.` } }), { status: 404 });
    const route = routes[key]!;
    const answer = typeof route === 'function' ? route(req) : route;
    const status = answer.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(answer.body ?? {}), { status, headers: { 'content-type': 'application/json' } });
  });
  globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
  return { calls, fetch, called: (method: string, path: string) => calls.filter((c) => c.method === method && c.path.startsWith(path)) };
}
