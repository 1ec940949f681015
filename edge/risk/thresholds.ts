// Every number the risk engine decides with: the schema of a workspace's thresholds, the defaults (each pattern's
// live beside it, with why), a workspace's partial overrides (PUT /v1/settings), and a rule's per-pattern params.
import { z } from 'zod';
import { CONTEXT_DEFAULTS } from './context';
import { VIP_DEFAULTS } from './lib/vip';
import { ACCOUNT_VOLUME_DEFAULTS } from './patterns/accountVolume';
import { GUARDRAIL_DEFAULTS } from './patterns/guardrail';
import { IN_PRODUCT_FRICTION_DEFAULTS } from './patterns/inProductFriction';
import { LOW_CSAT_REENGAGEMENT_DEFAULTS } from './patterns/lowCsatReengagement';
import { REPEAT_CONTACT_DEFAULTS } from './patterns/repeatContact';
import { RESOLVED_STILL_CONFUSED_DEFAULTS } from './patterns/resolvedStillConfused';
import { TONE_DRIFT_DEFAULTS } from './patterns/toneDrift';
import { UNRESOLVED_STACK_DEFAULTS } from './patterns/unresolvedStack';
import { USAGE_DROP_DEFAULTS } from './patterns/usageDrop';
import { RISK_LOOKBACK_DAYS, type PatternId } from './types';

/**
 * A week: evidence older than that has had a weekly CS review to be acted on, and an account should not stay at risk
 * for a burst that is over. The same week the design uses for volume, CSAT and confusion after a solve.
 */
export const RECENT_DAYS = 7;

const HISTORY = `the engine sees ${RISK_LOOKBACK_DAYS} days of history`;

/** A whole number of `unit` (plural) within [min, max], with messages that say what to send instead. */
function whole(unit: string, min: number, max: number, why?: string) {
  const amount = (n: number) => `${n} ${n === 1 ? unit.replace(/s$/, '') : unit}`;
  return z
    .number(`must be a number of ${unit}`)
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be at least ${amount(min)}`)
    .max(max, `must be at most ${amount(max)}${why ? ` (${why})` : ''}`);
}

function between(what: string, min: number, max: number) {
  return z.number(`must be ${what}`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
}

const amount = (what: string) => z.number(`must be ${what}`).nonnegative(`must be ${what}, 0 or more`);

/** What a pattern adds to the score when it matches: 0 turns a pattern into evidence only. */
const patternPoints = () => whole('points', 0, 100, 'a score is 0–100');
/** Context raises (positive) or lowers (negative) the score of an account with at least one pattern. */
const contextPoints = () => z.number('must be a number of points').int('must be a whole number of points').min(-50, 'must be at least -50 points').max(50, 'must be at most 50 points');
const names = (what: string) => z.array(z.string().trim().min(1, `a ${what} cannot be blank`).max(100, `a ${what} is at most 100 characters`)).max(50, `at most 50 ${what}s`);

/** The sections are strict so a misspelt threshold is an error, not a silently ignored setting. */
const PATTERN_SECTIONS = {
  repeat_contact: z.object({ withinHours: whole('hours', 1, RISK_LOOKBACK_DAYS * 24, HISTORY), points: patternPoints() }).strict(),
  low_csat_reengagement: z.object({ withinDays: whole('days', 1, RISK_LOOKBACK_DAYS, HISTORY), points: patternPoints() }).strict(),
  tone_drift: z
    .object({
      interactions: whole('interactions', 2, 20),
      startAtLeast: between('a tone from -1 to 1', -1, 1),
      endAtMost: between('a tone from -1 to 1', -1, 1),
      minDrop: between('a tone difference from 0 to 2', 0, 2),
      points: patternPoints(),
    })
    .strict(),
  account_volume: z
    .object({ requesters: whole('requesters', 2, 10_000), windowDays: whole('days', 1, RISK_LOOKBACK_DAYS, HISTORY), points: patternPoints() })
    .strict(),
  unresolved_stack: z.object({ tickets: whole('tickets', 1, 10_000), windowDays: whole('days', 1, RISK_LOOKBACK_DAYS, HISTORY), points: patternPoints() }).strict(),
  usage_drop: z
    .object({
      dropPercent: between('a percentage', 1, 100),
      periodDays: whole('days', 1, Math.floor(RISK_LOOKBACK_DAYS / 2), `two periods are compared and ${HISTORY}`),
      minPriorEvents: whole('events', 0, 1_000_000_000),
      points: patternPoints(),
    })
    .strict(),
  in_product_friction: z
    .object({
      signals: whole('signals', 2, 100_000),
      windowDays: whole('days', 1, RISK_LOOKBACK_DAYS, HISTORY),
      ticketWithinHours: whole('hours', 1, RISK_LOOKBACK_DAYS * 24, HISTORY),
      points: patternPoints(),
    })
    .strict(),
  resolved_still_confused: z
    .object({ withinDays: whole('days', 1, RISK_LOOKBACK_DAYS, HISTORY), minEvents: whole('events', 1, 10_000), points: patternPoints() })
    .strict(),
  guardrail: z.object({ refundAmountAtLeast: amount('an amount'), points: patternPoints(), vipPoints: patternPoints() }).strict(),
} satisfies Record<PatternId, z.ZodObject>;

const VIP_SECTION = z.object({ tiers: names('tier'), traits: names('trait') }).strict();

const CONTEXT_SECTION = z
  .object({
    renewalWithinDays: whole('days', 1, 366),
    renewalPoints: contextPoints(),
    highArrAtLeast: amount('an ARR'),
    highValuePoints: contextPoints(),
    lowArrBelow: amount('an ARR'),
    lowValuePoints: contextPoints(),
    vipPoints: contextPoints(),
    newMemberDays: whole('days', 1, 366),
    newMemberPoints: contextPoints(),
    powerUserRoles: names('role'),
    powerUserTenureDays: whole('days', 1, 3660),
    powerUserPoints: contextPoints(),
    unresolvedWithinDays: whole('days', 1, RISK_LOOKBACK_DAYS, HISTORY),
    recentUnresolvedPoints: contextPoints(),
  })
  .strict();

const RECENT = whole('days', 1, RISK_LOOKBACK_DAYS, HISTORY);

export const riskThresholdsSchema = z.object({ recentDays: RECENT, ...PATTERN_SECTIONS, vip: VIP_SECTION, context: CONTEXT_SECTION }).strict();

/** A workspace's risk thresholds, complete: what every pattern and `assessAccount` read. */
export type RiskThresholds = z.infer<typeof riskThresholdsSchema>;

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = {
  recentDays: RECENT_DAYS,
  repeat_contact: REPEAT_CONTACT_DEFAULTS,
  low_csat_reengagement: LOW_CSAT_REENGAGEMENT_DEFAULTS,
  tone_drift: TONE_DRIFT_DEFAULTS,
  account_volume: ACCOUNT_VOLUME_DEFAULTS,
  unresolved_stack: UNRESOLVED_STACK_DEFAULTS,
  usage_drop: USAGE_DROP_DEFAULTS,
  in_product_friction: IN_PRODUCT_FRICTION_DEFAULTS,
  resolved_still_confused: RESOLVED_STILL_CONFUSED_DEFAULTS,
  guardrail: GUARDRAIL_DEFAULTS,
  vip: VIP_DEFAULTS,
  context: CONTEXT_DEFAULTS,
};

/**
 * What a workspace may send: any subset of any section. Checked after merging with the defaults too, so an override
 * cannot leave the thresholds contradicting themselves (a tone drift that ends above where it starts).
 */
export const riskThresholdsOverrideSchema = z
  .object({
    recentDays: RECENT.optional(),
    repeat_contact: PATTERN_SECTIONS.repeat_contact.partial().optional(),
    low_csat_reengagement: PATTERN_SECTIONS.low_csat_reengagement.partial().optional(),
    tone_drift: PATTERN_SECTIONS.tone_drift.partial().optional(),
    account_volume: PATTERN_SECTIONS.account_volume.partial().optional(),
    unresolved_stack: PATTERN_SECTIONS.unresolved_stack.partial().optional(),
    usage_drop: PATTERN_SECTIONS.usage_drop.partial().optional(),
    in_product_friction: PATTERN_SECTIONS.in_product_friction.partial().optional(),
    resolved_still_confused: PATTERN_SECTIONS.resolved_still_confused.partial().optional(),
    guardrail: PATTERN_SECTIONS.guardrail.partial().optional(),
    vip: VIP_SECTION.partial().optional(),
    context: CONTEXT_SECTION.partial().optional(),
  })
  .strict()
  .superRefine((overrides, ctx) => {
    const t = resolveRiskThresholds(overrides);
    if (t.tone_drift.endAtMost >= t.tone_drift.startAtLeast) {
      ctx.addIssue({
        code: 'custom',
        path: ['tone_drift', overrides.tone_drift?.endAtMost !== undefined ? 'endAtMost' : 'startAtLeast'],
        message: `endAtMost (${t.tone_drift.endAtMost}) must be below startAtLeast (${t.tone_drift.startAtLeast}): a drift ends more negative than it starts`,
      });
    }
    if (t.context.lowArrBelow > t.context.highArrAtLeast) {
      ctx.addIssue({
        code: 'custom',
        path: ['context', overrides.context?.lowArrBelow !== undefined ? 'lowArrBelow' : 'highArrAtLeast'],
        message: `lowArrBelow (${t.context.lowArrBelow}) must not be above highArrAtLeast (${t.context.highArrAtLeast}): an account cannot be both low- and high-value`,
      });
    }
  });
export type RiskThresholdsOverride = z.input<typeof riskThresholdsOverrideSchema>;

/** The workspace's thresholds: its overrides (already validated) over the defaults, section by section. */
export function resolveRiskThresholds(overrides?: RiskThresholdsOverride | null): RiskThresholds {
  const d = DEFAULT_RISK_THRESHOLDS;
  if (!overrides) return d;
  const merged = { ...d, recentDays: overrides.recentDays ?? d.recentDays } as Record<string, unknown>;
  for (const section of [...(Object.keys(PATTERN_SECTIONS) as PatternId[]), 'vip', 'context'] as const) {
    const o = overrides[section];
    if (o) merged[section] = { ...d[section], ...definedOnly(o) };
  }
  return merged as RiskThresholds;
}

/** `{ a: undefined }` in a parsed partial means "not sent", not "clear it". */
function definedOnly(o: object): object {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Scores, not thresholds: a rule asks whether a pattern holds, it does not score it. */
const NOT_PARAMS = new Set(['points', 'vipPoints']);

/** The numeric thresholds of one pattern that a rule's `pattern` condition may override for that rule alone. */
export function patternParamNames(pattern: PatternId): string[] {
  return Object.keys(PATTERN_SECTIONS[pattern].shape).filter((k) => !NOT_PARAMS.has(k));
}

/**
 * What is wrong with a rule's params for a pattern, as sentences for the rule's author (empty when nothing is):
 * an unknown name, or a value the workspace's settings would refuse too.
 */
export function patternParamIssues(pattern: PatternId, params: Record<string, number>): string[] {
  const allowed = patternParamNames(pattern);
  const issues: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (!allowed.includes(name)) {
      issues.push(`"${name}" is not a threshold of ${pattern}; it has ${allowed.join(', ')}`);
      continue;
    }
    const checked = (PATTERN_SECTIONS[pattern].shape as Record<string, z.ZodType>)[name]!.safeParse(value);
    if (!checked.success) issues.push(`${name} ${checked.error.issues[0]?.message ?? 'is not valid'}`);
  }
  return issues;
}

/** The thresholds with one pattern's section changed by a rule's params (check them with patternParamIssues first). */
export function withPatternParams(t: RiskThresholds, pattern: PatternId, params: Record<string, number>): RiskThresholds {
  return { ...t, [pattern]: { ...t[pattern], ...params } };
}
