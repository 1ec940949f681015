// Picks the tip to show for a friction signal: a pure function of the signal, the tips, the user, what was shown, and the clock.
import type { FrictionSignal, Tip, TraitCondition } from '../wire';

export interface TipUser {
  userId?: string;
  anonymousId: string;
  traits: Record<string, unknown>;
}

/**
 * What the caller remembers between decisions. The caller records every decision, `hold_out`
 * included, in both fields: a held-out user then walks the same path a shown user would
 * (same cooldowns, same session cap), so the holdout group stays comparable and is not
 * re-evaluated on every click.
 */
export interface TipState {
  /** Decisions made this session (shown or held out). */
  shownThisSession: number;
  /** tipId → epoch ms of the last decision for it, across sessions. */
  lastShown: Record<string, number>;
}

export type TipDecision = { tip: Tip; action: 'show' | 'hold_out' } | null;

export interface MatchConfig {
  maxTipsPerSession: number;
  holdoutPercent: number;
  newUserDays: number;
}

const DAY_MS = 864e5;
/** Below this a numeric createdAt is epoch seconds: as ms it would be before March 1973, as seconds it runs to year 5138. */
const SECONDS_BELOW = 1e11;

export function matchTip(
  signal: FrictionSignal,
  tips: Tip[],
  user: TipUser,
  state: TipState,
  config: MatchConfig,
  now: number,
): TipDecision {
  return pick(tips, user, state, config, now, ({ when: w }) => {
    if (!([] as unknown[]).concat(w.signal).includes(signal.type)) return false;
    if (!screenMatches(w.screen, signal.screen)) return false;
    if (w.traits && !w.traits.every((c) => holds(c, own(user.traits, c.trait)))) return false;
    // An unknown createdAt is neither new nor old, so it fails newUser: true and false alike.
    return w.newUser == null || isNewUser(own(user.traits, 'createdAt'), now, config.newUserDays) === w.newUser;
  });
}

/**
 * A tip a rule pushed to the user's account: the highest-priority one of `ids` that is enabled and not cooling
 * down, under the session cap, with the holdout decided as for friction tips so both arms stay comparable.
 */
export function pushedTip(ids: unknown[], tips: Tip[], user: TipUser, state: TipState, config: MatchConfig, now: number): TipDecision {
  return pick(tips, user, state, config, now, (tip) => ids.includes(tip.id));
}

/** The enabled tip `wanted` accepts with the highest priority outside its cooldown, under the session cap, and whether the holdout keeps it back. */
function pick(tips: Tip[], user: TipUser, state: TipState, config: MatchConfig, now: number, wanted: (tip: Tip) => boolean): TipDecision {
  if (state.shownThisSession >= config.maxTipsPerSession) return null;
  let best: Tip | undefined;
  for (const tip of tips) {
    if (tip.enabled === false || !wanted(tip)) continue;
    const since = now - (own(state.lastShown, tip.id) as number);
    // A negative gap means the clock moved back; we let the tip through rather than mute it for an unknown time.
    if (since >= 0 && since < tip.cooldownMs) continue;
    // Ties go to the smaller id (code-unit order, not locale order) so every browser picks the same tip.
    if (!best || tip.priority > best.priority || (tip.priority === best.priority && tip.id < best.id)) best = tip;
  }
  if (!best) return null;
  // The holdout is decided for the winner only; falling through to the next tip would show
  // held-out users a different tip and spoil the comparison.
  return { tip: best, action: isHeldOut(user.userId ?? user.anonymousId, best.id, config.holdoutPercent) ? 'hold_out' : 'show' };
}

/** Own properties only, so a trait named `constructor` or `toString` is not read off the prototype. */
function own(o: Record<string, unknown>, k: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/** A finite number, or a non-blank string that reads as one (hosts often pass `"12"` for 12). */
function num(x: unknown): number | undefined {
  const n = typeof x === 'number' ? x : typeof x === 'string' && x.trim() ? +x : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Strict equality, except that a number on either side compares numerically with a numeric string. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === typeof b || (typeof a !== 'number' && typeof b !== 'number')) return false;
  const x = num(a);
  return x !== undefined && x === num(b);
}

/** For an array trait, any element may match. */
function anyIn(t: unknown, list: unknown): boolean {
  const vs = ([] as unknown[]).concat(list);
  return ([] as unknown[]).concat(t).some((x) => x != null && vs.some((v) => same(x, v)));
}

/**
 * One trait condition. null and undefined both mean "missing": a missing trait fails every
 * op except `neq`, `nin` (a user with no plan is not on "enterprise") and `exists: false`.
 */
export function holds(c: TraitCondition, t: unknown): boolean {
  const v = c.value;
  switch (c.op) {
    case 'exists':
      return (t == null) === (v === false);
    case 'eq':
      return t != null && same(t, v);
    case 'neq':
      return t == null || !same(t, v);
    case 'in':
      return anyIn(t, v);
    case 'nin':
      return !anyIn(t, v);
    case 'contains':
      // Arrays: membership. Strings: case-sensitive substring.
      return v != null && (Array.isArray(t) ? t.some((x) => same(x, v)) : typeof t === 'string' && t.includes(String(v)));
  }
  // Ordering is numeric only: a non-numeric side fails rather than falling back to string order.
  const a = num(t);
  const b = num(v);
  if (a === undefined || b === undefined) return false;
  return c.op === 'gt' ? a > b : c.op === 'gte' ? a >= b : c.op === 'lt' ? a < b : c.op === 'lte' && a <= b;
}

/**
 * `createdAt` as epoch ms, epoch seconds (numbers below 1e11), a numeric string of either,
 * a Date, or a date string Date.parse reads (ISO 8601). Anything else, zero or negative is unknown.
 */
export function createdAtMs(x: unknown): number | undefined {
  const n = x instanceof Date ? x.getTime() : num(x) ?? (typeof x === 'string' ? Date.parse(x) : NaN);
  if (!(n > 0)) return undefined;
  return n < SECONDS_BELOW ? n * 1000 : n;
}

/** New means created less than `days` days before now; at exactly `days` days the user is no longer new. */
export function isNewUser(createdAt: unknown, now: number, days: number): boolean | undefined {
  const at = createdAtMs(createdAt);
  return at === undefined ? undefined : now - at < days * DAY_MS;
}

// Glob tokens besides literal characters.
const ONE = 0; //  ?   one character, not '/'
const SEG = 1; //  *   any run within a segment
const ANY = 2; //  **  any run, across segments
const OPT = 3; //  /** at a segment boundary: '/' then ANY, or nothing (so `/billing/**` also matches `/billing`)

/**
 * Matches a screen against a tip's glob. Written as a small NFA walk instead of a RegExp so a
 * glob can neither inject pattern syntax nor backtrack catastrophically: O(glob × screen).
 * No glob means every screen. Case-sensitive; every character other than `*` and `?` is literal.
 */
export function screenMatches(glob: string | undefined, screen: string): boolean {
  if (glob == null) return true;
  const g = Array.from(glob);
  const t: Array<string | number> = [];
  for (let i = 0; i < g.length; ) {
    if (g[i] === '/' && g[i + 1] === '*' && g[i + 2] === '*' && (g[i + 3] ?? '/') === '/') {
      t.push(OPT, ANY);
      i += 3;
    } else if (g[i] === '*') {
      const two = g[i + 1] === '*';
      t.push(two ? ANY : SEG);
      i += two ? 2 : 1;
    } else {
      t.push(g[i] === '?' ? ONE : (g[i] as string));
      i++;
    }
  }
  let cur: boolean[] = [];
  const add = (set: boolean[], p: number): void => {
    if (set[p]) return;
    set[p] = true;
    // Stars may match nothing; an absent `/**` skips its ANY too.
    if (t[p] === SEG || t[p] === ANY) add(set, p + 1);
    else if (t[p] === OPT) add(set, p + 2);
  };
  add(cur, 0);
  for (const c of screen) {
    const next: boolean[] = [];
    for (let p = 0; p < t.length; p++) {
      if (!cur[p]) continue;
      const k = t[p];
      if (k === ANY || (k === SEG && c !== '/')) add(next, p);
      else if (k === c || (k === ONE && c !== '/') || (k === OPT && c === '/')) add(next, p + 1);
    }
    cur = next;
  }
  return !!cur[t.length];
}

/**
 * Whether this (user, tip) pair is in the holdout: FNV-1a 32-bit over the UTF-16 code units of
 * `${userKey}:${tipId}`, mod 100, below `percent`. Deterministic, so a user stays in or out of a
 * tip's holdout across sessions and devices that share the key. Fractional percents round up to whole buckets.
 */
export function isHeldOut(userKey: string, tipId: string, percent: number): boolean {
  const s = `${userKey}:${tipId}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 100 < percent;
}
