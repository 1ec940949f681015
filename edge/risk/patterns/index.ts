// The risk patterns by id: what assessAccount runs and what a rule's `pattern` condition re-runs with its own params.
import type { RiskThresholds } from '../thresholds';
import type { AccountFacts, PatternId, Reason } from '../types';
import { accountVolume } from './accountVolume';
import { guardrail } from './guardrail';
import { inProductFriction } from './inProductFriction';
import { lowCsatReengagement } from './lowCsatReengagement';
import { repeatContact } from './repeatContact';
import { resolvedStillConfused } from './resolvedStillConfused';
import { toneDrift } from './toneDrift';
import { unresolvedStack } from './unresolvedStack';
import { usageDrop } from './usageDrop';

/** A pattern: pure, time-injected, one reason with its evidence when it matches now. */
export type Pattern = (facts: AccountFacts, thresholds: RiskThresholds, now: number) => Reason | null;

export const PATTERNS: Record<PatternId, Pattern> = {
  repeat_contact: repeatContact,
  low_csat_reengagement: lowCsatReengagement,
  tone_drift: toneDrift,
  account_volume: accountVolume,
  unresolved_stack: unresolvedStack,
  usage_drop: usageDrop,
  in_product_friction: inProductFriction,
  resolved_still_confused: resolvedStillConfused,
  guardrail,
};
