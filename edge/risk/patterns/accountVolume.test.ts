import { describe, expect, it } from 'vitest';
import { ago, DAY, facts, HOUR, NOW, ticket } from '../test/facts';
import { DEFAULT_RISK_THRESHOLDS as T, resolveRiskThresholds } from '../thresholds';
import { accountVolume } from './accountVolume';

describe('account volume', () => {
  it('three people file tickets within 7 days', () => {
    const f = facts({
      tickets: [ticket('T-1', { createdAt: ago(5 * DAY) }), ticket('T-2', { createdAt: ago(3 * DAY), requesterId: 'u-2' }), ticket('T-3', { createdAt: ago(DAY), requesterId: 'u-3' })],
    });
    expect(accountVolume(f, T, NOW)).toEqual({
      id: 'account_volume',
      kind: 'pattern',
      points: 25,
      sentence: '3 people at Acme filed 3 tickets within 7 days (T-1, T-2 and T-3), the latest on 14 Jun.',
      evidence: { ticketIds: ['T-1', 'T-2', 'T-3'], userIds: ['u-1', 'u-2', 'u-3'], from: ago(5 * DAY), to: ago(DAY), values: { requesters: 3, tickets: 3 } },
      at: ago(DAY),
    });
  });

  it('two people, however many tickets, are not the account', () => {
    const f = facts({
      tickets: [
        ticket('T-1', { createdAt: ago(5 * DAY) }),
        ticket('T-2', { createdAt: ago(4 * DAY), requesterId: 'u-2' }),
        ticket('T-3', { createdAt: ago(3 * DAY) }),
        ticket('T-4', { createdAt: ago(2 * DAY), requesterId: 'u-2' }),
      ],
    });
    expect(accountVolume(f, T, NOW)).toBeNull();
  });

  it.each([
    [6, true],
    [7, true],
    [8, false],
  ])('three people spread over %i days: %s', (days, matches) => {
    const f = facts({
      tickets: [
        ticket('T-1', { createdAt: ago((days + 1) * DAY) }),
        ticket('T-2', { createdAt: ago(3 * DAY), requesterId: 'u-2' }),
        ticket('T-3', { createdAt: ago(DAY), requesterId: 'u-3' }),
      ],
    });
    expect(accountVolume(f, T, NOW) !== null).toBe(matches);
  });

  it('requesters known only by email count, case-insensitively, once each', () => {
    const f = facts({
      tickets: [
        ticket('T-1', { createdAt: ago(3 * DAY), requesterId: null, requesterEmail: 'Ann@acme.com' }),
        ticket('T-2', { createdAt: ago(2 * DAY), requesterId: null, requesterEmail: 'ann@acme.com' }),
        ticket('T-3', { createdAt: ago(DAY), requesterId: null, requesterEmail: 'bo@acme.com' }),
        ticket('T-4', { createdAt: ago(HOUR), requesterId: null, requesterEmail: null }),
      ],
    });
    expect(accountVolume(f, T, NOW)).toBeNull();
    f.tickets.push(ticket('T-5', { createdAt: ago(HOUR), requesterId: 'u-9' }));
    expect(accountVolume(f, T, NOW)?.evidence).toMatchObject({ ticketIds: ['T-1', 'T-2', 'T-3', 'T-5'], userIds: ['u-9'], values: { requesters: 3, tickets: 4 } });
  });

  it('old history does not count: a burst that ended 8 days ago', () => {
    const f = facts({
      tickets: [ticket('T-1', { createdAt: ago(12 * DAY) }), ticket('T-2', { createdAt: ago(10 * DAY), requesterId: 'u-2' }), ticket('T-3', { createdAt: ago(8 * DAY), requesterId: 'u-3' })],
    });
    expect(accountVolume(f, T, NOW)).toBeNull();
    expect(accountVolume(f, resolveRiskThresholds({ recentDays: 8 }), NOW)).not.toBeNull();
  });

  it('the latest qualifying window is the one told', () => {
    const f = facts({
      tickets: [
        ticket('T-1', { createdAt: ago(6 * DAY) }),
        ticket('T-2', { createdAt: ago(5 * DAY), requesterId: 'u-2' }),
        ticket('T-3', { createdAt: ago(4 * DAY), requesterId: 'u-3' }),
        ticket('T-4', { createdAt: ago(HOUR), requesterId: 'u-4' }),
      ],
    });
    expect(accountVolume(f, T, NOW)?.evidence).toMatchObject({ ticketIds: ['T-1', 'T-2', 'T-3', 'T-4'], values: { requesters: 4 } });
    // Within 3 days only T-1…T-3 gather three people: T-4 is too far from them to join.
    expect(accountVolume(f, resolveRiskThresholds({ account_volume: { windowDays: 3 } }), NOW)?.evidence.ticketIds).toEqual(['T-1', 'T-2', 'T-3']);
  });
});
