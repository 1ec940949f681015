// The console's shell and assets, and its session: signing in with the secret key, the cookie standing in for the
// key on same-origin requests only, expiry, forgery, revocation and signing out.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeStaticFiles } from '../runtime/staticFiles';
import { signSession, SESSION_TTL_MS } from '../http/session';
import { setup, type Harness } from '../test/harness';
import { CONSOLE_CSP } from './console';

const SHELL = '<!doctype html><html lang="en"><head><script type="module" src="/console/assets/console-1a2b3c4d5e6f.js"></script></head><body><div id="app"></div></body></html>';

function files() {
  const root = mkdtempSync(path.join(tmpdir(), 'forestall-console-'));
  const dist = path.join(root, 'dist');
  mkdirSync(path.join(dist, 'console', 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'console', 'index.html'), SHELL);
  writeFileSync(path.join(dist, 'console', 'assets', 'console-1a2b3c4d5e6f.js'), 'console.log("console")');
  writeFileSync(path.join(dist, 'console', 'assets', 'console-1a2b3c4d5e6f.css'), 'body{}');
  writeFileSync(path.join(root, 'secret.txt'), 'do not serve');
  return nodeStaticFiles({ sdk: dist, demo: path.join(root, 'demo') });
}

/** What the console's own fetches carry. */
const SAME_ORIGIN = { origin: 'http://edge.test', 'sec-fetch-site': 'same-origin' };

async function signIn(h: Harness, key: string, headers: Record<string, string> = SAME_ORIGIN, name = 'Dana') {
  return h.json('POST', '/console/session', { key, name }, headers);
}

/** The cookie pair (name=value) a response set, for sending back. */
function cookieOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

async function signedIn(h: Harness): Promise<string> {
  const res = await signIn(h, h.sk);
  expect(res.status).toBe(201);
  return cookieOf(res);
}

const atRisk = (h: Harness, cookie: string, headers: Record<string, string> = SAME_ORIGIN) =>
  h.request('/v1/accounts/at-risk', { headers: { cookie, ...headers } });

describe('console shell', () => {
  it('serves the shell at /console and at every deep link, under a strict CSP, revalidated on each load', async () => {
    const h = await setup({ staticFiles: files() });
    for (const p of ['/console', '/console/', '/console/accounts/acme.com', '/console/triggers?delivery=dead', '/console/rules']) {
      const res = await h.request(p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe(SHELL);
    }
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'"]) {
      expect(CONSOLE_CSP).toContain(directive);
    }
    expect(CONSOLE_CSP).not.toContain('unsafe');
  });

  it('serves hashed assets as immutable, and nothing outside the console build', async () => {
    const h = await setup({ staticFiles: files() });
    const js = await h.request('/console/assets/console-1a2b3c4d5e6f.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log("console")');
    const css = await h.request('/console/assets/console-1a2b3c4d5e6f.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    for (const p of ['/console/assets/nope.js', '/console/assets/..%2findex.html', '/console/assets/%2e%2e/%2e%2e/secret.txt', '/console/assets/', '/console/assets/.env']) {
      const res = await h.request(p);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('do not serve');
    }
  });

  it('says the console is not built when there are no files', async () => {
    const h = await setup();
    const res = await h.request('/console');
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toContain('npm run build');
  });
});

describe('console session', () => {
  it('signs in with the secret key into an HttpOnly, SameSite=Strict cookie that the API accepts', async () => {
    const h = await setup();
    const res = await signIn(h, h.sk);
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body).toEqual({ workspaceId: h.workspaceId, keyPrefix: h.sk.slice(0, 10), name: 'Dana', expiresAt: h.clock.t + SESSION_TTL_MS });
    const set = res.headers.get('set-cookie')!;
    expect(set).toMatch(/^forestall_console=fs1\.[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(set).not.toContain(h.sk);

    const cookie = cookieOf(res);
    const list = await atRisk(h, cookie);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ accounts: [], total: 0 });
    // Content routes go through the same gate.
    expect((await h.request('/v1/tips', { headers: { cookie, ...SAME_ORIGIN } })).status).toBe(200);
    expect((await h.request('/v1/cases', { headers: { cookie, ...SAME_ORIGIN } })).status).toBe(200);

    const who = await h.request('/console/session', { headers: { cookie, ...SAME_ORIGIN } });
    expect(await who.json()).toEqual(body);
  });

  it('marks the cookie Secure with the __Host- prefix over https, also behind a TLS-terminating proxy', async () => {
    const h = await setup();
    const direct = await h.app.request('https://edge.test/console/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://edge.test', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ key: h.sk }),
    });
    expect(direct.status).toBe(201);
    expect(direct.headers.get('set-cookie')).toMatch(/^__Host-forestall_console=fs1\.[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
    const proxied = await signIn(h, h.sk, { 'x-forwarded-proto': 'https', 'sec-fetch-site': 'same-origin' });
    expect(proxied.headers.get('set-cookie')).toMatch(/^__Host-forestall_console=.*; Secure$/);
  });

  it('refuses a wrong key, a public key and a non-key with a message the sign-in form can show, setting no cookie', async () => {
    const h = await setup();
    const before = h.state();
    const cases: Array<[string, number, string, RegExp]> = [
      ['sk_' + 'A'.repeat(32), 401, 'unknown_key', /unknown or has been revoked/],
      [h.pk, 403, 'secret_key_required', /public key \(pk_…\).*secret key \(sk_…\)/],
      ['hunter2', 401, 'unknown_key', /not a Forestall secret key/],
    ];
    for (const [key, status, code, message] of cases) {
      const res = await signIn(h, key);
      expect(res.status, key).toBe(status);
      const { error } = await res.json();
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const empty = await h.json('POST', '/console/session', { key: '  ' }, SAME_ORIGIN);
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.issues).toEqual([{ path: 'key', message: 'required' }]);
    expect((await h.json('POST', '/console/session', { key: h.sk, name: 'x'.repeat(81) }, SAME_ORIGIN)).status).toBe(400);
    expect((await h.json('POST', '/console/session', '{"key":', SAME_ORIGIN)).status).toBe(400);
    expect(h.state()).toEqual(before);
  });

  it('refuses sign-in from another site (login CSRF)', async () => {
    const h = await setup();
    const attempts: Array<Record<string, string>> = [{ origin: 'https://evil.example.net' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site', origin: 'http://sub.edge.test' }];
    for (const headers of attempts) {
      const res = await signIn(h, h.sk, headers);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('cross_site_request');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('does not let a cross-site request ride the cookie', async () => {
    const h = await setup();
    const cookie = await signedIn(h);
    for (const headers of [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example.net' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-origin', origin: 'https://evil.example.net' },
    ] as Array<Record<string, string>>) {
      const res = await atRisk(h, cookie, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((await res.json()).error.code).toBe('cross_site_request');
    }
    // A mutation too: acknowledging a trigger from another site changes nothing.
    const before = h.state();
    const ack = await h.request('/v1/triggers/trg_1/ack', { method: 'POST', headers: { cookie, origin: 'https://evil.example.net', 'content-type': 'text/plain' }, body: '{}' });
    expect(ack.status).toBe(403);
    expect(h.state()).toEqual(before);
  });

  it('refuses an expired cookie, and a forged, tampered or truncated one', async () => {
    const h = await setup();
    const cookie = await signedIn(h);
    const [name, token] = cookie.split('=') as [string, string];

    h.clock.t += SESSION_TTL_MS - 1;
    expect((await atRisk(h, cookie)).status).toBe(200);
    h.clock.t += 1;
    const expired = await atRisk(h, cookie);
    expect(expired.status).toBe(401);
    expect((await expired.json()).error).toEqual({ code: 'session_expired', message: 'Your console session has expired or was signed out; sign in again with the secret key.' });
    expect((await h.request('/console/session', { headers: { cookie, ...SAME_ORIGIN } })).status).toBe(401);
    h.clock.t -= SESSION_TTL_MS;

    const parts = token.split('.');
    const keyId = parts[1]!;
    const later = (h.clock.t + 10 * SESSION_TTL_MS).toString(36);
    const forged = [
      // a longer life with the old signature
      [parts[0], keyId, parts[2], later, parts[4], parts[5]].join('.'),
      // someone else's name
      [parts[0], keyId, parts[2], parts[3], 'TWFsbG9yeQ', parts[5]].join('.'),
      // a signature made with a guessed secret
      [...parts.slice(0, 5), 'A'.repeat(43)].join('.'),
      parts.slice(0, 5).join('.'),
      'fs1.' + 'x'.repeat(600),
      '',
      'null',
    ];
    // A well-formed token for the public key's id, signed with the public key's hash, is still not a secret key.
    const pkRecord = await h.store.findKeyByHash(await sha256(h.pk));
    forged.push((await signSession(pkRecord!, 'Mallory', h.clock.t)).token);
    // A token that claims a life longer than a session, even if correctly signed, is refused.
    const skRecord = await h.store.findKeyById(keyId);
    forged.push((await signSession(skRecord!, 'Dana', h.clock.t, 10 * SESSION_TTL_MS)).token);
    for (const f of forged) {
      const res = await atRisk(h, `${name}=${f}`);
      expect(res.status, f).toBe(401);
    }
    expect((await atRisk(h, cookie)).status).toBe(200);
  });

  it('ends every session of a secret key when the key is revoked', async () => {
    const h = await setup();
    const cookie = await signedIn(h);
    const keyId = cookie.split('.')[1]!;
    h.db.$client.prepare('update api_keys set revoked_at = ? where id = ?').run(h.clock.t, keyId);
    expect((await atRisk(h, cookie)).status).toBe(401);
  });

  it('signs out by clearing the cookie; the Authorization header still works beside it', async () => {
    const h = await setup();
    const cookie = await signedIn(h);
    const out = await h.request('/console/session', { method: 'DELETE', headers: { cookie, ...SAME_ORIGIN } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toBe('forestall_console=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
    // A server with a key never needs a cookie, and a header wins over one.
    const server = await h.request('/v1/accounts/at-risk', { headers: { authorization: `Bearer ${h.sk}`, cookie: 'forestall_console=junk' } });
    expect(server.status).toBe(200);
    // Without either, the answer says how to authenticate.
    const none = await h.request('/v1/accounts/at-risk');
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('missing_key');
    // Signing out from another site is refused too.
    expect((await h.request('/console/session', { method: 'DELETE', headers: { cookie, origin: 'https://evil.example.net' } })).status).toBe(403);
    expect((await h.request('/console/session', { method: 'PUT', headers: SAME_ORIGIN })).status).toBe(405);
  });

  it('answers GET /console/session with 401 when signed out', async () => {
    const h = await setup();
    const res = await h.request('/console/session', { headers: SAME_ORIGIN });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('signed_out');
  });
});

async function sha256(s: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}
