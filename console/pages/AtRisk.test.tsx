// The at-risk list: rows with score, reasons and trend; filters in the URL; empty and error states.
import { beforeEach, describe, expect, it } from 'vitest';
import { click, renderInto, settle, settleUntil } from '../../widget/test/dom';
import { current, navigate } from '../router';
import { fakeEdge } from '../test/fakeEdge';
import { atRiskRow } from '../test/rows';
import { drawn } from '../test/setup';
import { AtRiskPage, readFilters } from './AtRisk';

const page = () => <AtRiskPage params={{}} query={current.value.query} />;

beforeEach(() => {
  document.body.innerHTML = '';
  drawn.length = 0;
  navigate('/', { replace: true });
});

describe('AtRiskPage', () => {
  it('lists accounts with their score, level, reasons as chips and a trend chart', async () => {
    const edge = fakeEdge({ 'GET /v1/accounts/at-risk': { body: { accounts: [atRiskRow(), atRiskRow({ accountId: 'globex', name: null, tier: null, arr: null, score: 30, level: 'medium', reasons: [], trend: [] })], total: 2 } } });
    const el = await renderInto(page());
    await settleUntil(() => el.querySelector('tbody tr'));
    expect(edge.calls[0]!.path).toBe('/v1/accounts/at-risk?minScore=1&limit=25&offset=0&trendDays=14');
    const [acme, globex] = [...el.querySelectorAll('tbody tr')];
    expect(acme!.querySelector('a')!.getAttribute('href')).toBe('/console/accounts/acme');
    expect(acme!.querySelector('.score')!.textContent).toBe('82Critical');
    expect([...acme!.querySelectorAll('.chip')].map((c) => c.textContent)).toEqual(['Unresolved stack', 'In-product friction', 'Renewal soon']);
    expect(acme!.querySelector('.chip-context')!.textContent).toBe('Renewal soon');
    expect(acme!.textContent).toContain('Acme has 2 unresolved tickets');
    await settleUntil(() => drawn.length > 0);
    expect(drawn[0]!.config.type).toBe('line');
    expect(drawn[0]!.config.data.datasets[0]!.data).toEqual([40, 60, 82]);
    expect(drawn[0]!.canvas.getAttribute('aria-label')).toBe('Score rising to 82 over 3 days (from 40)');
    // An account without CRM data shows its id; one without history has no chart.
    expect(globex!.querySelector('a')!.textContent).toBe('globex');
    expect(drawn).toHaveLength(1);
  });

  it('puts filters in the URL and asks the edge for them', async () => {
    const edge = fakeEdge({ 'GET /v1/accounts/at-risk': { body: { accounts: [], total: 0 } } });
    const el = await renderInto(page());
    await settle(5);
    const reason = el.querySelector<HTMLSelectElement>('#f-reason')!;
    reason.value = 'usage_drop';
    reason.dispatchEvent(new Event('change', { bubbles: true }));
    expect(current.value.query.get('reason')).toBe('usage_drop');
    expect(readFilters(new URLSearchParams('tier=enterprise&minScore=50&offset=25'))).toEqual({ tier: 'enterprise', owner: '', reason: '', minScore: '50', offset: 25 });
    document.body.innerHTML = '';
    const filtered = await renderInto(page());
    await settleUntil(() => filtered.querySelector('.empty'));
    expect(edge.calls.at(-1)!.path).toContain('reason=usage_drop');
    expect(filtered.querySelector('.empty')!.textContent).toContain('No account matches these filters.');
    await click(filtered.querySelector('.field-actions .btn-quiet'));
    expect(current.value.query.toString()).toBe('');
  });

  it('says when nothing is at risk, and shows the edge’s error with a retry', async () => {
    fakeEdge({ 'GET /v1/accounts/at-risk': { body: { accounts: [], total: 0 } } });
    const empty = await renderInto(page());
    await settleUntil(() => empty.querySelector('.empty'));
    expect(empty.querySelector('.empty')!.textContent).toContain('No account is at risk right now.');

    let fail = true;
    fakeEdge({ 'GET /v1/accounts/at-risk': () => (fail ? { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side; retry later.' } } } : { body: { accounts: [atRiskRow()], total: 1 } }) });
    const el = await renderInto(page());
    await settleUntil(() => el.querySelector('[role=alert]'));
    expect(el.querySelector('[role=alert]')!.textContent).toContain('Could not load at-risk accounts. Something went wrong on our side; retry later.');
    fail = false;
    await click(el.querySelector('[role=alert] button'));
    await settleUntil(() => el.querySelector('tbody tr'));
    expect(el.querySelector('[role=alert]')).toBeNull();
  });
});
