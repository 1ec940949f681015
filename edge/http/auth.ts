// Resolves the API key of a request and decides whether it may be used from where the request came from.
import type { Context } from 'hono';
import { hashKey, KEY_PATTERN, timingSafeEqual, type KeyKind } from '../keys';
import type { ApiKeyRecord, Store } from '../store';
import type { AppContext, Clock, EdgeEnv } from './context';
import { checkContentType, parseJson, readBody } from './body';
import { HttpError } from './errors';
import { assertSameOrigin, readSessionCookie, verifySession } from './session';

/** The key from `Authorization: Bearer …`, or undefined when there is no such header. */
export function headerKey(c: Context<EdgeEnv>): string | undefined {
  const header = c.req.header('authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new HttpError(401, 'invalid_authorization', 'The Authorization header must be "Bearer <key>".');
  return match[1];
}

/**
 * Authenticates `key` for a route that needs `need` ('pk' accepts a secret key too, from a server).
 * Public keys from a browser must come from one of their origins; secret keys must never come from a browser
 * on another origin, since anyone can read a page's source.
 */
export async function authenticate(c: Context<EdgeEnv>, app: AppContext, key: string | undefined, need: KeyKind): Promise<ApiKeyRecord> {
  if (!key) {
    throw new HttpError(401, 'missing_key', need === 'sk' ? 'Send your secret key as "Authorization: Bearer sk_…".' : 'Send your public key as "Authorization: Bearer pk_…" or as "key" in the body.');
  }
  const record = await app.keys.resolve(key);
  if (!record) throw new HttpError(401, 'unknown_key', 'The key is unknown or has been revoked.');

  const origin = c.req.header('origin');
  if (record.kind === 'sk') {
    if (origin !== undefined && origin !== new URL(c.req.url).origin) {
      throw new HttpError(403, 'secret_key_in_browser', 'A secret key (sk_) must never be used from a browser; use the public key (pk_) in web pages and keep sk_ on your server.');
    }
  } else {
    if (need === 'sk') throw new HttpError(403, 'secret_key_required', 'This route needs the workspace secret key (sk_); a public key cannot change content.');
    if (origin !== undefined) {
      if (!record.origins.includes(origin) && !record.origins.includes('*')) {
        throw new HttpError(403, 'origin_not_allowed', `The origin ${origin} is not allowed for this key; add it with "npm run keys -- create pk --origins ${origin}".`);
      }
      c.set('corsOrigin', origin);
    }
  }
  c.set('apiKey', record);
  return record;
}

/** Live keys are remembered this long, so a busy key costs one hash and one query per interval, not per request. */
export const KEY_CACHE_MS = 5_000;
/** Bounds the memory the cache can take; past it the cache starts over. */
const KEY_CACHE_ENTRIES = 10_000;

export interface KeyResolver {
  /** The live key record for a key, or null for a malformed, unknown or revoked one. */
  resolve(key: string): Promise<ApiKeyRecord | null>;
}

/**
 * Looks keys up by their sha-256, remembering live ones for `ttlMs`: a revocation (made by `npm run keys` in
 * another process) takes effect within that time. Unknown keys are never remembered, so guessing cannot fill it.
 */
export function createKeyResolver(store: Store, clock: Clock, ttlMs: number = KEY_CACHE_MS): KeyResolver {
  const cache = new Map<string, { record: ApiKeyRecord; until: number }>();
  return {
    async resolve(key) {
      if (!KEY_PATTERN.test(key)) return null;
      const now = clock.now();
      const hit = cache.get(key);
      if (hit && hit.until > now) return hit.record;
      const hash = await hashKey(key);
      const record = await store.findKeyByHash(hash);
      // The lookup is by hash, so timing can only tell an attacker about hashes; the comparison is constant-time anyway.
      if (!record || !timingSafeEqual(record.hash, hash) || record.revokedAt !== null) {
        cache.delete(key);
        return null;
      }
      if (cache.size >= KEY_CACHE_ENTRIES) cache.clear();
      cache.set(key, { record, until: now + ttlMs });
      return record;
    },
  };
}

/** Charges the key one request, or throws 429. Async, since a limiter shared across isolates is a remote call. */
export async function spendToken(app: AppContext, record: ApiKeyRecord): Promise<void> {
  const wait = await app.limiter.take(record.id, app.clock.now());
  if (wait > 0) {
    throw new HttpError(429, 'rate_limited', `Too many requests for this key; retry in ${wait} s.`, undefined, { 'Retry-After': String(wait) });
  }
}

/**
 * Reads a JSON body sent with a public key, taken from the Authorization header or, for sendBeacon
 * (which cannot set headers), from the body's `key`. A header key is checked before the body is
 * read, so a wrong key costs the edge nothing.
 */
export async function readPublicBody(c: Context<EdgeEnv>, app: AppContext): Promise<{ key: ApiKeyRecord; body: Record<string, unknown> }> {
  const fromHeader = headerKey(c);
  if (fromHeader !== undefined) await spendToken(app, await authenticate(c, app, fromHeader, 'pk'));
  checkContentType(c.req.header('content-type'));
  const body = parseJson(await readBody(c.req.raw)) as Record<string, unknown>;
  let key = c.get('apiKey');
  if (!key) {
    if (body.key !== undefined && typeof body.key !== 'string') {
      throw new HttpError(400, 'invalid_body', 'The key must be a string.', [{ path: 'key', message: 'expected a string' }]);
    }
    key = await authenticate(c, app, body.key as string | undefined, 'pk');
    await spendToken(app, key);
  }
  return { key, body };
}

/**
 * The secret key of a server or console request, authenticated and rate-limited: every sk_ route starts here.
 * A server sends the key in the Authorization header; the console's own requests carry its session cookie instead,
 * which stands for the key it was signed in with and counts only on same-origin requests (edge/http/session.ts).
 */
export async function secretKey(c: Context<EdgeEnv>, app: AppContext): Promise<ApiKeyRecord> {
  const fromHeader = headerKey(c);
  const cookie = fromHeader === undefined ? readSessionCookie(c) : undefined;
  let key: ApiKeyRecord;
  if (cookie === undefined) key = await authenticate(c, app, fromHeader, 'sk');
  else {
    assertSameOrigin(c);
    const session = await verifySession(cookie, app.store, app.clock.now());
    if (!session) throw new HttpError(401, 'session_expired', 'Your console session has expired or was signed out; sign in again with the secret key.');
    key = session.key;
    c.set('apiKey', key);
  }
  await spendToken(app, key);
  return key;
}
