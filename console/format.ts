// How the console writes numbers, money, dates and the names of patterns, in one place so every page agrees.
import type { ContextId, PatternId, RiskLevel } from '../edge/risk/types';

const DAY_MS = 86_400_000;

export const dateTime = (ms: number): string =>
  new Date(ms).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export const date = (ms: number): string => new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** Chart labels: "3 Jun". UTC, because the edge buckets days in UTC. */
export const day = (ms: number): string => new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "3 min ago", "in 41 days": for times people compare with now. */
export function relative(ms: number, now: number = Date.now()): string {
  const d = ms - now;
  const abs = Math.abs(d);
  const [n, unit] =
    abs < 60_000 ? [0, 'now'] : abs < 3_600_000 ? [Math.round(abs / 60_000), 'min'] : abs < DAY_MS ? [Math.round(abs / 3_600_000), 'h'] : [Math.round(abs / DAY_MS), abs < 2 * DAY_MS ? 'day' : 'days'];
  if (unit === 'now') return 'just now';
  return d < 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}

export function money(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n >= 1_000_000) return `$${(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)}M`;
  if (n >= 1000) return `$${Math.round(n / 1000)}k`;
  return `$${Math.round(n)}`;
}

export const percent = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`);

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const PATTERN_NAMES: Record<PatternId | ContextId, string> = {
  repeat_contact: 'Repeat contact',
  low_csat_reengagement: 'Low CSAT, then back',
  tone_drift: 'Tone drift',
  account_volume: 'Many users filing',
  unresolved_stack: 'Unresolved stack',
  usage_drop: 'Usage drop',
  in_product_friction: 'In-product friction',
  resolved_still_confused: 'Resolved, still confused',
  guardrail: 'Guardrail',
  renewal_window: 'Renewal soon',
  high_value: 'High value',
  vip_account: 'VIP account',
  new_member: 'New member',
  power_user: 'Power user',
  recent_unresolved: 'Recent unresolved',
  low_value: 'Low value',
};

export const patternName = (id: string): string => (PATTERN_NAMES as Record<string, string>)[id] ?? id.replace(/_/g, ' ');

export const LEVEL_NAMES: Record<RiskLevel, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

/** "rage_click" → "Rage click", "renewalInDays" → "Renewal in days". */
export const humanize = (id: string): string => {
  const s = id
    .replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`)
    .replace(/[_-]+/g, ' ')
    .trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
};
