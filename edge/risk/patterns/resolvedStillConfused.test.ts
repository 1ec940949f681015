import { describe, expect, it } from 'vitest';
import { ago, DAY, facts, helpOpen, HOUR, NOW, signal, ticket } from '../test/facts';
import { DEFAULT_RISK_THRESHOLDS as T, resolveRiskThresholds } from '../thresholds';
import { resolvedStillConfused } from './resolvedStillConfused';

const SOLVED = ago(9 * DAY);
const solved = (p: Parameters<typeof ticket>[1] = { createdAt: ago(10 * DAY) }) => ticket('T-1', { solvedAt: SOLVED, ...p });

describe('resolved but still confused', () => {
  it('the requester opens two help articles within days of the solve', () => {
    const f = facts({ tickets: [solved()], helpOpens: [helpOpen('h1', SOLVED + 3 * DAY), helpOpen('h2', SOLVED + 4 * DAY, { articleId: 'a-csv' })] });
    expect(resolvedStillConfused(f, T, NOW)).toEqual({
      id: 'resolved_still_confused',
      kind: 'pattern',
      points: 20,
      sentence: 'u-1 opened 2 help articles within 4 days after T-1 was solved on 6 Jun.',
      evidence: { ticketIds: ['T-1'], userIds: ['u-1'], helpOpenIds: ['h1', 'h2'], from: SOLVED, to: SOLVED + 4 * DAY, values: { helpOpens: 2, signals: 0, days: 4 } },
      at: SOLVED + 4 * DAY,
    });
  });

  it('one article after a solve is following the agent’s link', () => {
    expect(resolvedStillConfused(facts({ tickets: [solved()], helpOpens: [helpOpen('h1', SOLVED + DAY)] }), T, NOW)).toBeNull();
  });

  it.each([
    [6, true],
    [7, true],
    [8, false],
  ])('the second event %i days after the solve: %s', (days, matches) => {
    const f = facts({ tickets: [solved()], helpOpens: [helpOpen('h1', SOLVED + 2 * DAY)], signals: [signal('s1', SOLVED + days * DAY)] });
    expect(resolvedStillConfused(f, T, NOW) !== null).toBe(matches);
  });

  it('help and friction together', () => {
    const f = facts({ tickets: [solved()], helpOpens: [helpOpen('h1', SOLVED + 2 * DAY)], signals: [signal('s1', SOLVED + 5 * DAY, { type: 'help_seeking' })] });
    const r = resolvedStillConfused(f, T, NOW);
    expect(r?.sentence).toBe('u-1 opened 1 help article and hit 1 friction signal within 5 days after T-1 was solved on 6 Jun.');
    expect(r?.evidence).toMatchObject({ signalIds: ['s1'], helpOpenIds: ['h1'] });
  });

  it('only the requester counts: a colleague reading help says nothing about this ticket', () => {
    const f = facts({ tickets: [solved()], helpOpens: [helpOpen('h1', SOLVED + DAY, { userId: 'u-2' }), helpOpen('h2', SOLVED + 2 * DAY, { userId: 'u-2' })] });
    expect(resolvedStillConfused(f, T, NOW)).toBeNull();
    expect(resolvedStillConfused({ ...f, tickets: [solved({ createdAt: ago(10 * DAY), requesterId: null, requesterEmail: 'ann@acme.com' })] }, T, NOW)).toBeNull();
  });

  it('reading before the solve is the original problem, not a renewed one', () => {
    const f = facts({ tickets: [solved()], helpOpens: [helpOpen('h1', SOLVED - HOUR), helpOpen('h2', SOLVED), helpOpen('h3', SOLVED + DAY)] });
    expect(resolvedStillConfused(f, T, NOW)).toBeNull();
  });

  it('an unsolved ticket has nothing to be confused after', () => {
    const f = facts({ tickets: [ticket('T-1', { createdAt: ago(5 * DAY) })], helpOpens: [helpOpen('h1', ago(3 * DAY)), helpOpen('h2', ago(2 * DAY))] });
    expect(resolvedStillConfused(f, T, NOW)).toBeNull();
  });

  it('old history does not count: the last event must be recent', () => {
    const f = facts({ tickets: [solved()], helpOpens: [helpOpen('h1', SOLVED + HOUR), helpOpen('h2', SOLVED + DAY)] });
    expect(resolvedStillConfused(f, T, NOW)).toBeNull();
    expect(resolvedStillConfused(f, resolveRiskThresholds({ recentDays: 8 }), NOW)).not.toBeNull();
  });
});
