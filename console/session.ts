// Who is signed in: the session the edge confirms (GET /console/session), sign-in with the secret key, sign-out.
import { signal } from '@preact/signals-core';
import { api, ApiError, sessionLost } from './api';

export interface SessionInfo {
  workspaceId: string;
  keyPrefix: string;
  /** Who signed in, for acknowledgements; '' when they gave no name. */
  name: string;
  expiresAt: number;
}

/** undefined while the first check runs; null when signed out. */
export const session = signal<SessionInfo | null | undefined>(undefined);

/** Asks the edge whether the cookie (which script cannot read) is a live session. */
export async function checkSession(): Promise<void> {
  try {
    session.value = await api<SessionInfo>('/console/session');
    sessionLost.value = null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) session.value = null;
    else throw e;
  }
}

/** Resolves the edge's message when the key is refused, or null once signed in. */
export async function signIn(key: string, name: string): Promise<string | null> {
  try {
    session.value = await api<SessionInfo>('/console/session', { method: 'POST', body: { key: key.trim(), name: name.trim() } });
    sessionLost.value = null;
    return null;
  } catch (e) {
    if (e instanceof ApiError) return e.message;
    throw e;
  }
}

export async function signOut(): Promise<void> {
  try {
    await api('/console/session', { method: 'DELETE' });
  } finally {
    // Whatever the edge said, this tab stops acting signed in.
    session.value = null;
  }
}

/** The edge said the session is gone mid-use: back to sign-in, with its reason. */
sessionLost.subscribe((message) => {
  if (message && session.peek()) session.value = null;
});
