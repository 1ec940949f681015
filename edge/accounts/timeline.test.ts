import { describe, expect, it } from 'vitest';
import type { TriggerRecord } from '../actions/types';
import type { AccountTimeline } from '../store';
import { mergeTimeline } from './timeline';

const base: AccountTimeline = { account: null, users: [], events: [], cases: [], tickets: [], ticketEvents: [] };
const ev = (id: string, type: string, at: number, event: object, screen: string | null = '/billing') => ({ id, type, at, userId: 'u1', screen, clockSkew: false, event });

describe('mergeTimeline', () => {
  it('merges events, ticket history, cases and triggers newest first, each as one readable line', () => {
    const t: AccountTimeline = {
      ...base,
      events: [
        ev('e1', 'friction', 100, { signal: { type: 'rage_click' } }),
        ev('e2', 'tip_held_out', 110, { tipId: 'vat' }),
        ev('e3', 'help_opened', 120, { props: { articleId: 'vat-ids', title: 'VAT IDs' } }),
      ],
      tickets: [{ id: 'T-1', subject: 'VAT rejected', requesterId: 'u1' } as AccountTimeline['tickets'][number]],
      ticketEvents: [
        { id: 'h1', ticketId: 'T-1', type: 'created', fromStatus: null, toStatus: null, csatScore: null, at: 130, source: 'api' },
        { id: 'h2', ticketId: 'T-1', type: 'status', fromStatus: 'open', toStatus: 'solved', csatScore: null, at: 140, source: 'api' },
        { id: 'h3', ticketId: 'T-1', type: 'csat', fromStatus: null, toStatus: null, csatScore: 'bad', at: 150, source: 'api' },
      ],
      cases: [{ id: 'c1', reference: 'FS-1001', status: 'open', userId: 'u1', accountId: 'a', screen: null, createdAt: 160, tryingTo: 'add my VAT ID' }],
    };
    const trigger = { id: 'trg_1', ruleName: 'Two unresolved', riskScore: 64, firedAt: 170 } as TriggerRecord;
    const items = mergeTimeline(t, [trigger], 50);
    expect(items.map((i) => [i.at, i.kind, i.title])).toEqual([
      [170, 'trigger', 'Rule “Two unresolved” fired (risk 64)'],
      [160, 'case', 'Case FS-1001 from the widget: add my VAT ID'],
      [150, 'csat', 'T-1 rated bad'],
      [140, 'ticket_status', 'T-1 open → solved'],
      [130, 'ticket', 'T-1 opened: VAT rejected'],
      [120, 'help', 'Opened help: VAT IDs'],
      [110, 'tip', 'Tip vat held out (holdout)'],
      [100, 'signal', 'rage_click on /billing'],
    ]);
    expect(items[4]!.userId).toBe('u1');
  });

  it('keeps the newest `limit` items and survives events without the fields it reads', () => {
    const t: AccountTimeline = { ...base, events: [ev('a', 'friction', 1, {}, null), ev('b', 'help_opened', 2, {}), ev('c', 'tip_shown', 3, {}), ev('d', 'track', 4, { name: 'export' })] };
    const items = mergeTimeline(t, [], 3);
    expect(items.map((i) => i.title)).toEqual(['Tracked export', 'Tip shown', 'Opened help: an article']);
  });
});
