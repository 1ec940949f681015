import { describe, expect, it } from 'vitest';
import { ago, DAY, facts, HOUR, NOW, ticket } from '../test/facts';
import { DEFAULT_RISK_THRESHOLDS as T, resolveRiskThresholds } from '../thresholds';
import { unresolvedStack } from './unresolvedStack';

describe('unresolved stack', () => {
  it('two tickets unresolved now, opened in the last 5 days', () => {
    const f = facts({ tickets: [ticket('T-1', { createdAt: ago(4 * DAY) }), ticket('T-2', { createdAt: ago(HOUR), status: 'pending', requesterId: 'u-2' })] });
    expect(unresolvedStack(f, T, NOW)).toEqual({
      id: 'unresolved_stack',
      kind: 'pattern',
      points: 25,
      sentence: 'Acme has 2 unresolved tickets opened in the last 5 days (T-1 and T-2).',
      evidence: { ticketIds: ['T-1', 'T-2'], userIds: ['u-1', 'u-2'], from: ago(4 * DAY), to: ago(HOUR), values: { unresolved: 2, windowDays: 5 } },
      at: ago(HOUR),
    });
  });

  it('one is normal work', () => {
    expect(unresolvedStack(facts({ tickets: [ticket('T-1', { createdAt: ago(DAY) })] }), T, NOW)).toBeNull();
  });

  it.each([
    [4, true],
    [5, true],
    [6, false],
  ])('the older ticket opened %i days ago: %s', (days, matches) => {
    const f = facts({ tickets: [ticket('T-1', { createdAt: ago(days * DAY) }), ticket('T-2', { createdAt: ago(DAY) })] });
    expect(unresolvedStack(f, T, NOW) !== null).toBe(matches);
  });

  it.each(['new', 'open', 'pending', 'on-hold'] as const)('%s is unresolved', (status) => {
    const f = facts({ tickets: [ticket('T-1', { createdAt: ago(2 * DAY), status }), ticket('T-2', { createdAt: ago(DAY) })] });
    expect(unresolvedStack(f, T, NOW)).not.toBeNull();
  });

  it.each(['solved', 'closed'] as const)('%s is not', (status) => {
    const f = facts({ tickets: [ticket('T-1', { createdAt: ago(2 * DAY), status }), ticket('T-2', { createdAt: ago(DAY) })] });
    expect(unresolvedStack(f, T, NOW)).toBeNull();
  });

  it('the workspace can ask for three', () => {
    const f = facts({ tickets: [ticket('T-1', { createdAt: ago(2 * DAY) }), ticket('T-2', { createdAt: ago(DAY) })] });
    expect(unresolvedStack(f, resolveRiskThresholds({ unresolved_stack: { tickets: 3 } }), NOW)).toBeNull();
  });
});
