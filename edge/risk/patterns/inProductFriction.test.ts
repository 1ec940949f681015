import { describe, expect, it } from 'vitest';
import { ago, DAY, facts, HOUR, NOW, signal, ticket } from '../test/facts';
import { DEFAULT_RISK_THRESHOLDS as T, resolveRiskThresholds } from '../thresholds';
import { inProductFriction } from './inProductFriction';

describe('in-product friction', () => {
  describe('repeated signals', () => {
    it('three signals from the account in 7 days', () => {
      const f = facts({
        signals: [signal('s1', ago(5 * DAY)), signal('s2', ago(3 * DAY), { type: 'dead_click', userId: 'u-2', screen: '/export' }), signal('s3', ago(DAY))],
      });
      expect(inProductFriction(f, T, NOW)).toEqual({
        id: 'in_product_friction',
        kind: 'pattern',
        points: 15,
        sentence: "Acme's users hit 3 friction signals within 7 days (rage click ×2, dead click ×1), the latest on 14 Jun.",
        evidence: { signalIds: ['s1', 's2', 's3'], userIds: ['u-1', 'u-2'], from: ago(5 * DAY), to: ago(DAY), values: { signals: 3 } },
        at: ago(DAY),
      });
    });

    it('two are a bad moment', () => {
      expect(inProductFriction(facts({ signals: [signal('s1', ago(2 * DAY)), signal('s2', ago(DAY))] }), T, NOW)).toBeNull();
    });

    it.each([
      [6, true],
      [7, true],
      [8, false],
    ])('three signals spread over %i days: %s', (days, matches) => {
      const f = facts({ signals: [signal('s1', ago((days + 1) * DAY)), signal('s2', ago(3 * DAY)), signal('s3', ago(DAY))] });
      expect(inProductFriction(f, T, NOW) !== null).toBe(matches);
    });

    it('old history does not count: three signals that ended 8 days ago', () => {
      const f = facts({ signals: [signal('s1', ago(10 * DAY)), signal('s2', ago(9 * DAY)), signal('s3', ago(8 * DAY))] });
      expect(inProductFriction(f, T, NOW)).toBeNull();
      expect(inProductFriction(f, resolveRiskThresholds({ recentDays: 8 }), NOW)).not.toBeNull();
    });

    it('signals from the future (a skewed clock) are not counted yet', () => {
      const f = facts({ signals: [signal('s1', ago(2 * DAY)), signal('s2', ago(DAY)), signal('s3', NOW + HOUR)] });
      expect(inProductFriction(f, T, NOW)).toBeNull();
    });
  });

  describe('friction then a ticket', () => {
    it.each([
      [23, true],
      [24, true],
      [25, false],
    ])('the same user files a ticket %i hours after the friction: %s', (gap, matches) => {
      const f = facts({
        signals: [signal('s1', ago(3 * DAY), { type: 'dead_click', screen: '/export' })],
        tickets: [ticket('T-1', { createdAt: ago(3 * DAY) + gap * HOUR })],
      });
      const r = inProductFriction(f, T, NOW);
      if (!matches) return expect(r).toBeNull();
      expect(r).toEqual({
        id: 'in_product_friction',
        kind: 'pattern',
        points: 15,
        sentence: `u-1 filed T-1 ${gap} hours after a dead click on /export.`,
        evidence: { signalIds: ['s1'], ticketIds: ['T-1'], userIds: ['u-1'], from: ago(3 * DAY), to: ago(3 * DAY) + gap * HOUR, values: { hoursToTicket: gap } },
        at: ago(3 * DAY) + gap * HOUR,
      });
    });

    it("a colleague's friction counts for the account, and says so", () => {
      const f = facts({ signals: [signal('s1', ago(2 * DAY) - 2 * HOUR, { type: 'error_loop', userId: 'u-7', screen: null })], tickets: [ticket('T-1', { createdAt: ago(2 * DAY) })] });
      const r = inProductFriction(f, T, NOW);
      expect(r?.sentence).toBe('T-1 was filed 2 hours after an error loop by someone at Acme.');
      expect(r?.evidence.userIds).toEqual(['u-7', 'u-1']);
    });

    it("the requester's own friction is told over a colleague's more recent one", () => {
      const f = facts({
        signals: [signal('s1', ago(2 * DAY) - 5 * HOUR, { type: 'form_struggle', screen: '/signup' }), signal('s2', ago(2 * DAY) - HOUR, { userId: 'u-7' })],
        tickets: [ticket('T-1', { createdAt: ago(2 * DAY) })],
      });
      expect(inProductFriction(f, T, NOW)?.sentence).toBe('u-1 filed T-1 5 hours after a form struggle on /signup.');
    });

    it('a ticket before the friction is not one it caused', () => {
      const f = facts({ signals: [signal('s1', ago(DAY))], tickets: [ticket('T-1', { createdAt: ago(DAY) - HOUR })] });
      expect(inProductFriction(f, T, NOW)).toBeNull();
    });

    it('old history does not count: the ticket must be recent', () => {
      const f = facts({ signals: [signal('s1', ago(9 * DAY))], tickets: [ticket('T-1', { createdAt: ago(9 * DAY) + HOUR })] });
      expect(inProductFriction(f, T, NOW)).toBeNull();
    });

    it('the workspace can widen the window to 48 hours', () => {
      const f = facts({ signals: [signal('s1', ago(4 * DAY))], tickets: [ticket('T-1', { createdAt: ago(4 * DAY) + 30 * HOUR })] });
      expect(inProductFriction(f, resolveRiskThresholds({ in_product_friction: { ticketWithinHours: 48 } }), NOW)).not.toBeNull();
    });
  });

  it('both at once: one reason, both told', () => {
    const f = facts({
      signals: [signal('s1', ago(3 * DAY)), signal('s2', ago(2 * DAY)), signal('s3', ago(DAY), { screen: null })],
      tickets: [ticket('T-1', { createdAt: ago(DAY) + 3 * HOUR })],
    });
    const r = inProductFriction(f, T, NOW);
    expect(r?.sentence).toBe("Acme's users hit 3 friction signals within 7 days (rage click ×3), the latest on 14 Jun; and u-1 filed T-1 3 hours after rage clicks.");
    expect(r?.evidence).toMatchObject({ signalIds: ['s1', 's2', 's3'], ticketIds: ['T-1'], from: ago(3 * DAY), to: ago(DAY) + 3 * HOUR });
  });
});
