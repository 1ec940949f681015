// The sign-in form: a refused key shows the edge's reason under the field and keeps focus there.
import { beforeEach, describe, expect, it } from 'vitest';
import { click, renderInto, settle, type } from '../../widget/test/dom';
import { session } from '../session';
import { fakeEdge } from '../test/fakeEdge';
import { SignInPage } from './SignIn';

beforeEach(() => {
  document.body.innerHTML = '';
  session.value = null;
});

describe('SignInPage', () => {
  it('asks for a key before calling the edge', async () => {
    const edge = fakeEdge({});
    const el = await renderInto(<SignInPage />);
    await click(el.querySelector('button[type=submit]'));
    expect(el.querySelector('[role=alert]')!.textContent).toBe('Paste the workspace secret key (sk_…).');
    expect(edge.calls).toEqual([]);
    expect(document.activeElement).toBe(el.querySelector('#signin-key'));
  });

  it('shows why a key was refused, tied to the field', async () => {
    fakeEdge({ 'POST /console/session': { status: 403, body: { error: { code: 'secret_key_required', message: 'That is the public key (pk_…), the one web pages use.' } } } });
    const el = await renderInto(<SignInPage />);
    await type(el.querySelector('#signin-key'), 'pk_12345678901234567890123456789012');
    await click(el.querySelector('button[type=submit]'));
    await settle(10);
    const key = el.querySelector('#signin-key')!;
    expect(el.querySelector('#signin-error')!.textContent).toBe('That is the public key (pk_…), the one web pages use.');
    expect(key.getAttribute('aria-invalid')).toBe('true');
    expect(key.getAttribute('aria-describedby')).toBe('signin-error');
    expect(key.getAttribute('type')).toBe('password');
    expect(session.value).toBeNull();
  });

  it('signs in, and says why the last session ended', async () => {
    fakeEdge({ 'POST /console/session': { status: 201, body: { workspaceId: 'ws', keyPrefix: 'sk_x', name: '', expiresAt: 1 } } });
    const el = await renderInto(<SignInPage reason="Your console session has expired." />);
    expect(el.querySelector('[role=status]')!.textContent).toBe('Your console session has expired.');
    await type(el.querySelector('#signin-key'), 'sk_12345678901234567890123456789012');
    await click(el.querySelector('button[type=submit]'));
    await settle(10);
    expect(session.value).toMatchObject({ workspaceId: 'ws' });
  });
});
