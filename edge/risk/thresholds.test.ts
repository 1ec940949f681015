import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RISK_THRESHOLDS,
  patternParamIssues,
  patternParamNames,
  resolveRiskThresholds,
  riskThresholdsOverrideSchema,
  riskThresholdsSchema,
  withPatternParams,
} from './thresholds';
import { PATTERN_IDS } from './types';

const issues = (input: unknown) => riskThresholdsOverrideSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('risk thresholds', () => {
  it('the defaults are complete and valid, with a section for every pattern', () => {
    expect(riskThresholdsSchema.parse(DEFAULT_RISK_THRESHOLDS)).toEqual(DEFAULT_RISK_THRESHOLDS);
    for (const id of PATTERN_IDS) expect(DEFAULT_RISK_THRESHOLDS[id].points).toBeGreaterThanOrEqual(0);
  });

  it('the design numbers', () => {
    const d = DEFAULT_RISK_THRESHOLDS;
    expect([d.repeat_contact.withinHours, d.low_csat_reengagement.withinDays, d.tone_drift.interactions]).toEqual([72, 7, 3]);
    expect([d.account_volume.requesters, d.account_volume.windowDays, d.unresolved_stack.tickets, d.unresolved_stack.windowDays]).toEqual([3, 7, 2, 5]);
    expect([d.usage_drop.dropPercent, d.resolved_still_confused.withinDays, d.context.unresolvedWithinDays]).toEqual([40, 7, 10]);
  });

  describe('a workspace override', () => {
    it('changes what it names and keeps every other default', () => {
      const overrides = riskThresholdsOverrideSchema.parse({ recentDays: 10, repeat_contact: { withinHours: 48 }, vip: { tiers: ['gold'] }, context: { renewalPoints: 20 } });
      const t = resolveRiskThresholds(overrides);
      expect(t).toEqual({
        ...DEFAULT_RISK_THRESHOLDS,
        recentDays: 10,
        repeat_contact: { ...DEFAULT_RISK_THRESHOLDS.repeat_contact, withinHours: 48 },
        vip: { ...DEFAULT_RISK_THRESHOLDS.vip, tiers: ['gold'] },
        context: { ...DEFAULT_RISK_THRESHOLDS.context, renewalPoints: 20 },
      });
      expect(DEFAULT_RISK_THRESHOLDS.repeat_contact.withinHours).toBe(72);
    });

    it('none, null or empty: the defaults', () => {
      expect(resolveRiskThresholds()).toEqual(DEFAULT_RISK_THRESHOLDS);
      expect(resolveRiskThresholds(null)).toEqual(DEFAULT_RISK_THRESHOLDS);
      expect(resolveRiskThresholds(riskThresholdsOverrideSchema.parse({}))).toEqual(DEFAULT_RISK_THRESHOLDS);
    });

    it.each([
      [{ repeat_contact: { withinHour: 48 } }, ['repeat_contact: Unrecognized key: "withinHour"']],
      [{ reapeat_contact: {} }, [': Unrecognized key: "reapeat_contact"']],
      [{ recentDays: 0 }, ['recentDays: must be at least 1 day']],
      [{ recentDays: 31 }, ['recentDays: must be at most 30 days (the engine sees 30 days of history)']],
      [{ repeat_contact: { withinHours: 72.5 } }, ['repeat_contact.withinHours: must be a whole number of hours']],
      [{ account_volume: { requesters: '3' } }, ['account_volume.requesters: must be a number of requesters']],
      [{ usage_drop: { periodDays: 16 } }, ['usage_drop.periodDays: must be at most 15 days (two periods are compared and the engine sees 30 days of history)']],
      [{ usage_drop: { dropPercent: 140 } }, ['usage_drop.dropPercent: must be at most 100']],
      [{ guardrail: { refundAmountAtLeast: -1 } }, ['guardrail.refundAmountAtLeast: must be an amount, 0 or more']],
      [{ guardrail: { points: 120 } }, ['guardrail.points: must be at most 100 points (a score is 0–100)']],
      [{ context: { newMemberPoints: -80 } }, ['context.newMemberPoints: must be at least -50 points']],
      [{ vip: { tiers: [' '] } }, ['vip.tiers.0: a tier cannot be blank']],
      [{ tone_drift: { endAtMost: 0 } }, ['tone_drift.endAtMost: endAtMost (0) must be below startAtLeast (-0.2): a drift ends more negative than it starts']],
      [{ tone_drift: { startAtLeast: -0.5 } }, ['tone_drift.startAtLeast: endAtMost (-0.4) must be below startAtLeast (-0.5): a drift ends more negative than it starts']],
      [
        { context: { lowArrBelow: 200_000 } },
        ['context.lowArrBelow: lowArrBelow (200000) must not be above highArrAtLeast (100000): an account cannot be both low- and high-value'],
      ],
    ])('refuses %j with a message that says what to fix', (input, expected) => {
      expect(issues(input)).toEqual(expected);
    });
  });

  describe("a rule's pattern params", () => {
    it('are the pattern’s own thresholds, never its points', () => {
      expect(patternParamNames('repeat_contact')).toEqual(['withinHours']);
      expect(patternParamNames('guardrail')).toEqual(['refundAmountAtLeast']);
      expect(patternParamNames('tone_drift')).toEqual(['interactions', 'startAtLeast', 'endAtMost', 'minDrop']);
    });

    it.each([
      ['repeat_contact', { withinHours: 96 }, []],
      ['repeat_contact', { withinDays: 4 }, ['"withinDays" is not a threshold of repeat_contact; it has withinHours']],
      ['unresolved_stack', { points: 90 }, ['"points" is not a threshold of unresolved_stack; it has tickets, windowDays']],
      ['unresolved_stack', { windowDays: 45 }, ['windowDays must be at most 30 days (the engine sees 30 days of history)']],
      ['usage_drop', { dropPercent: 0.5, minPriorEvents: 10.5 }, ['dropPercent must be at least 1', 'minPriorEvents must be a whole number of events']],
    ] as const)('%s %j', (pattern, params, expected) => {
      expect(patternParamIssues(pattern, params)).toEqual(expected);
    });

    it('override one pattern for one rule and leave the workspace’s thresholds alone', () => {
      const t = withPatternParams(DEFAULT_RISK_THRESHOLDS, 'unresolved_stack', { tickets: 3 });
      expect(t.unresolved_stack).toEqual({ tickets: 3, windowDays: 5, points: 25 });
      expect(DEFAULT_RISK_THRESHOLDS.unresolved_stack.tickets).toBe(2);
    });
  });
});
