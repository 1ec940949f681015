// What every compiled rule must pass before a person is asked to confirm it, whoever wrote it (model or grammar):
// the schema, names that exist in the workspace, a real condition, a cooldown that does not page people over and over,
// and conditions that can hold together.
import { ruleSchema, windowMs, type RuleCondition, type RuleInput, type RuleWindow } from '../rules/schema';
import type { RuleCompileContext, RuleRefusalCode } from './types';

/**
 * Actions that reach a person (a Slack channel, an email, a CSM's list, a queue) may not repeat for one account more
 * often than this: under an hour, one noisy account pages the same people all day.
 */
export const MIN_PAGING_COOLDOWN: RuleWindow = { value: 1, unit: 'hours' };
const PAGING_ACTIONS = new Set(['outreach', 'notify_owner', 'flag_csm', 'route_ticket']);

/** The largest count the schema allows: a count compared against it always (or never) holds. */
const COUNT_MAX = 100_000;

export type RuleCheck = { ok: true; rule: RuleInput; warnings: string[] } | { ok: false; code: RuleRefusalCode; reason: string };

const refuse = (code: RuleRefusalCode, reason: string): RuleCheck => ({ ok: false, code, reason });

/** What a refusal lists so the writer can pick a tip that exists. */
export function listTips(ctx: RuleCompileContext): string {
  return ctx.tips.length ? `Tips: ${ctx.tips.map((t) => `${t.title} (${t.id})`).join(', ')}.` : 'This workspace has no tips yet.';
}

/** What a refusal lists so the writer can pick a destination that exists (of the kinds that fit, when given). */
export function listDestinations(ctx: RuleCompileContext, kinds?: string[]): string {
  const ds = ctx.destinations.filter((d) => !kinds || kinds.includes(d.kind));
  return ds.length ? `Destinations: ${ds.map((d) => `${d.name} (${d.kind})`).join(', ')}.` : `This workspace has no ${kinds ? `${kinds.join(' or ')} ` : ''}destinations yet.`;
}

/** A destination by id, or by name as people write it (case aside, "#" optional). */
export function findDestination(ctx: RuleCompileContext, ref: string) {
  const want = ref.trim().toLowerCase().replace(/^#/, '');
  return ctx.destinations.find((d) => d.id === ref) ?? ctx.destinations.find((d) => d.name.toLowerCase().replace(/^#/, '') === want);
}

function humanWindow(w: RuleWindow): string {
  return `${w.value} ${w.value === 1 ? w.unit.replace(/s$/, '') : w.unit}`;
}

/** A condition that holds for every account at every moment. */
function alwaysHolds(c: RuleCondition): boolean {
  if (c.kind === 'count') return (c.op === 'gte' && c.value <= 0) || (c.op === 'lte' && c.value >= COUNT_MAX) || (c.op === 'lt' && c.value > COUNT_MAX);
  if (c.kind === 'risk_score') return (c.op === 'gte' && c.value <= 0) || (c.op === 'lte' && c.value >= 100);
  return false;
}

/** The range of values a count or score may take under one condition, to find two that can never hold together. */
function bounds(c: RuleCondition): [number, number] | null {
  if (c.kind !== 'count' && c.kind !== 'risk_score') return null;
  const v = c.value;
  switch (c.op) {
    case 'gte':
      return [v, Infinity];
    case 'gt':
      return [v + (c.kind === 'count' ? 1 : Number.EPSILON), Infinity];
    case 'lte':
      return [-Infinity, v];
    case 'lt':
      return [-Infinity, v - (c.kind === 'count' ? 1 : Number.EPSILON)];
    case 'eq':
      return [v, v];
    default:
      return null;
  }
}

/** Conditions that measure the same thing: same kind, and for counts the same subject, window, scope and filter. */
function measure(c: RuleCondition): string | null {
  if (c.kind === 'risk_score') return 'risk_score';
  if (c.kind === 'count') return JSON.stringify([c.subject, c.per, windowMs(c.within), c.filter ?? null]);
  return null;
}

/**
 * Validates a compiled rule against the schema and the workspace, and resolves destination names to ids. A refusal
 * says what to change; warnings are shown beside a rule that is fine to save.
 */
export function checkRule(input: RuleInput, ctx: RuleCompileContext): RuleCheck {
  const parsed = ruleSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return refuse('invalid', `The rule does not fit the rules schema (${where}${issue.message}).`);
  }
  const rule = parsed.data;
  const warnings: string[] = [];
  const actions: RuleInput['actions'] = [];

  for (const a of rule.actions) {
    if (a.type === 'show_tip') {
      if (!ctx.tips.some((t) => t.id === a.tipId)) return refuse('invalid', `There is no tip "${a.tipId}". ${listTips(ctx)}`);
      actions.push(a);
    } else if (a.type === 'outreach') {
      const d = findDestination(ctx, a.destination);
      if (!d) return refuse('invalid', `There is no destination "${a.destination}". ${listDestinations(ctx)}`);
      if (d.kind === 'zendesk' || d.kind === 'salesforce') {
        return refuse('invalid', `${d.name} is a ${d.kind} destination: it receives routed tickets, not alerts. ${listDestinations(ctx, ['slack', 'webhook', 'email', 'local_inbox'])}`);
      }
      actions.push({ ...a, destination: d.id });
    } else if (a.type === 'route_ticket' && a.destination !== undefined) {
      const d = findDestination(ctx, a.destination);
      if (!d || (d.kind !== 'zendesk' && d.kind !== 'salesforce')) {
        return refuse('invalid', `Tickets can be routed through a Zendesk or Salesforce destination, and "${a.destination}" is not one. ${listDestinations(ctx, ['zendesk', 'salesforce'])}`);
      }
      actions.push({ ...a, destination: d.id });
    } else {
      if (a.type === 'notify_owner' && !ctx.destinations.some((d) => d.kind === 'email')) {
        warnings.push('No email destination is set up yet: the account owner will not be emailed until one is.');
      }
      actions.push(a);
    }
  }

  const conditions = rule.conditions;
  const trivial = conditions.filter(alwaysHolds);
  if ((rule.match === 'all' && trivial.length === conditions.length) || (rule.match === 'any' && trivial.length > 0)) {
    return refuse('unsafe', 'This rule has no real condition: it would fire for every account. Say when it should fire, for example "when an account has 2 unresolved tickets in 5 days".');
  }
  if (rule.match === 'all') {
    const byMeasure = new Map<string, [number, number]>();
    for (const c of conditions) {
      const key = measure(c);
      const b = bounds(c);
      if (key === null || b === null) continue;
      const prev = byMeasure.get(key) ?? [-Infinity, Infinity];
      const next: [number, number] = [Math.max(prev[0], b[0]), Math.min(prev[1], b[1])];
      if (next[0] > next[1]) return refuse('invalid', 'Two of its conditions contradict each other (no count can be both), so the rule could never fire.');
      byMeasure.set(key, next);
    }
  }

  if (actions.some((a) => PAGING_ACTIONS.has(a.type)) && windowMs(rule.cooldown) < windowMs(MIN_PAGING_COOLDOWN)) {
    const perDay = Math.floor(86_400_000 / windowMs(rule.cooldown));
    return refuse(
      'unsafe',
      `A cooldown of ${humanWindow(rule.cooldown)} would page people up to ${perDay} times a day about one account. Use at least ${humanWindow(MIN_PAGING_COOLDOWN)}.`,
    );
  }

  const weak = (c: RuleCondition) => (c.kind === 'count' && c.op === 'gte' && c.value <= 1 && !c.filter) || (c.kind === 'ticket' && Object.keys(c.filter).length === 0);
  if (actions.some((a) => a.type === 'outreach' || a.type === 'notify_owner') && conditions.every(weak)) {
    warnings.push('This fires on almost any activity of any account; check that paging people for each one is what you want.');
  }
  for (const c of conditions) {
    if (c.kind === 'count' && c.per === 'user' && c.subject === 'ticket_requesters') {
      warnings.push('Counting different people per single user is always 1; this condition is counted per account instead.');
    }
  }

  const fixed: RuleInput = {
    ...rule,
    actions,
    conditions: conditions.map((c) => (c.kind === 'count' && c.per === 'user' && c.subject === 'ticket_requesters' ? { ...c, per: 'account' } : c)),
  };
  return { ok: true, rule: fixed, warnings };
}
