// Context that makes an account's risk more or less urgent: the renewal date, what the account is worth, who is
// affected, and whether something is still open. It adjusts patterns; on its own it is not risk.
import { oldestFirst } from './lib/order';
import { count, formatAmount, listSome } from './lib/prose';
import { DAY_MS, formatDay } from './lib/time';
import { accountName, isUnresolved } from './lib/tickets';
import { vipMark } from './lib/vip';
import type { RiskThresholds } from './thresholds';
import type { AccountFacts, ContextId, Reason } from './types';

export const CONTEXT_DEFAULTS: RiskThresholds['context'] = {
  /** Renewal conversations start 60–90 days out; inside 60 days an escalation lands in the middle of one. */
  renewalWithinDays: 60,
  /** A third of a strong pattern: urgency, not evidence. */
  renewalPoints: 10,
  /** 100K ARR is where most SaaS teams move an account from pooled to named CSM coverage. */
  highArrAtLeast: 100_000,
  /** As much as the renewal window: losing a large account is the other way an escalation gets expensive. */
  highValuePoints: 10,
  /** Below 5K ARR accounts are tech-touch: their escalations are handled in the queue, not by an account team. */
  lowArrBelow: 5_000,
  /** Lowers less than value raises: a small account's legal threat is still a legal threat. */
  lowValuePoints: -5,
  /** A named relationship (see VIP_DEFAULTS): someone has promised this account attention. */
  vipPoints: 10,
  /** Two weeks: a typical onboarding period, in which confusion is expected and a tip or a guide is the answer. */
  newMemberDays: 14,
  /** Onboarding friction is the product's to fix with tips, not an escalation: it lowers as much as power users raise. */
  newMemberPoints: -10,
  /** The roles that buy and administer the product: when they struggle, the account's decision-makers feel it. */
  powerUserRoles: ['admin', 'owner'],
  /** Half a year: someone who has used the product that long is not confused by its basics; trouble is a real defect. */
  powerUserTenureDays: 180,
  /** As much as new members lower: the same question (how much does this person's trouble weigh?) from the other side. */
  powerUserPoints: 10,
  /** The design's ten days: an unresolved ticket that recent is something a CSM can still act on today. */
  unresolvedWithinDays: 10,
  /** Small: the unresolved-stack pattern already weighs open tickets; this only marks that there is something open. */
  recentUnresolvedPoints: 5,
};

const reason = (id: ContextId, points: number, sentence: string, evidence: Reason['evidence'], at: number): Reason => ({
  id,
  kind: 'context',
  points,
  sentence,
  evidence,
  at,
});

/**
 * The context reasons for an account whose patterns add points (none otherwise: context adjusts risk, it does not
 * create it, or every account near renewal would look at risk). "Who is affected" reads the users named in the
 * patterns' evidence.
 */
export function contextReasons(facts: AccountFacts, patterns: readonly Reason[], t: RiskThresholds, now: number): Reason[] {
  if (patterns.reduce((sum, r) => sum + r.points, 0) <= 0) return [];
  const c = t.context;
  const a = facts.account;
  const name = accountName(facts);
  const out: Reason[] = [];

  if (a?.renewalAt != null && a.renewalAt >= now && a.renewalAt - now <= c.renewalWithinDays * DAY_MS) {
    const inDays = Math.floor((a.renewalAt - now) / DAY_MS);
    out.push(
      reason('renewal_window', c.renewalPoints, `${name} renews ${inDays === 0 ? 'today' : `in ${count(inDays, 'day')}`} (${formatDay(a.renewalAt)}).`, { values: { renewalInDays: inDays } }, now),
    );
  }
  if (a?.arr != null && a.arr >= c.highArrAtLeast) {
    out.push(reason('high_value', c.highValuePoints, `${name} is a high-value account (${formatAmount(a.arr)} ARR).`, { values: { arr: a.arr } }, now));
  } else if (a?.arr != null && a.arr < c.lowArrBelow) {
    out.push(reason('low_value', c.lowValuePoints, `${name} is a small account (${formatAmount(a.arr)} ARR).`, { values: { arr: a.arr } }, now));
  }
  const vip = vipMark(facts, t.vip);
  if (vip) out.push(reason('vip_account', c.vipPoints, `${name} is a VIP account (${vip}).`, { values: { vip } }, now));

  const involved = [...new Set(patterns.flatMap((r) => r.evidence.userIds ?? []))].sort();
  const users = new Map(facts.users.map((u) => [u.id, u]));
  const power = involved.filter((id) => {
    const u = users.get(id);
    const role = u?.role?.trim().toLowerCase();
    return (role && c.powerUserRoles.some((r) => r.trim().toLowerCase() === role)) || (u?.createdAt != null && now - u.createdAt >= c.powerUserTenureDays * DAY_MS);
  });
  // Every involved user must be known and new: one unknown or long-standing user means it is not just onboarding.
  const allNew = involved.length > 0 && involved.every((id) => {
    const created = users.get(id)?.createdAt;
    return created != null && now - created < c.newMemberDays * DAY_MS;
  });
  if (power.length) {
    const who = power.map((id) => (users.get(id)?.role ? `${id} (${users.get(id)!.role})` : id));
    out.push(reason('power_user', c.powerUserPoints, `${listSome(who)} ${power.length === 1 ? 'is' : 'are'} affected: an admin or long-standing user, who speaks for the account.`, { userIds: power }, now));
  } else if (allNew) {
    out.push(
      reason('new_member', c.newMemberPoints, `Everyone affected (${listSome(involved)}) joined in the last ${count(c.newMemberDays, 'day')}: onboarding friction a tip or guide can answer.`, { userIds: involved }, now),
    );
  }

  const open = oldestFirst(
    facts.tickets.filter((x) => isUnresolved(x) && x.createdAt >= now - c.unresolvedWithinDays * DAY_MS && x.createdAt <= now),
    (x) => x.createdAt,
    (x) => x.id,
  );
  if (open.length) {
    const ids = open.map((x) => x.id);
    out.push(
      reason('recent_unresolved', c.recentUnresolvedPoints, `${listSome(ids)} ${ids.length === 1 ? 'is' : 'are'} still unresolved, opened in the last ${count(c.unresolvedWithinDays, 'day')}.`, { ticketIds: ids, from: open[0]!.createdAt, to: open[open.length - 1]!.createdAt }, open[open.length - 1]!.createdAt),
    );
  }
  return out;
}
