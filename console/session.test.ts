// The console's side of the session: what the edge's answers do to the signed-in state.
import { beforeEach, describe, expect, it } from 'vitest';
import { api, ApiError, sessionLost } from './api';
import { checkSession, session, signIn, signOut } from './session';
import { fakeEdge } from './test/fakeEdge';

const WHO = { workspaceId: 'ws_1', keyPrefix: 'sk_AbCdEfG', name: 'Dana', expiresAt: 1_900_000_000_000 };

beforeEach(() => {
  session.value = undefined;
  sessionLost.value = null;
});

describe('session', () => {
  it('is the edge’s answer to GET /console/session, or signed out on 401', async () => {
    fakeEdge({ 'GET /console/session': { body: WHO } });
    await checkSession();
    expect(session.value).toEqual(WHO);
    fakeEdge({ 'GET /console/session': { status: 401, body: { error: { code: 'signed_out', message: 'Sign in.' } } } });
    await checkSession();
    expect(session.value).toBeNull();
    // A 401 while checking is not a lost session: nothing to announce.
    expect(sessionLost.value).toBeNull();
  });

  it('signs in with the trimmed key and name, and returns the edge’s message for a refused key', async () => {
    const edge = fakeEdge({ 'POST /console/session': ({ body }) => ((body as { key: string }).key === 'sk_right' ? { status: 201, body: WHO } : { status: 401, body: { error: { code: 'unknown_key', message: 'That key is unknown or has been revoked.' } } }) });
    expect(await signIn('  sk_wrong ', 'Dana')).toBe('That key is unknown or has been revoked.');
    expect(session.value).toBeUndefined();
    expect(sessionLost.value).toBeNull();
    expect(await signIn(' sk_right\n', ' Dana ')).toBeNull();
    expect(edge.calls.map((c) => c.body)).toEqual([{ key: 'sk_wrong', name: 'Dana' }, { key: 'sk_right', name: 'Dana' }]);
    expect(session.value).toEqual(WHO);
  });

  it('goes back to sign-in with the reason when an API call finds the session gone', async () => {
    session.value = WHO;
    fakeEdge({ 'GET /v1/accounts/at-risk': { status: 401, body: { error: { code: 'session_expired', message: 'Your console session has expired.' } } } });
    await expect(api('/v1/accounts/at-risk')).rejects.toMatchObject({ status: 401, code: 'session_expired' });
    expect(sessionLost.value).toBe('Your console session has expired.');
    expect(session.value).toBeNull();
  });

  it('keeps the session on other errors, and names a network failure', async () => {
    session.value = WHO;
    fakeEdge({ 'GET /v1/tips': { status: 403, body: { error: { code: 'cross_site_request', message: 'no' } } } });
    await expect(api('/v1/tips')).rejects.toBeInstanceOf(ApiError);
    expect(session.value).toEqual(WHO);
    globalThis.fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await expect(api('/v1/tips')).rejects.toMatchObject({ status: 0, code: 'network' });
    expect(session.value).toEqual(WHO);
  });

  it('signs out even when the edge cannot be reached', async () => {
    session.value = WHO;
    const edge = fakeEdge({ 'DELETE /console/session': { status: 204 } });
    await signOut();
    expect(edge.called('DELETE', '/console/session')).toHaveLength(1);
    expect(session.value).toBeNull();
    session.value = WHO;
    globalThis.fetch = (() => Promise.reject(new TypeError('offline'))) as typeof fetch;
    await expect(signOut()).rejects.toBeInstanceOf(ApiError);
    expect(session.value).toBeNull();
  });
});
