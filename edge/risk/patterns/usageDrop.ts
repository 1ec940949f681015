// Usage drop: the account using the product much less than the week before, the quiet way customers leave.
import { formatNumber } from '../lib/prose';
import { DAY_MS } from '../lib/time';
import { accountName } from '../lib/tickets';
import type { RiskThresholds } from '../thresholds';
import type { AccountFacts, Reason } from '../types';

export const USAGE_DROP_DEFAULTS: RiskThresholds['usage_drop'] = {
  /** The design's 40%: ordinary week-to-week swings (a short week, a holiday for part of the team) stay within about a third. */
  dropPercent: 40,
  /** Week over week, as the design says: whole weeks, so weekdays are compared with weekdays. */
  periodDays: 7,
  /**
   * At least 300 events in the earlier week, about one person's light week of use: below it a single user's
   * day off reads as a collapse.
   */
  minPriorEvents: 300,
  /** A leading sign without a complaint: weaker than ticket patterns, but the one that catches silent churn. */
  points: 20,
};

/**
 * Events in the last `periodDays` complete UTC days against the `periodDays` before them. Today is left out: it is
 * not over, and comparing a morning with a whole day would read as a drop every morning.
 */
export function usageDrop(facts: AccountFacts, t: RiskThresholds, now: number): Reason | null {
  const p = t.usage_drop;
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const currentFrom = today - p.periodDays * DAY_MS;
  const priorFrom = currentFrom - p.periodDays * DAY_MS;
  let prior = 0;
  let current = 0;
  let priorUsers = 0;
  let currentUsers = 0;
  for (const d of facts.activity) {
    if (d.day >= priorFrom && d.day < currentFrom) {
      prior += d.events;
      priorUsers += d.users;
    } else if (d.day >= currentFrom && d.day < today) {
      current += d.events;
      currentUsers += d.users;
    }
  }
  if (prior < p.minPriorEvents || prior === 0) return null;
  const drop = ((prior - current) / prior) * 100;
  if (drop < p.dropPercent) return null;

  const percent = Math.round(drop * 10) / 10;
  const daily = (users: number) => Math.round((users / p.periodDays) * 10) / 10;
  return {
    id: 'usage_drop',
    kind: 'pattern',
    points: p.points,
    sentence:
      `${accountName(facts)}'s product activity fell ${Math.round(drop)}% ${p.periodDays === 7 ? 'week over week' : `over the last ${p.periodDays} days against the ${p.periodDays} before`} ` +
      `(${formatNumber(prior)} → ${formatNumber(current)} events; daily users ${formatNumber(daily(priorUsers))} → ${formatNumber(daily(currentUsers))}).`,
    evidence: {
      from: priorFrom,
      to: today,
      values: { priorEvents: prior, currentEvents: current, dropPercent: percent, priorDailyUsers: daily(priorUsers), currentDailyUsers: daily(currentUsers) },
    },
    at: today - DAY_MS,
  };
}
