// Time units the risk engine measures in, and how its sentences say times to a person.
import { count } from './prose';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Jun": the facts span 30 days, so the year adds nothing; UTC so every server says the same day. */
export function formatDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/**
 * "40 minutes", "31 hours", "4 days": hours below four days, since "71 hours" against a 72-hour threshold says more
 * than "3 days"; whole units, because the exact figure is in the evidence.
 */
export function formatDuration(ms: number): string {
  if (ms < HOUR_MS) return count(Math.max(0, Math.round(ms / MINUTE_MS)), 'minute');
  if (ms < 4 * DAY_MS) return count(Math.round(ms / HOUR_MS), 'hour');
  return count(Math.round(ms / DAY_MS), 'day');
}

/** Hours with one decimal, for evidence values: the sentence rounds, the evidence shows how close to the line it was. */
export const hours = (ms: number): number => Math.round((ms / HOUR_MS) * 10) / 10;

/** Days with one decimal, for evidence values. */
export const days = (ms: number): number => Math.round((ms / DAY_MS) * 10) / 10;
