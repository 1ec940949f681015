// Checks a remote config from the network or the cache before tips are matched against it: part of the lazily loaded tips chunk.
import {
  DEFAULT_HOLDOUT_PERCENT,
  DEFAULT_LIMITS,
  SIGNAL_TYPES,
  type RemoteConfig,
  type SignalType,
  type Tip,
  type TraitCondition,
} from '../wire';
import { isObj, parseDetectors } from './config';

const OPS: ReadonlyArray<TraitCondition['op']> = ['eq', 'neq', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'exists', 'contains'];

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isScalar = (x: unknown): x is string | number | boolean =>
  typeof x === 'string' || typeof x === 'boolean' || isNum(x);
const numOr = (x: unknown, d: number): number => (isNum(x) && x >= 0 ? x : d);

/**
 * Turns whatever the network (or the cache) handed over into a RemoteConfig, or null when it is
 * not one at all. Malformed tips are dropped whole: dropping only a bad condition would widen the
 * tip's audience. Limits fall back to the defaults and holdoutPercent is clamped to 0–100.
 */
export function parseConfig(x: unknown): RemoteConfig | null {
  if (!isObj(x) || !Array.isArray(x.tips)) return null;
  const seen = new Set<string>();
  const tips: Tip[] = [];
  for (const t of x.tips) {
    const tip = parseTip(t);
    // A repeated id would share one cooldown entry; the first one wins.
    if (tip && !seen.has(tip.id)) {
      seen.add(tip.id);
      tips.push(tip);
    }
  }
  const limits = isObj(x.limits) ? x.limits : {};
  const h = x.holdoutPercent;
  return {
    workspaceId: typeof x.workspaceId === 'string' ? x.workspaceId : '',
    detectors: parseDetectors(x.detectors),
    tips,
    limits: {
      maxTipsPerSession: numOr(limits.maxTipsPerSession, DEFAULT_LIMITS.maxTipsPerSession),
      newUserDays: numOr(limits.newUserDays, DEFAULT_LIMITS.newUserDays),
    },
    holdoutPercent: isNum(h) ? Math.min(100, Math.max(0, h)) : DEFAULT_HOLDOUT_PERCENT,
  };
}

/** A link the widget may follow: http(s) or relative. Control characters and spaces are ignored the way URL parsers ignore them. */
export function isSafeUrl(u: string): boolean {
  const s = u.replace(/[\0-\x20]/g, '');
  return !/^[a-z][a-z\d+.-]*:/i.test(s) || /^https?:/i.test(s);
}

function parseTip(x: unknown): Tip | null {
  if (!isObj(x) || !isObj(x.when)) return null;
  const { id, title, body, articleUrl, priority, cooldownMs, enabled, when } = x;
  if (typeof id !== 'string' || !id || typeof title !== 'string' || typeof body !== 'string') return null;
  if (!isNum(priority) || !isNum(cooldownMs) || cooldownMs < 0) return null;
  if (enabled !== undefined && typeof enabled !== 'boolean') return null;
  if (articleUrl !== undefined && (typeof articleUrl !== 'string' || !isSafeUrl(articleUrl))) return null;
  const signals = ([] as unknown[]).concat(when.signal);
  if (!signals.length || !signals.every((s) => SIGNAL_TYPES.includes(s as SignalType))) return null;
  if (when.screen !== undefined && typeof when.screen !== 'string') return null;
  if (when.newUser !== undefined && typeof when.newUser !== 'boolean') return null;
  if (when.traits !== undefined && !(Array.isArray(when.traits) && when.traits.every(isCondition))) return null;
  // Rebuilt field by field so nothing the network added beyond the contract rides along
  // (absent optional fields stay undefined, which JSON and the matcher treat as missing).
  return {
    id,
    title,
    body,
    articleUrl,
    when: {
      signal: signals as SignalType[],
      screen: when.screen,
      traits: (when.traits as TraitCondition[] | undefined)?.map(({ trait, op, value }) => ({ trait, op, value })),
      newUser: when.newUser,
    },
    priority,
    cooldownMs,
    enabled,
  };
}

function isCondition(c: unknown): boolean {
  if (!isObj(c) || typeof c.trait !== 'string' || !OPS.includes(c.op as TraitCondition['op'])) return false;
  const v = c.value;
  if (c.op === 'exists') return v === undefined || typeof v === 'boolean';
  if (c.op === 'in' || c.op === 'nin') return Array.isArray(v) && v.every(isScalar);
  return isScalar(v);
}
