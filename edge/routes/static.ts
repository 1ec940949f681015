// Serves the built SDK and widget under /sdk/ and the demo app under /demo/, with cache headers that fit each file.
import type { Context } from 'hono';
import type { EdgeApp, EdgeEnv, StaticFiles } from '../http/context';
import { HttpError } from '../http/errors';

const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  ico: 'image/x-icon',
  webp: 'image/webp',
  woff2: 'font/woff2',
};

/** `widget-3f2a9c1b.js`: a content hash in the name (8+ characters, at least one digit) means the bytes never change. */
export const HASHED_NAME = /-(?=[A-Za-z0-9_]*\d)[A-Za-z0-9_]{8,}\.[a-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The entry keeps its name across releases; five minutes bounds how long a fix takes to reach every page. */
const ENTRY = 'public, max-age=300, stale-while-revalidate=86400';

/**
 * The path below a served root, decoded, or null when it could escape the root or name something odd. Only plain
 * names are served: no dot segments, no backslashes, no NUL, nothing hidden.
 */
export function safeRelativePath(raw: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (decoded === '') return '';
  const segments = decoded.split('/');
  for (const [i, s] of segments.entries()) {
    if (s === '' && i === segments.length - 1) continue; // trailing slash: a directory
    if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(s) || s.includes('..')) return null;
  }
  return decoded;
}

function extension(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? path.slice(dot + 1).toLowerCase() : '';
}

function rawPathBelow(c: Context<EdgeEnv>, prefix: string): string {
  // The undecoded path, so %2e%2e cannot slip past the URL parser's own dot-segment removal.
  return new URL(c.req.url).pathname.slice(prefix.length);
}

export interface StaticOptions {
  files: StaticFiles;
  /** The public key written into the demo pages; none yet means the demo explains itself without one. */
  demoKey: string | undefined;
}

export function registerStatic(app: EdgeApp, opts: StaticOptions): void {
  const notFound = () => new HttpError(404, 'not_found', 'No such file.');

  app.get('/sdk/*', async (c) => {
    const path = safeRelativePath(rawPathBelow(c, '/sdk/'));
    if (path === null || path === '' || path.endsWith('/')) throw notFound();
    const bytes = await opts.files.read('sdk', path);
    if (!bytes) throw notFound();
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': CONTENT_TYPES[extension(path)] ?? 'application/octet-stream',
      'Cache-Control': HASHED_NAME.test(path) ? IMMUTABLE : ENTRY,
      // Any site may load the SDK, and the widget chunk is fetched with CORS by the SDK.
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  app.get('/', (c) => c.redirect('/demo/', 302));
  app.get('/demo', (c) => c.redirect('/demo/', 301));
  app.get('/demo/*', async (c) => {
    let path = safeRelativePath(rawPathBelow(c, '/demo/'));
    if (path === null) throw notFound();
    if (path === '' || path.endsWith('/')) path += 'index.html';
    let bytes = await opts.files.read('demo', path);
    // The demo is a single-page app: a deep link without an extension is one of its routes.
    if (!bytes && extension(path) === '') {
      path = 'index.html';
      bytes = await opts.files.read('demo', path);
    }
    if (!bytes) throw notFound();
    const type = CONTENT_TYPES[extension(path)] ?? 'application/octet-stream';
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
    if (extension(path) !== 'html') return c.body(bytes as Uint8Array<ArrayBuffer>, 200, headers);
    const endpoint = new URL(c.req.url).origin;
    const html = new TextDecoder()
      .decode(bytes)
      .replaceAll('%FORESTALL_KEY%', opts.demoKey ?? '')
      .replaceAll('%FORESTALL_ENDPOINT%', endpoint);
    return c.body(html, 200, headers);
  });
}
