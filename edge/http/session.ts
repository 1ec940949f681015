// Console sessions: a signed token in an HttpOnly cookie that stands for the workspace secret key it was made from.
//
// The token carries the key's id, when it was issued and when it expires, and who signed in, MACed with the key's
// stored sha-256 (HMAC-SHA256). Nothing is stored per session, so no table or migration is needed and every
// runtime (one Node process or many Workers isolates) can check a token with what it already has: the key record.
// Revoking the secret key ends its sessions at once (the record is looked up on every request), and a token cannot
// be made without the key's hash, which never leaves the database. Sign-out clears the cookie; a copy taken
// before that stays valid until it expires, which is why sessions are short (SESSION_TTL_MS).
import type { Context } from 'hono';
import { timingSafeEqual } from '../keys';
import type { ApiKeyRecord, Store } from '../store';
import type { EdgeEnv } from './context';
import { HttpError } from './errors';

/** A working day: a stolen cookie is worth at most this much, and nobody signs in more than once a day. */
export const SESSION_TTL_MS = 12 * 3_600_000;
/** Who signed in, as they typed it (shown on acknowledgements): a name, not an essay. */
export const MAX_SESSION_NAME = 80;
/** A token issued this far in the future is refused: clocks of one deployment agree far better than this. */
const MAX_CLOCK_SKEW_MS = 60_000;
const VERSION = 'fs1';
/** Keeps a session MAC from ever being valid as any other MAC the key's hash might make. */
const DOMAIN = 'forestall console session';

export interface Session {
  key: ApiKeyRecord;
  /** Who signed in ('' when they gave no name). */
  name: string;
  issuedAt: number;
  expiresAt: number;
}

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function mac(keyHash: string, payload: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(keyHash), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${DOMAIN}\n${payload}`))));
}

/** `fs1.<keyId>.<issuedAt>.<expiresAt>.<name>.<mac>`: times in base 36, the name base64url. */
export async function signSession(key: ApiKeyRecord, name: string, now: number, ttlMs: number = SESSION_TTL_MS): Promise<{ token: string; expiresAt: number }> {
  const expiresAt = now + ttlMs;
  const payload = [VERSION, key.id, now.toString(36), expiresAt.toString(36), base64url(encoder.encode(name.slice(0, MAX_SESSION_NAME)))].join('.');
  return { token: `${payload}.${await mac(key.hash, payload)}`, expiresAt };
}

/** The session a token stands for, or null when it is malformed, forged, expired, or its key is revoked. */
export async function verifySession(token: string, store: Pick<Store, 'findKeyById'>, now: number, ttlMs: number = SESSION_TTL_MS): Promise<Session | null> {
  if (token.length > 512) return null;
  const parts = token.split('.');
  if (parts.length !== 6 || parts[0] !== VERSION) return null;
  const [, keyId, issued, expires, nameB64, signature] = parts as [string, string, string, string, string, string];
  const issuedAt = parseInt(issued, 36);
  const expiresAt = parseInt(expires, 36);
  if (!/^[0-9a-z]{1,12}$/.test(issued) || !/^[0-9a-z]{1,12}$/.test(expires)) return null;
  if (expiresAt <= now || issuedAt > now + MAX_CLOCK_SKEW_MS || expiresAt - issuedAt > ttlMs) return null;
  const nameBytes = fromBase64url(nameB64);
  if (!nameBytes || !keyId) return null;
  const key = await store.findKeyById(keyId);
  if (!key || key.kind !== 'sk' || key.revokedAt !== null) return null;
  const expected = await mac(key.hash, parts.slice(0, 5).join('.'));
  if (!timingSafeEqual(expected, signature)) return null;
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(nameBytes);
  } catch {
    return null;
  }
  return { key, name, issuedAt, expiresAt };
}

/** Behind a TLS-terminating proxy the app sees http; the proxy's header only ever makes the cookie stricter. */
export function isHttps(c: Context<EdgeEnv>): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/**
 * `__Host-` makes the browser refuse the cookie unless it is Secure, host-only and for path /, so a sibling
 * subdomain cannot plant or shadow it; plain http (local development) cannot have the prefix.
 */
export const sessionCookieName = (https: boolean): string => (https ? '__Host-forestall_console' : 'forestall_console');

export function sessionCookie(c: Context<EdgeEnv>, token: string, maxAgeS: number): string {
  const https = isHttps(c);
  return `${sessionCookieName(https)}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${https ? '; Secure' : ''}`;
}

/** The session cookie's value on this request, or undefined when there is none. */
export function readSessionCookie(c: Context<EdgeEnv>): string | undefined {
  const name = sessionCookieName(isHttps(c));
  for (const part of (c.req.header('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * A cookie rides along with every request the browser makes to this origin, so it only counts on requests the
 * console itself made: a modern browser says so in Sec-Fetch-Site, and every browser sends Origin on a cross-site
 * POST. SameSite=Strict already keeps the cookie off cross-site requests; this also refuses same-site ones from a
 * sibling subdomain, and any browser that ignores SameSite.
 */
export function assertSameOrigin(c: Context<EdgeEnv>): void {
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  const own = new URL(c.req.url).origin;
  const ownHttps = isHttps(c) ? own.replace(/^http:/, 'https:') : own;
  if ((site !== undefined && site !== 'same-origin') || (origin !== undefined && origin !== own && origin !== ownHttps)) {
    throw new HttpError(403, 'cross_site_request', 'The console session only works on requests from the console itself; servers send "Authorization: Bearer sk_…".');
  }
}
