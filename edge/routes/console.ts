// The CS console: its single-page shell at /console and every deep link below it, its content-hashed assets, and
// the session endpoints that turn the workspace secret key into an HttpOnly cookie (edge/http/session.ts).
import type { Context } from 'hono';
import { KEY_PATTERN } from '../keys';
import { spendToken } from '../http/auth';
import { checkContentType, parseJson, readBody } from '../http/body';
import type { AppContext, EdgeApp, EdgeEnv, StaticFiles } from '../http/context';
import { HttpError } from '../http/errors';
import { assertSameOrigin, MAX_SESSION_NAME, readSessionCookie, sessionCookie, SESSION_TTL_MS, signSession, verifySession } from '../http/session';
import { HASHED_NAME, safeRelativePath } from './static';

/**
 * Nothing but the console's own files, no inline script or style, never in a frame: with no way to inject script,
 * nothing on the page can act with the session cookie's authority except the console itself.
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/** The build writes the console under dist/console (edge/runtime serves dist as the 'sdk' root). */
const BUILD_DIR = 'console';
/** Where the built assets live below /console. */
const ASSETS = '/console/assets/';
/** A sign-in body is a key and a name. */
const MAX_SIGN_IN_BYTES = 2048;

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
};

const PAGE_HEADERS = {
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** What the console learns about its session: enough to say who is signed in to which workspace, and until when. */
function sessionView(key: { workspaceId: string; prefix: string }, name: string, expiresAt: number) {
  return { workspaceId: key.workspaceId, keyPrefix: key.prefix, name, expiresAt };
}

export function registerConsole(app: EdgeApp, ctx: AppContext, files: StaticFiles | undefined): void {
  const noStore = (c: Context<EdgeEnv>) => c.header('Cache-Control', 'no-store');

  app.post('/console/session', async (c) => {
    noStore(c);
    // Without this a page on another site could sign the browser in to a workspace of its choosing.
    assertSameOrigin(c);
    checkContentType(c.req.header('content-type'));
    const body = parseJson(await readBody(c.req.raw, MAX_SIGN_IN_BYTES)) as Record<string, unknown> | null;
    const raw = body && typeof body === 'object' ? body.key : undefined;
    const name = body && typeof body === 'object' ? body.name : undefined;
    if (typeof raw !== 'string' || !raw.trim()) {
      throw new HttpError(400, 'invalid_body', 'Paste the workspace secret key (sk_…).', [{ path: 'key', message: 'required' }]);
    }
    if (name !== undefined && (typeof name !== 'string' || name.trim().length > MAX_SESSION_NAME)) {
      throw new HttpError(400, 'invalid_body', `Your name is at most ${MAX_SESSION_NAME} characters.`, [{ path: 'name', message: `at most ${MAX_SESSION_NAME} characters` }]);
    }
    const key = raw.trim();
    if (key.startsWith('pk_')) {
      throw new HttpError(403, 'secret_key_required', 'That is the public key (pk_…), the one web pages use. Sign in with the secret key (sk_…) printed when the workspace was created.');
    }
    if (!KEY_PATTERN.test(key)) {
      throw new HttpError(401, 'unknown_key', 'That is not a Forestall secret key: it starts with sk_ followed by 32 letters and digits.');
    }
    const record = await ctx.keys.resolve(key);
    if (!record || record.kind !== 'sk') throw new HttpError(401, 'unknown_key', 'That key is unknown or has been revoked. Check that you copied the whole secret key.');
    c.set('apiKey', record);
    await spendToken(ctx, record);
    const who = typeof name === 'string' ? name.trim() : '';
    const { token, expiresAt } = await signSession(record, who, ctx.clock.now());
    c.header('Set-Cookie', sessionCookie(c, token, Math.floor(SESSION_TTL_MS / 1000)));
    ctx.logger.info({ msg: 'console sign-in', workspaceId: record.workspaceId, keyId: record.id });
    return c.json(sessionView(record, who, expiresAt), 201);
  });

  app.get('/console/session', async (c) => {
    noStore(c);
    const cookie = readSessionCookie(c);
    if (cookie === undefined) throw new HttpError(401, 'signed_out', 'Sign in with the workspace secret key.');
    assertSameOrigin(c);
    const session = await verifySession(cookie, ctx.store, ctx.clock.now());
    if (!session) throw new HttpError(401, 'session_expired', 'Your console session has expired or was signed out; sign in again with the secret key.');
    return c.json(sessionView(session.key, session.name, session.expiresAt));
  });

  app.delete('/console/session', async (c) => {
    noStore(c);
    assertSameOrigin(c);
    // Stateless tokens cannot be recalled, so signing out is the browser forgetting it (and the token expiring).
    c.header('Set-Cookie', sessionCookie(c, '', 0));
    return c.body(null, 204);
  });

  app.all('/console/session', (c) => {
    throw new HttpError(405, 'method_not_allowed', `${c.req.method} is not allowed here; use GET, POST, DELETE.`, undefined, { Allow: 'GET, POST, DELETE' });
  });

  const notBuilt = () => new HttpError(404, 'not_found', 'The console is not built; run "npm run build".');

  app.get(`${ASSETS}*`, async (c) => {
    const path = safeRelativePath(new URL(c.req.url).pathname.slice(ASSETS.length));
    if (path === null || path === '' || path.endsWith('/')) throw new HttpError(404, 'not_found', 'No such file.');
    const bytes = files && (await files.read('sdk', `${BUILD_DIR}/assets/${path}`));
    if (!bytes) throw new HttpError(404, 'not_found', 'No such file.');
    const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      // Every asset is content-hashed by the build; an unhashed one (a source map's twin) is revalidated.
      'Cache-Control': HASHED_NAME.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  // The shell for /console and every route below it: the console routes in the browser, so a deep link (a bookmark
  // of one account) loads the same page. It names the current hashed assets, so it is revalidated on every load.
  const shell = async (c: Context<EdgeEnv>) => {
    const bytes = files && (await files.read('sdk', `${BUILD_DIR}/index.html`));
    if (!bytes) throw notBuilt();
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { ...PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  };
  app.get('/console', shell);
  app.get('/console/*', shell);
}
