// "A ticket soon after X": for each recent ticket, the newest earlier event within a window that it follows up on.
// Repeat contact (after a solve), low CSAT (after a bad rating) and friction-then-ticket are all this shape.
import type { FactTicket } from '../types';
import { indexOfTime, oldestFirst } from './order';

export interface FollowUp<A, R> {
  anchor: A;
  ticket: FactTicket;
  /** What `accept` said about the pair (the shared issue, the same user…). */
  found: R;
}

/**
 * For every ticket created in [recentFrom, now], oldest first: the newest anchor at or before its creation and at
 * most `windowMs` before it that `accept` takes (a non-null answer). `anchors` must be oldest first. At most
 * `maxCompared` anchors are tried per ticket, so a burst of anchors cannot make the walk quadratic.
 */
export function followUps<A extends { at: number }, R>(
  anchors: readonly A[],
  tickets: readonly FactTicket[],
  span: { recentFrom: number; now: number; windowMs: number },
  accept: (anchor: A, ticket: FactTicket) => R | null,
  maxCompared = Number.POSITIVE_INFINITY,
): Array<FollowUp<A, R>> {
  const times = anchors.map((a) => a.at);
  const created = oldestFirst(
    tickets.filter((x) => x.createdAt >= span.recentFrom && x.createdAt <= span.now),
    (x) => x.createdAt,
    (x) => x.id,
  );
  const out: Array<FollowUp<A, R>> = [];
  for (const ticket of created) {
    const from = indexOfTime(times, ticket.createdAt - span.windowMs, 'from');
    for (let i = indexOfTime(times, ticket.createdAt, 'after') - 1, n = 0; i >= from && n < maxCompared; i--, n++) {
      const found = accept(anchors[i]!, ticket);
      if (found !== null) {
        out.push({ anchor: anchors[i]!, ticket, found });
        break;
      }
    }
  }
  return out;
}
