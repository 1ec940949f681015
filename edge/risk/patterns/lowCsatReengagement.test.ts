import { describe, expect, it } from 'vitest';
import { ago, DAY, facts, HOUR, NOW, ticket } from '../test/facts';
import { DEFAULT_RISK_THRESHOLDS as T, resolveRiskThresholds } from '../thresholds';
import { lowCsatReengagement } from './lowCsatReengagement';

const RATED = ago(9 * DAY);
const rated = (score: string, negative: boolean, at: number | null = RATED) =>
  ticket('T-1', { createdAt: ago(12 * DAY), solvedAt: ago(10 * DAY), csat: { score, negative, comment: 'Slow and unhelpful', at } });

describe('low CSAT then re-engagement', () => {
  it.each([
    [6, true],
    [7, true],
    [8, false],
  ])('another ticket %i days after a bad rating: %s', (days, matches) => {
    const f = facts({ tickets: [rated('bad', true), ticket('T-2', { createdAt: RATED + days * DAY, requesterId: 'u-2' })] });
    const r = lowCsatReengagement(f, T, NOW);
    if (!matches) return expect(r).toBeNull();
    expect(r).toEqual({
      id: 'low_csat_reengagement',
      kind: 'pattern',
      points: 30,
      sentence: `Acme rated T-1 bad on 6 Jun, then opened T-2 ${days} days later.`,
      evidence: { ticketIds: ['T-1', 'T-2'], userIds: ['u-1', 'u-2'], from: RATED, to: RATED + days * DAY, values: { days, score: 'bad', returns: 1 } },
      at: RATED + days * DAY,
    });
  });

  it('a five-point score reads as n/5', () => {
    const f = facts({ tickets: [rated('2', true, ago(3 * DAY)), ticket('T-2', { createdAt: ago(3 * DAY) + 30 * HOUR })] });
    expect(lowCsatReengagement(f, T, NOW)?.sentence).toBe('Acme rated T-1 2/5 on 12 Jun, then opened T-2 30 hours later.');
  });

  it('a good rating followed by a ticket is ordinary business', () => {
    const f = facts({ tickets: [rated('good', false), ticket('T-2', { createdAt: RATED + DAY })] });
    expect(lowCsatReengagement(f, T, NOW)).toBeNull();
  });

  it('the ticket must come after the rating, and be another ticket', () => {
    const before = facts({ tickets: [rated('bad', true), ticket('T-2', { createdAt: RATED - HOUR })] });
    expect(lowCsatReengagement(before, T, NOW)).toBeNull();
    const alone = facts({ tickets: [ticket('T-1', { createdAt: ago(3 * DAY), csat: { score: 'bad', negative: true, comment: null, at: ago(3 * DAY) } })] });
    expect(lowCsatReengagement(alone, T, NOW)).toBeNull();
  });

  it('a rating without its own time is placed by its history entry', () => {
    const t1 = ticket('T-1', {
      createdAt: ago(12 * DAY),
      solvedAt: ago(10 * DAY),
      csat: { score: 'bad', negative: true, comment: null, at: null },
      history: [
        { type: 'created', toStatus: 'new', at: ago(12 * DAY) },
        { type: 'status', toStatus: 'solved', at: ago(10 * DAY) },
        { type: 'csat', toStatus: null, at: ago(5 * DAY) },
      ],
    });
    const f = facts({ tickets: [t1, ticket('T-2', { createdAt: ago(4 * DAY) })] });
    expect(lowCsatReengagement(f, T, NOW)?.evidence.from).toBe(ago(5 * DAY));
  });

  it('old history does not count: the new ticket must be within the recency horizon', () => {
    const f = facts({ tickets: [rated('bad', true, ago(14 * DAY)), ticket('T-2', { createdAt: ago(8 * DAY) })] });
    expect(lowCsatReengagement(f, T, NOW)).toBeNull();
    expect(lowCsatReengagement(f, resolveRiskThresholds({ recentDays: 10 }), NOW)?.evidence.ticketIds).toEqual(['T-1', 'T-2']);
  });

  it('two tickets after bad ratings: the latest is told and both count', () => {
    const f = facts({
      tickets: [
        rated('bad', true),
        ticket('T-2', { createdAt: ago(6 * DAY), solvedAt: ago(5 * DAY), csat: { score: '1', negative: true, comment: null, at: ago(5 * DAY) } }),
        ticket('T-3', { createdAt: ago(2 * DAY) }),
      ],
    });
    const r = lowCsatReengagement(f, T, NOW);
    expect(r?.sentence).toBe('Acme rated T-2 1/5 on 10 Jun, then opened T-3 72 hours later. That makes 2 tickets soon after a bad rating in the last 7 days.');
    expect(r?.evidence.ticketIds).toEqual(['T-1', 'T-2', 'T-3']);
  });
});
