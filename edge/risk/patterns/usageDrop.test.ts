import { describe, expect, it } from 'vitest';
import { activity, dayStart, facts, HOUR, NOW, spread } from '../test/facts';
import { DEFAULT_RISK_THRESHOLDS as T, resolveRiskThresholds } from '../thresholds';
import { usageDrop } from './usageDrop';

/** Two weeks of activity, the earlier then the later, ending yesterday. */
const weeks = (prior: number, current: number, users: number[] = Array(14).fill(5)) => facts({ activity: activity([...spread(prior), ...spread(current)], users) });

describe('usage drop', () => {
  it('down 41% week over week', () => {
    const users = [...Array(7).fill(12), ...Array(7).fill(7)];
    expect(usageDrop(weeks(1000, 590, users), T, NOW)).toEqual({
      id: 'usage_drop',
      kind: 'pattern',
      points: 20,
      sentence: "Acme's product activity fell 41% week over week (1,000 → 590 events; daily users 12 → 7).",
      evidence: {
        from: dayStart(14),
        to: dayStart(0),
        values: { priorEvents: 1000, currentEvents: 590, dropPercent: 41, priorDailyUsers: 12, currentDailyUsers: 7 },
      },
      at: dayStart(1),
    });
  });

  it.each([
    [610, false],
    [600, true],
    [590, true],
    [1200, false],
  ])('1,000 events then %i: %s', (current, matches) => {
    expect(usageDrop(weeks(1000, current), T, NOW) !== null).toBe(matches);
  });

  it.each([
    [299, false],
    [300, true],
  ])('a tiny account is not noise: %i events before, none after: %s', (prior, matches) => {
    expect(usageDrop(weeks(prior, 0), T, NOW) !== null).toBe(matches);
  });

  it('a week with no activity at all is a 100% drop', () => {
    const f = facts({ activity: activity([...spread(1000), 0, 0, 0, 0, 0, 0, 0]).filter((d) => d.events > 0) });
    expect(usageDrop(f, T, NOW)?.evidence.values).toMatchObject({ currentEvents: 0, dropPercent: 100 });
  });

  it('today is not over, so it is left out: a quiet morning is not a drop, a busy one does not hide one', () => {
    const steady = weeks(1000, 1000);
    expect(usageDrop(steady, T, NOW)).toBeNull();
    const dropped = weeks(1000, 500);
    dropped.activity.push({ day: dayStart(0), events: 5000, users: 50 });
    expect(usageDrop(dropped, T, NOW)?.evidence.values?.currentEvents).toBe(500);
  });

  it('activity older than the two weeks does not count', () => {
    const f = weeks(1000, 1000);
    f.activity.unshift({ day: dayStart(20), events: 100_000, users: 80 });
    expect(usageDrop(f, T, NOW)).toBeNull();
  });

  it('other periods: three days against the three before', () => {
    const f = facts({ activity: activity([200, 200, 200, 100, 100, 100]) });
    const t = resolveRiskThresholds({ usage_drop: { periodDays: 3 } });
    expect(usageDrop(f, t, NOW)?.sentence).toBe("Acme's product activity fell 50% over the last 3 days against the 3 before (600 → 300 events; daily users 5 → 5).");
    // Later the same day the windows stay put: whole UTC days.
    expect(usageDrop(f, t, NOW + 11 * HOUR)?.evidence.from).toBe(dayStart(6));
  });
});
