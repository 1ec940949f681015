// Analytics: the series each chart is given (days without data as zero, the forest plot's rows with intervals).
import { beforeEach, describe, expect, it } from 'vitest';
import { prevention, overall } from '../../edge/analytics/prevention';
import { renderInto, settleUntil } from '../../widget/test/dom';
import { fakeEdge } from '../test/fakeEdge';
import { drawn } from '../test/setup';
import { AnalyticsPage, daysOf, forestRows, screensByTotal, seriesByDay } from './Analytics';

const DAY = 86_400_000;
const rows = [
  { tipId: 'vat', shownUsers: 40, shownEscalated: 4, heldOutUsers: 5, heldOutEscalated: 3 },
  { tipId: 'find', shownUsers: 10, shownEscalated: 1, heldOutUsers: 0, heldOutEscalated: 0 },
];

beforeEach(() => {
  document.body.innerHTML = '';
  drawn.length = 0;
});

describe('analytics series', () => {
  it('counts every day of the period, zero where nothing happened', () => {
    const days = daysOf(10 * DAY + 5, 13 * DAY);
    expect(days).toEqual([10 * DAY, 11 * DAY, 12 * DAY]);
    const series = seriesByDay(
      [
        { day: 10 * DAY, pattern: 'tone_drift', count: 2 },
        { day: 12 * DAY, pattern: 'tone_drift', count: 1 },
        { day: 12 * DAY, pattern: 'guardrail', count: 4 },
      ],
      'pattern',
      days,
    );
    expect(series).toEqual([
      { name: 'tone_drift', data: [2, 0, 1] },
      { name: 'guardrail', data: [0, 0, 4] },
    ]);
  });

  it('draws each arm’s rate with its Wilson interval, all tips first', () => {
    const data = { from: 0, to: 1, windowDays: 7, overall: overall(rows), tips: rows.map((r) => prevention(r)) };
    const forest = forestRows(data);
    expect(forest.map((r) => r.label)).toEqual([
      ['All tips', 'saw it (50)'],
      ['All tips', 'held out (5)'],
      ['vat', 'saw it (40)'],
      ['vat', 'held out (5)'],
      ['find', 'saw it (10)'],
      ['find', 'held out (0)'],
    ]);
    const vat = forest[2]!;
    expect(vat.rate).toBeCloseTo(0.1);
    expect(vat.low).toBeLessThan(0.1);
    expect(vat.high).toBeGreaterThan(0.1);
    expect(forest[5]).toMatchObject({ rate: null, low: 0, high: 1 });
  });

  it('ranks screens by all their signals', () => {
    const top = screensByTotal(
      [
        { screen: '/a', type: 'dead_click', count: 2, accounts: 1 },
        { screen: '/b', type: 'rage_click', count: 3, accounts: 2 },
        { screen: '/a', type: 'rage_click', count: 2, accounts: 2 },
      ],
      10,
    );
    expect(top.map(([s, v]) => [s, v.total, Object.fromEntries(v.byType)])).toEqual([
      ['/a', 4, { dead_click: 2, rage_click: 2 }],
      ['/b', 3, { rage_click: 3 }],
    ]);
  });
});

describe('AnalyticsPage', () => {
  it('draws prevention with intervals, escalations and friction from chart.js, and says what the figures mean', async () => {
    const now = Date.now();
    fakeEdge({
      'GET /v1/analytics/prevention': { body: { from: now - 30 * DAY, to: now, windowDays: 7, overall: overall(rows), tips: rows.map((r) => prevention(r)) } },
      'GET /v1/analytics/escalations': { body: { from: now - 30 * DAY, to: now, byPattern: [{ pattern: 'tone_drift', count: 3 }], byDay: [{ day: Math.floor(now / DAY) * DAY, pattern: 'tone_drift', count: 3 }] } },
      'GET /v1/analytics/friction': { body: { from: now - 30 * DAY, to: now, byScreen: [], byDay: [] } },
    });
    const el = await renderInto(<AnalyticsPage params={{}} query={new URLSearchParams()} />);
    await settleUntil(() => drawn.length === 3);
    const forest = drawn.find((d) => d.config.data.datasets[0]!.label === '95% interval')!;
    expect(forest.config.data.datasets.map((d) => d.label)).toEqual(['95% interval', 'Escalation rate']);
    expect((forest.config.data.datasets[0]!.data[0] as unknown as number[]).length).toBe(2);
    expect(el.querySelector('.stats')!.textContent).toContain('Escalated after a tip10.0%');
    expect(el.querySelector('#prevention-h')!.parentElement!.querySelector('canvas')!.getAttribute('aria-label')).toContain('10.0% after a tip, 60.0% in the holdout');
    expect(el.textContent).toContain('No friction signals in this period.');
    expect(el.querySelectorAll('details table').length).toBe(2);
  });
});
