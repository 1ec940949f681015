// A rule restated in plain English ("When an account has at least 2 unresolved tickets created in the last 5 days,
// flag it for CSM review. At most once a day per account."), for the compile preview and the console.
import type { SignalType } from '../../sdk/wire';
import type { GuardrailCategory } from '../ai/types';
import type { PatternId } from '../risk/types';
import { DEFAULT_COOLDOWN, type RuleAction, type RuleCondition, type RuleFilter, type RuleInput, type RuleWindow } from './schema';

/** Names to show instead of ids, when the caller has them. */
export interface RuleNames {
  tips?: Array<{ id: string; title: string }>;
  destinations?: Array<{ id: string; name: string }>;
}

type ConditionInput = RuleInput['conditions'][number];

const UNIT_SINGULAR = { minutes: 'minute', hours: 'hour', days: 'day', weeks: 'week' } as const;
const ARTICLE = { minutes: 'a', hours: 'an', days: 'a', weeks: 'a' } as const;

/** "the last 5 days", "the last day". */
export function describeWindow(w: RuleWindow): string {
  return w.value === 1 ? `the last ${UNIT_SINGULAR[w.unit]}` : `the last ${w.value} ${w.unit}`;
}

/** "once a day", "once every 3 days". */
function describeCooldown(w: RuleWindow): string {
  return w.value === 1 ? `once ${ARTICLE[w.unit]} ${UNIT_SINGULAR[w.unit]}` : `once every ${w.value} ${w.unit}`;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** "at least 2 unresolved tickets": the comparison and the count with its noun. */
function quantity(op: string, value: number, one: string, many: string): string {
  const noun = plural(value, one, many);
  switch (op) {
    case 'gt':
      return `more than ${value} ${noun}`;
    case 'lte':
      return `at most ${value} ${noun}`;
    case 'lt':
      return `fewer than ${value} ${noun}`;
    case 'eq':
      return `exactly ${value} ${noun}`;
    case 'neq':
      return `a number of ${many} other than ${value}`;
    default:
      return `at least ${value} ${noun}`;
  }
}

const SIGNAL_NOUN: Record<SignalType, string> = {
  rage_click: 'rage-click',
  dead_click: 'dead-click',
  screen_cycling: 'screen-cycling',
  help_seeking: 'help-seeking',
  error_loop: 'error-loop',
  form_struggle: 'form-struggle',
};

export const GUARDRAIL_LABELS: Record<GuardrailCategory, string> = {
  legal_threat: 'legal threat',
  chargeback: 'chargeback',
  privacy: 'privacy/GDPR',
  safety: 'safety',
  fraud: 'fraud or account takeover',
  manager_request: 'request for a manager',
  cancellation: 'cancellation',
  high_value_refund: 'high-value refund',
};

const quote = (s: string) => `“${s}”`;
const orList = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);
const andList = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

function describeFilter(f: RuleFilter | undefined): string {
  if (!f) return '';
  const parts: string[] = [];
  if (f.mentions) parts.push(`mentioning ${orList(f.mentions.map(quote))}`);
  if (f.tag) parts.push(`tagged ${quote(f.tag)}`);
  if (f.topic) parts.push(`about ${quote(f.topic)}`);
  if (f.screen) parts.push(`on screens matching ${quote(f.screen)}`);
  return parts.length ? ` ${andList(parts)}` : '';
}

function countNoun(subject: string, filter: RuleFilter | undefined): [string, string] {
  const priority = filter?.priority ? `${orList(filter.priority)}-priority ` : '';
  switch (subject) {
    case 'unresolved_tickets':
      return [`unresolved ${priority}ticket`, `unresolved ${priority}tickets`];
    case 'bad_csat':
      return ['bad CSAT rating', 'bad CSAT ratings'];
    case 'friction_signals': {
      const type = filter?.signalType ? SIGNAL_NOUN[filter.signalType] : 'friction';
      return [`${type} signal`, `${type} signals`];
    }
    case 'help_opens':
      return ['help-article open', 'help-article opens'];
    case 'cases':
      return ['handoff case', 'handoff cases'];
    default:
      return [`${priority}ticket`, `${priority}tickets`];
  }
}

type Count = Extract<RuleCondition, { kind: 'count' }>;

function describeCount(c: Omit<Count, 'op' | 'per'> & { op?: Count['op']; per?: Count['per'] }, first: boolean): string {
  const op = c.op ?? 'gte';
  const who = c.per === 'user' ? 'a single user' : first ? 'an account' : 'it';
  const window = describeWindow(c.within);
  if (c.subject === 'ticket_requesters') {
    return `${who} has tickets${describeFilter(c.filter)} from ${quantity(op, c.value, 'person', 'different people')} in ${window}`;
  }
  const [one, many] = countNoun(c.subject, c.filter);
  const created = c.subject === 'tickets' || c.subject === 'unresolved_tickets' ? ' created' : '';
  return `${who} has ${quantity(op, c.value, one, many)}${describeFilter(c.filter)}${created} in ${window}`;
}

const num = (params: Record<string, number> | undefined, key: string) => params?.[key];

/** Each pattern as the event it stands for; the numbers are the rule's own, or the workspace's thresholds. */
const PATTERN_SENTENCES: Record<PatternId, (p: Record<string, number> | undefined) => string> = {
  repeat_contact: (p) => `a customer opens a new ticket within ${num(p, 'withinHours') ? `${num(p, 'withinHours')} hours` : 'the repeat-contact window'} of a solved one on the same issue`,
  low_csat_reengagement: (p) =>
    `a customer gives a bad CSAT rating and opens another ticket within ${num(p, 'withinDays') ? `${num(p, 'withinDays')} ${plural(num(p, 'withinDays')!, 'day', 'days')}` : 'the re-engagement window'}`,
  tone_drift: (p) => `the customer's tone slides from neutral to negative${num(p, 'interactions') ? ` over ${num(p, 'interactions')} interactions` : ''}`,
  account_volume: (p) => `${num(p, 'requesters') ?? 'several'} or more different people file tickets${num(p, 'windowDays') ? ` within ${num(p, 'windowDays')} days` : ''}`,
  unresolved_stack: (p) => `${num(p, 'tickets') ?? 'several'} or more tickets stay unresolved${num(p, 'windowDays') ? ` within ${num(p, 'windowDays')} days` : ''}`,
  usage_drop: (p) => `product usage drops${num(p, 'dropPercent') ? ` by ${num(p, 'dropPercent')}% or more` : ''} week over week`,
  in_product_friction: () => 'its users keep running into friction in the product',
  resolved_still_confused: (p) => `its users seek help again${num(p, 'withinDays') ? ` within ${num(p, 'withinDays')} days` : ''} after a ticket was solved`,
  guardrail: () => 'a guardrail is hit',
};

const ACCOUNT_FIELD: Record<string, string> = {
  tier: "the account's tier",
  plan: "the account's plan",
  arr: "the account's ARR",
  health: "the account's health",
  healthScore: "the account's health score",
  owner: "the account's owner",
  csm: "the account's CSM",
};

function formatValue(field: string, v: unknown): string {
  if (field === 'arr' && typeof v === 'number') return `$${v.toLocaleString('en-US')}`;
  return String(v);
}

type AccountCondition = Extract<ConditionInput, { kind: 'account' }>;

function describeAccount(c: AccountCondition): string {
  if (c.field === 'renewalInDays' && typeof c.value === 'number') {
    if (c.op === 'lte' || c.op === 'lt') return `the account renews within ${c.op === 'lt' ? c.value - 1 : c.value} days`;
    if (c.op === 'gte' || c.op === 'gt') return `the account's renewal is more than ${c.op === 'gt' ? c.value : c.value - 1} days away`;
  }
  const subject = ACCOUNT_FIELD[c.field] ?? `the account's ${quote(c.field.replace(/^trait:/, ''))} trait`;
  const values = Array.isArray(c.value) ? c.value.map((v) => formatValue(c.field, v)) : [formatValue(c.field, c.value)];
  switch (c.op) {
    case 'exists':
      return `${subject} is set`;
    case 'in':
      return `${subject} is ${orList(values)}`;
    case 'nin':
      return `${subject} is not ${orList(values)}`;
    case 'neq':
      return `${subject} is not ${values[0]}`;
    case 'gte':
      return `${subject} is at least ${values[0]}`;
    case 'gt':
      return `${subject} is more than ${values[0]}`;
    case 'lte':
      return `${subject} is at most ${values[0]}`;
    case 'lt':
      return `${subject} is less than ${values[0]}`;
    default:
      return `${subject} is ${values[0]}`;
  }
}

const RISK_OP: Record<string, string> = { gt: 'above', gte: 'at least', lt: 'below', lte: 'at most', eq: 'exactly', neq: 'not' };

function describeCondition(c: ConditionInput, first: boolean): string {
  switch (c.kind) {
    case 'count':
      return describeCount(c, first);
    case 'pattern':
      return PATTERN_SENTENCES[c.pattern](c.params);
    case 'account':
      return describeAccount(c);
    case 'risk_score':
      return `${first ? "the account's" : 'its'} risk score is ${RISK_OP[c.op]} ${c.value}`;
    case 'guardrail': {
      const which = c.categories ? `the ${orList(c.categories.map((g) => GUARDRAIL_LABELS[g]))} guardrail` : 'a guardrail';
      return `a ticket or handoff of the account hits ${which}${c.within ? ` in ${describeWindow(c.within)}` : ''}`;
    }
    case 'ticket': {
      const priority = c.filter.priority ? `${orList(c.filter.priority)}-priority ` : '';
      const rest = describeFilter({ ...c.filter, priority: undefined });
      return `${first ? 'an account' : 'it'} has an unsolved ${priority}ticket${rest} updated in ${describeWindow(c.within ?? { value: 7, unit: 'days' })}`;
    }
  }
}

function describeAction(a: RuleAction, names: RuleNames): string {
  switch (a.type) {
    case 'show_tip': {
      const tip = names.tips?.find((t) => t.id === a.tipId);
      return `show the tip ${quote(tip?.title ?? a.tipId)} to its users`;
    }
    case 'route_ticket': {
      const dest = a.destination ? names.destinations?.find((d) => d.id === a.destination)?.name ?? a.destination : null;
      return `route the ticket to the ${quote(a.queue)} queue${a.priority ? ` with ${a.priority} priority` : ''}${dest ? ` in ${dest}` : ''}`;
    }
    case 'flag_csm':
      return `flag it for CSM review${a.note ? ` (${a.note})` : ''}`;
    case 'outreach': {
      const dest = names.destinations?.find((d) => d.id === a.destination)?.name ?? a.destination;
      return `alert ${dest}${a.message ? ` with ${quote(a.message)}` : ''}`;
    }
    case 'notify_owner':
      return 'email the account owner';
    case 'require_human':
      return `hand it to a human${a.reason ? ` (${a.reason})` : ''}`;
  }
}

/** One paragraph a CS person can check before saving: conditions, actions, cooldown. */
export function describeRule(rule: RuleInput, names: RuleNames = {}): string {
  const joiner = rule.match === 'any' ? ' or ' : ' and ';
  const conditions = rule.conditions.map((c, i) => describeCondition(c, i === 0)).join(joiner);
  const actions = andList(rule.actions.map((a) => describeAction(a as RuleAction, names)));
  const perTicket = rule.conditions.some((c) => c.kind === 'ticket');
  const cooldown = describeCooldown(rule.cooldown ?? DEFAULT_COOLDOWN);
  return `When ${conditions}, ${actions}. At most ${cooldown} per ${perTicket ? 'ticket' : 'account'}.`;
}
