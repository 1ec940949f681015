// The local inbox polls, and marks and announces outreach that arrives while it is open.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboxItem } from '../../edge/actions/types';
import { renderInto, settle, settleUntil } from '../../widget/test/dom';
import { fakeEdge } from '../test/fakeEdge';
import { NOW } from '../test/rows';
import { INBOX_POLL_MS, InboxPage } from './Inbox';

const item = (id: string, title: string): InboxItem => ({ id, workspaceId: 'ws', destinationId: 'dst', triggerId: `trg_${id}`, title, markdown: '**Acme**: 2 unresolved tickets.\n\n### What happened\n- T-1041 opened', at: NOW });

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => vi.useRealTimers());

describe('InboxPage', () => {
  it('shows outreach as it arrives', async () => {
    const items = [item('a', 'Two unresolved: Acme')];
    const edge = fakeEdge({ 'GET /v1/inbox': () => ({ body: { items: [...items] } }) });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const el = await renderInto(<InboxPage params={{}} query={new URLSearchParams()} />);
    await settleUntil(() => el.querySelector('.message'));
    expect(el.querySelector('.message h2')!.textContent).toContain('Two unresolved: Acme');
    expect(el.querySelector('.message h3')!.textContent).toBe('What happened');
    expect(el.querySelector('.message a')!.getAttribute('href')).toBe('/console/triggers/trg_a');
    expect(el.querySelector('.badge-new')).toBeNull();

    items.unshift(item('b', 'Legal threat: Northwind'));
    vi.advanceTimersByTime(INBOX_POLL_MS);
    await settleUntil(() => el.querySelectorAll('.message').length === 2);
    await settle(5);
    const first = el.querySelector('.message')!;
    expect(first.classList.contains('is-new')).toBe(true);
    expect(first.querySelector('.badge-new')!.textContent).toBe('New');
    expect(el.querySelector('[aria-live=polite].sr-only')!.textContent).toBe('1 new message in the local inbox.');
    expect(edge.called('GET', '/v1/inbox')).toHaveLength(2);
  });

  it('explains an empty inbox', async () => {
    fakeEdge({ 'GET /v1/inbox': { body: { items: [] } } });
    const el = await renderInto(<InboxPage params={{}} query={new URLSearchParams()} />);
    await settleUntil(() => el.querySelector('.empty'));
    expect(el.querySelector('.empty')!.textContent).toContain('No outreach yet.');
  });
});
