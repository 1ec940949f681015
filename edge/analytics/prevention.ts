// What tips prevent: the escalation rate of users who saw a tip against the holdout who did not, with intervals.
// Wilson score intervals for each rate and Newcombe's hybrid score interval for their difference (Newcombe 1998,
// method 10): both stay inside [0, 1] and behave at the small counts a new tip has, where the normal
// approximation claims certainty it does not have.
import type { PreventionRow } from '../store';

/** 95 %. */
export const Z_95 = 1.959964;

export interface Rate {
  users: number;
  escalated: number;
  /** escalated / users, or null with no users. */
  rate: number | null;
  /** Wilson interval; [0, 1] with no users. */
  low: number;
  high: number;
}

export interface Prevention {
  tipId: string;
  shown: Rate;
  heldOut: Rate;
  /** heldOut.rate − shown.rate: how much less often users who saw the tip escalated. Null unless both arms have users. */
  reduction: { value: number; low: number; high: number } | null;
  /** reduction × users shown: escalations the tip avoided in the period (its interval scaled the same way). */
  prevented: { value: number; low: number; high: number } | null;
  /** The interval excludes zero. */
  significant: boolean;
}

export function wilson(escalated: number, users: number, z = Z_95): Rate {
  if (users <= 0) return { users: 0, escalated: 0, rate: null, low: 0, high: 1 };
  const p = escalated / users;
  const z2 = z * z;
  const denom = 1 + z2 / users;
  const centre = (p + z2 / (2 * users)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / users + z2 / (4 * users * users))) / denom;
  return { users, escalated, rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function prevention(row: PreventionRow, z = Z_95): Prevention {
  const shown = wilson(row.shownEscalated, row.shownUsers, z);
  const heldOut = wilson(row.heldOutEscalated, row.heldOutUsers, z);
  if (shown.rate === null || heldOut.rate === null) return { tipId: row.tipId, shown, heldOut, reduction: null, prevented: null, significant: false };
  const d = heldOut.rate - shown.rate;
  const low = d - Math.sqrt((heldOut.rate - heldOut.low) ** 2 + (shown.high - shown.rate) ** 2);
  const high = d + Math.sqrt((heldOut.high - heldOut.rate) ** 2 + (shown.rate - shown.low) ** 2);
  const scale = (x: number) => Math.round(x * shown.users * 10) / 10;
  return {
    tipId: row.tipId,
    shown,
    heldOut,
    reduction: { value: d, low, high },
    prevented: { value: scale(d), low: scale(low), high: scale(high) },
    significant: low > 0 || high < 0,
  };
}

/** All tips together: the counts summed, so the workspace-wide figure has the power no single tip has. */
export function overall(rows: PreventionRow[], z = Z_95): Prevention {
  const sum = rows.reduce(
    (a, r) => ({
      tipId: '*',
      shownUsers: a.shownUsers + r.shownUsers,
      shownEscalated: a.shownEscalated + r.shownEscalated,
      heldOutUsers: a.heldOutUsers + r.heldOutUsers,
      heldOutEscalated: a.heldOutEscalated + r.heldOutEscalated,
    }),
    { tipId: '*', shownUsers: 0, shownEscalated: 0, heldOutUsers: 0, heldOutEscalated: 0 },
  );
  return prevention(sum, z);
}
