// The triggers inbox: delivery state, acknowledge, retry a dead delivery, and the summary rendered as text only.
import { beforeEach, describe, expect, it } from 'vitest';
import { click, renderInto, settleUntil } from '../../widget/test/dom';
import { session } from '../session';
import { fakeEdge } from '../test/fakeEdge';
import { NOW, triggerDetail, triggerRecord } from '../test/rows';
import { TriggersPage, withoutHeadline } from './Triggers';

beforeEach(() => {
  document.body.innerHTML = '';
  session.value = { workspaceId: 'ws', keyPrefix: 'sk_x', name: 'Tom Okafor', expiresAt: NOW };
});

const render = (id?: string, q = '') => renderInto(<TriggersPage params={id ? { id } : {}} query={new URLSearchParams(q)} />);

describe('TriggersPage', () => {
  it('lists unacknowledged triggers by default, with their delivery state', async () => {
    const edge = fakeEdge({ 'GET /v1/triggers': { body: { triggers: [triggerRecord(), triggerRecord({ id: 'trg_2', ruleName: 'Legal threats', delivery: 'delivered' })], next: NOW - 1 } } });
    const el = await render();
    await settleUntil(() => el.querySelector('.trigger-list'));
    expect(edge.calls[0]!.path).toBe('/v1/triggers?acked=false&limit=50');
    expect([...el.querySelectorAll('.trigger-item .badge')].map((b) => b.textContent)).toEqual(['Gave up', 'Delivered']);
    expect(el.querySelector('.trigger-item')!.getAttribute('href')).toBe('/console/triggers/trg_1');
  });

  it('acknowledges with the signed-in name and retries dead deliveries', async () => {
    let detail = triggerDetail();
    const edge = fakeEdge({
      'GET /v1/triggers/trg_1': () => ({ body: detail }),
      'GET /v1/triggers': { body: { triggers: [triggerRecord()], next: null } },
      'POST /v1/triggers/trg_1/ack': ({ body }) => ({ body: triggerRecord({ ackedAt: NOW, ackedBy: (body as { by: string }).by }) }),
      'POST /v1/triggers/trg_1/retry': () => {
        detail = triggerDetail({ delivery: 'pending', deliveries: detail.deliveries.map((d) => ({ ...d, state: d.state === 'dead' ? 'pending' : d.state })) });
        return { body: { retried: 1 } };
      },
    });
    const el = await render('trg_1');
    await settleUntil(() => el.querySelector('.trigger-detail'));
    const rows = [...el.querySelectorAll('.trigger-detail tbody tr')];
    expect(rows.map((r) => r.querySelector('.badge')!.textContent)).toEqual(['Gave up', 'Delivered']);
    expect(rows[0]!.textContent).toContain('Slack answered 500');

    await click([...el.querySelectorAll('.trigger-detail button')].find((b) => b.textContent === 'Acknowledge'));
    await settleUntil(() => el.querySelector('.badge-ok'));
    expect(edge.called('POST', '/v1/triggers/trg_1/ack')[0]!.body).toEqual({ by: 'Tom Okafor' });
    expect(el.querySelector('.badge-ok')!.textContent).toContain('Acknowledged by Tom Okafor');

    await click([...el.querySelectorAll('.trigger-detail button')].find((b) => b.textContent === 'Retry failed deliveries'));
    await settleUntil(() => el.querySelector('.note.ok')?.textContent === '1 delivery queued again.');
    await settleUntil(() => ![...el.querySelectorAll('.trigger-detail button')].some((b) => b.textContent === 'Retry failed deliveries'));
  });

  it('renders the handoff summary from markdown as text: no element or link from untrusted text', async () => {
    fakeEdge({ 'GET /v1/triggers/trg_1': { body: triggerDetail() }, 'GET /v1/triggers': { body: { triggers: [], next: null } } });
    const el = await render('trg_1');
    await settleUntil(() => el.querySelector('.md'));
    const md = el.querySelector('.md')!;
    expect(md.querySelector('img, script')).toBeNull();
    expect(md.textContent).toContain('<img src=x onerror=alert(1)>');
    expect([...md.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([new URL('/console/accounts/acme', location.href).href]);
    expect(md.textContent).toContain('run');
    expect(md.querySelector('h4')!.textContent).toBe('What happened');
    // The headline is shown once, above the markdown.
    expect(md.textContent).not.toContain('2 unresolved tickets in 5 days.');
    expect(withoutHeadline('# Title\n\nbody', 'Title')).toBe('body');
    expect(withoutHeadline('Other\nbody', 'Title')).toBe('Other\nbody');
    expect(withoutHeadline('**Acme \\(vip\\): tier is "vip"\\!**\n\nbody', 'Acme (vip): tier is "vip"!')).toBe('body');
  });

  it('says when nothing waits', async () => {
    fakeEdge({ 'GET /v1/triggers': { body: { triggers: [], next: null } } });
    const el = await render();
    await settleUntil(() => el.querySelector('.empty'));
    expect(el.querySelector('.empty')!.textContent).toContain('Nothing waiting');
  });
});

describe('SummaryMarkdown', () => {
  it('quotes the customer’s words and keeps them text', async () => {
    const { SummaryMarkdown } = await import('../components/Markdown');
    const el = await renderInto(<SummaryMarkdown source={'### What the customer wants\n> Could the invoice show **our** discount?\n> <b>Thanks</b>\n— customer on 8408'} />);
    expect(el.querySelector('h4')!.textContent).toBe('What the customer wants');
    const quote = el.querySelector('blockquote')!;
    expect(quote.textContent).toBe('Could the invoice show our discount?\n<b>Thanks</b>');
    expect(quote.querySelector('strong')!.textContent).toBe('our');
    expect(quote.querySelector('b')).toBeNull();
    expect(el.querySelector('blockquote + p')!.textContent).toBe('— customer on 8408');
  });
});
