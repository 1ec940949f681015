// Rules in words: each condition and action of a rule as a short phrase, for the rules list, the compiled preview
// and a trigger's actions. The edge's restatement is the authority; these name the parts it is built from.
import type { Rule, RuleAction, RuleCondition, RuleWindow } from '../edge/rules/schema';
import { humanize, patternName } from './format';

const OPS: Record<string, string> = { gte: 'at least', gt: 'more than', lte: 'at most', lt: 'fewer than', eq: 'exactly', neq: 'not', in: 'one of', nin: 'none of', exists: 'set' };

export const windowText = (w: RuleWindow): string => `${w.value} ${w.value === 1 ? w.unit.replace(/s$/, '') : w.unit}`;

const SUBJECTS: Record<string, string> = {
  tickets: 'tickets',
  unresolved_tickets: 'unresolved tickets',
  ticket_requesters: 'people filing tickets',
  bad_csat: 'bad CSAT ratings',
  friction_signals: 'friction signals',
  help_opens: 'help-article opens',
  cases: 'handoff cases',
};

function filterText(f: Extract<RuleCondition, { kind: 'count' }>['filter']): string {
  if (!f) return '';
  const parts = [
    f.signalType && humanize(f.signalType).toLowerCase(),
    f.screen && `on ${f.screen}`,
    f.mentions && `mentioning ${f.mentions.map((m) => `“${m}”`).join(' or ')}`,
    f.priority && `priority ${f.priority.join('/')}`,
    f.tag && `tagged ${f.tag}`,
    f.topic && `about ${f.topic}`,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

const FIELDS: Record<string, string> = { tier: 'Tier', plan: 'Plan', arr: 'ARR', health: 'Health', healthScore: 'Health score', renewalInDays: 'Days to renewal', owner: 'Owner', csm: 'CSM' };

const valueText = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v));

export function describeCondition(c: RuleCondition): string {
  switch (c.kind) {
    case 'pattern':
      return `The pattern “${patternName(c.pattern)}” matches${c.params ? ` (${Object.entries(c.params).map(([k, v]) => `${humanize(k).toLowerCase()} ${v}`).join(', ')})` : ''}`;
    case 'count':
      return `${OPS[c.op] ?? c.op} ${c.value} ${SUBJECTS[c.subject] ?? c.subject}${filterText(c.filter)} within ${windowText(c.within)}${c.per === 'user' ? ', from one user' : ''}`.replace(/^./, (x) => x.toUpperCase());
    case 'account': {
      const field = c.field.startsWith('trait:') ? `Trait ${c.field.slice(6)}` : (FIELDS[c.field] ?? humanize(c.field));
      return c.op === 'exists' ? `${field} is set` : `${field} is ${OPS[c.op] ?? c.op} ${valueText(c.value)}`;
    }
    case 'risk_score':
      return `Risk score ${OPS[c.op] ?? c.op} ${c.value}`;
    case 'guardrail':
      return `A guardrail is hit${c.categories ? `: ${c.categories.map((g) => humanize(g).toLowerCase()).join(', ')}` : ''}${c.within ? ` within ${windowText(c.within)}` : ''}`;
    case 'ticket':
      return `An open ticket${filterText(c.filter)}${c.within ? ` within ${windowText(c.within)}` : ''}`;
  }
}

export function describeAction(a: RuleAction): string {
  switch (a.type) {
    case 'show_tip':
      return `Show tip “${a.tipId}” to the account’s users`;
    case 'route_ticket':
      return `Route the ticket to ${a.queue}${a.priority ? ` as ${a.priority}` : ''}${a.destination ? ` in ${a.destination}` : ''}`;
    case 'flag_csm':
      return `Flag for CSM review${a.note ? `: ${a.note}` : ''}`;
    case 'outreach':
      return `Send outreach to ${a.destination}`;
    case 'notify_owner':
      return 'Email the account owner';
    case 'require_human':
      return `Require a human${a.reason ? `: ${a.reason}` : ''}`;
  }
}

/** One sentence from the parts, for a rule that carries neither the edge's restatement nor its own description. */
export function summarizeRule(rule: Pick<Rule, 'match' | 'conditions' | 'actions'>): string {
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const when = rule.conditions.map((c) => lower(describeCondition(c))).join(rule.match === 'any' ? ', or ' : ', and ');
  const then = rule.actions.map((a) => lower(describeAction(a))).join(', then ');
  return `When ${when}: ${then}.`;
}
