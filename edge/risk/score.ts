// An account's escalation risk now: the patterns that match, the context that makes them more or less urgent, and
// a 0–100 score and level a CSM can check against the reasons' points.
import { contextReasons } from './context';
import { PATTERNS } from './patterns';
import type { RiskThresholds } from './thresholds';
import { CONTEXT_IDS, PATTERN_IDS, type AccountFacts, type Reason, type RiskAssessment, type RiskLevel } from './types';

/**
 * Up to 60 the score is the sum of the reasons' points, so a CSM can add them up. Above it each point counts for less
 * (the curve keeps rising with slope 1 at 60 and flattens towards 99): several reasons raise the score, but no pile of
 * them reaches 100, which stays meaning "certain" and is never claimed.
 */
export const SCORE_LINEAR_UP_TO = 60;
export const SCORE_CEILING = 99;

/**
 * Levels by score. Medium at 25: one mid-weight pattern (tone drift, volume, an unresolved stack). High at 50: a
 * guardrail alone, or two strong patterns. Critical at 75: a guardrail with another pattern, or three patterns with
 * urgent context.
 */
export const RISK_LEVEL_FROM = { medium: 25, high: 50, critical: 75 } as const;

/** The score for a sum of points: the sum itself up to SCORE_LINEAR_UP_TO, then saturating below SCORE_CEILING. */
export function scoreFromPoints(points: number): number {
  if (points <= 0) return 0;
  if (points <= SCORE_LINEAR_UP_TO) return Math.round(points);
  const room = SCORE_CEILING - SCORE_LINEAR_UP_TO;
  // Below the ceiling for every finite sum, so rounding can reach 99 but never 100.
  return Math.min(SCORE_CEILING, Math.round(SCORE_LINEAR_UP_TO + room * (1 - Math.exp(-(points - SCORE_LINEAR_UP_TO) / room))));
}

export function riskLevel(score: number): RiskLevel {
  return score >= RISK_LEVEL_FROM.critical ? 'critical' : score >= RISK_LEVEL_FROM.high ? 'high' : score >= RISK_LEVEL_FROM.medium ? 'medium' : 'low';
}

/** Most points first; ties in the fixed order of PATTERN_IDS then CONTEXT_IDS, so the same facts give the same list. */
function byWeight(order: readonly string[]) {
  return (a: Reason, b: Reason) => b.points - a.points || order.indexOf(a.id) - order.indexOf(b.id);
}

/**
 * The risk of one account at `now`, from its facts alone. Each pattern sorts what it reads once, so the work is
 * O(n log n) in the facts; nothing is shared between accounts.
 */
export function assessAccount(facts: AccountFacts, thresholds: RiskThresholds, now: number): RiskAssessment {
  const patterns = PATTERN_IDS.map((id) => PATTERNS[id](facts, thresholds, now)).filter((r): r is Reason => r !== null);
  const context = contextReasons(facts, patterns, thresholds, now);
  const points = [...patterns, ...context].reduce((sum, r) => sum + r.points, 0);
  const score = scoreFromPoints(points);
  return {
    accountId: facts.accountId,
    score,
    level: riskLevel(score),
    reasons: [...patterns.sort(byWeight(PATTERN_IDS)), ...context.sort(byWeight(CONTEXT_IDS))],
    requiresHuman: patterns.some((r) => r.id === 'guardrail'),
    evaluatedAt: now,
  };
}
