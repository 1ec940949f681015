import { describe, expect, it } from 'vitest';
import { overall, prevention, wilson } from './prevention';

const close = (a: number, b: number, digits = 3) => expect(a).toBeCloseTo(b, digits);

describe('wilson', () => {
  it('matches the published interval for 81 of 263 (Newcombe 1998, table I)', () => {
    // Newcombe's example 81/263: Wilson 0.2553 to 0.3662.
    const r = wilson(81, 263);
    close(r.rate!, 0.308);
    close(r.low, 0.2553);
    close(r.high, 0.3662);
  });

  it('stays inside [0, 1] at 0 of n and n of n, and is wide for small n', () => {
    const none = wilson(0, 10);
    expect(none.low).toBe(0);
    close(none.high, 0.2775);
    const all = wilson(10, 10);
    close(all.low, 0.7225);
    close(all.high, 1, 9);
  });

  it('has no rate and the widest interval with no users', () => {
    expect(wilson(0, 0)).toEqual({ users: 0, escalated: 0, rate: null, low: 0, high: 1 });
  });
});

describe('prevention', () => {
  it('matches Newcombe method 10 for 56/70 vs 48/80 (table II: 0.0524 to 0.3339)', () => {
    // As held out (56/70) minus shown (48/80): difference 0.2, interval 0.0524 to 0.3339.
    const p = prevention({ tipId: 't', heldOutEscalated: 56, heldOutUsers: 70, shownEscalated: 48, shownUsers: 80 });
    close(p.reduction!.value, 0.2);
    close(p.reduction!.low, 0.0524);
    close(p.reduction!.high, 0.3339);
    expect(p.significant).toBe(true);
    close(p.prevented!.value, 16, 1);
  });

  it('is not significant when the interval spans zero, and says nothing without a holdout', () => {
    const small = prevention({ tipId: 't', heldOutEscalated: 2, heldOutUsers: 10, shownEscalated: 10, shownUsers: 90 });
    expect(small.reduction!.value).toBeCloseTo(0.2 - 10 / 90);
    expect(small.reduction!.low).toBeLessThan(0);
    expect(small.significant).toBe(false);
    const noHoldout = prevention({ tipId: 't', heldOutEscalated: 0, heldOutUsers: 0, shownEscalated: 3, shownUsers: 40 });
    expect(noHoldout.reduction).toBeNull();
    expect(noHoldout.prevented).toBeNull();
    expect(noHoldout.significant).toBe(false);
  });

  it('shows a tip that makes things worse as a negative reduction', () => {
    const worse = prevention({ tipId: 't', heldOutEscalated: 5, heldOutUsers: 100, shownEscalated: 300, shownUsers: 900 });
    expect(worse.reduction!.value).toBeLessThan(0);
    expect(worse.reduction!.high).toBeLessThan(0);
    expect(worse.significant).toBe(true);
  });

  it('overall sums the counts of every tip', () => {
    const o = overall([
      { tipId: 'a', heldOutEscalated: 3, heldOutUsers: 10, shownEscalated: 9, shownUsers: 90 },
      { tipId: 'b', heldOutEscalated: 1, heldOutUsers: 10, shownEscalated: 3, shownUsers: 90 },
    ]);
    expect(o.tipId).toBe('*');
    expect(o.heldOut).toMatchObject({ users: 20, escalated: 4 });
    expect(o.shown).toMatchObject({ users: 180, escalated: 12 });
  });
});
