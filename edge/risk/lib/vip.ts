// Whether an account is one the business has promised a human to (VIP or partner), from its CRM tier or a trait.
import type { RiskThresholds } from '../thresholds';
import type { AccountFacts } from '../types';

export const VIP_DEFAULTS: RiskThresholds['vip'] = {
  /** The tiers CRMs commonly give accounts with a named relationship; compared case-insensitively. */
  tiers: ['vip', 'partner', 'strategic'],
  /** Boolean traits CS teams set by hand when the tier does not say it ("partner: true" on a growth-tier reseller). */
  traits: ['vip', 'partner'],
};

/** A trait set by hand or synced: true, 1, "yes", "true"; not false, 0, "", "no", "false". */
function isSet(v: string | number | boolean | null | undefined): boolean {
  if (typeof v === 'string') return !/^\s*(|false|no|0|off)\s*$/i.test(v);
  return v === true || (typeof v === 'number' && v !== 0);
}

/** How the account is marked VIP ("tier partner", "trait vip"), or null when it is not. */
export function vipMark(facts: AccountFacts, vip: RiskThresholds['vip']): string | null {
  const a = facts.account;
  if (!a) return null;
  const tier = a.tier?.trim().toLowerCase();
  if (tier && vip.tiers.some((t) => t.trim().toLowerCase() === tier)) return `tier ${a.tier}`;
  const trait = vip.traits.find((name) => Object.prototype.hasOwnProperty.call(a.traits, name) && isSet(a.traits[name]));
  return trait ? `trait ${trait}` : null;
}
