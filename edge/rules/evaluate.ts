// Decides one rule for one account at one time: whether its conditions hold, the tickets it acts on, the cooldown
// keys that stop it paging twice, and in a few words why. Pure: the caller brings the facts, the assessment and a clock.
import { GUARDRAIL_CATEGORIES } from '../ai/types';
import { categoriesOf, standingHits } from '../risk/lib/guardrails';
import { oldestFirst } from '../risk/lib/order';
import { count, list, listSome, words } from '../risk/lib/prose';
import { DAY_MS } from '../risk/lib/time';
import { isUnresolved, lastActivityAt, ratedAt, requesterOf } from '../risk/lib/tickets';
import { PATTERNS } from '../risk/patterns';
import { patternParamIssues, withPatternParams, type RiskThresholds } from '../risk/thresholds';
import type { AccountFacts, FactTicket, RiskAssessment } from '../risk/types';
import { holds, screenMatches } from '../../sdk/tips/match';
import {
  FILTER_FIELDS_BY_SUBJECT,
  SIGNAL_FILTER_FIELDS,
  strayFilterFields,
  TICKET_FILTER_FIELDS,
  windowMs,
  type CountSubject,
  type Rule,
  type RuleCondition,
  type RuleFilter,
  type RuleWindow,
} from './schema';

export interface RuleInputs {
  facts: AccountFacts;
  /** The account's assessment at the same `now` with the same thresholds: pattern and risk_score conditions read it. */
  assessment: RiskAssessment;
  thresholds: RiskThresholds;
}

export interface ConditionResult {
  kind: RuleCondition['kind'];
  held: boolean;
  /** Short and readable: "2 unresolved tickets created in the last 5 days (at least 2)". */
  explanation: string;
  /** For ticket conditions: the tickets that match, oldest first. */
  ticketIds?: string[];
}

export interface RuleEvaluation {
  ruleId: string;
  accountId: string;
  matched: boolean;
  /** The tickets the actions apply to (ticket conditions), oldest first; empty when the rule is about the account. */
  ticketIds: string[];
  /**
   * One key per ticket acted on, or one for the account: the caller fires only for keys whose last firing is older
   * than the rule's cooldown, so each matching ticket is routed once and an account is not paged twice.
   */
  cooldownKeys: string[];
  /** The explanations of the conditions that held, in rule order. */
  explanations: string[];
  /** Every condition's outcome, in rule order, for the console's "why (not)". */
  conditions: ConditionResult[];
}

/** Unambiguous whatever the ids contain: each part is URI-encoded, so "/" only ever separates parts. */
export function cooldownKey(ruleId: string, accountId: string, ticketId?: string): string {
  const parts = [ruleId, accountId, ...(ticketId === undefined ? [] : ['ticket', ticketId])];
  return parts.map(encodeURIComponent).join('/');
}

export function evaluateRule(rule: Rule, inputs: RuleInputs, now: number): RuleEvaluation {
  const scope = new Scope(inputs, now);
  const conditions = rule.conditions.map((c) => scope.condition(c));
  const ticketSets = conditions.filter((c) => c.held && c.ticketIds).map((c) => c.ticketIds!);
  const held = rule.match === 'all' ? conditions.every((c) => c.held) : conditions.some((c) => c.held);
  // With 'all', the actions apply to tickets that meet every ticket condition; with 'any', to those that meet one.
  let ticketIds = ticketSets.length === 0 ? [] : rule.match === 'all' ? ticketSets.reduce((a, b) => a.filter((id) => b.includes(id))) : [...new Set(ticketSets.flat())];
  const noCommonTicket = held && ticketSets.length > 1 && ticketIds.length === 0;
  const matched = rule.enabled && held && !noCommonTicket;
  if (!matched) ticketIds = [];
  const explanations = conditions.filter((c) => c.held).map((c) => c.explanation);
  if (noCommonTicket) explanations.push('but no single ticket meets every ticket condition');
  if (!rule.enabled) explanations.push('but the rule is turned off');
  const accountId = inputs.facts.accountId;
  return {
    ruleId: rule.id,
    accountId,
    matched,
    ticketIds,
    cooldownKeys: !matched ? [] : ticketSets.length ? ticketIds.map((t) => cooldownKey(rule.id, accountId, t)) : [cooldownKey(rule.id, accountId)],
    explanations,
    conditions,
  };
}

/** The schema's default for ticket conditions: a week of activity. */
const DEFAULT_TICKET_WINDOW: RuleWindow = { value: 7, unit: 'days' };

const OP_WORDS = { gte: 'at least', gt: 'more than', lte: 'at most', lt: 'fewer than', eq: 'exactly', neq: 'not', in: 'one of', nin: 'none of', exists: 'set' } as const;
type Op = keyof typeof OP_WORDS;

function compare(op: Exclude<Op, 'in' | 'nin' | 'exists'>, a: number, b: number): boolean {
  return op === 'gte' ? a >= b : op === 'gt' ? a > b : op === 'lte' ? a <= b : op === 'lt' ? a < b : op === 'eq' ? a === b : a !== b;
}

/** "5 days", "72 hours", "day" (after "the last"). */
const lastWindow = (w: RuleWindow) => (w.value === 1 ? w.unit.replace(/s$/, '') : `${w.value} ${w.unit}`);

/** What a count counts, singular and plural. */
const NOUNS: Record<CountSubject, [string, string]> = {
  tickets: ['ticket created', 'tickets created'],
  unresolved_tickets: ['unresolved ticket created', 'unresolved tickets created'],
  ticket_requesters: ['person filing tickets', 'people filing tickets'],
  bad_csat: ['bad rating', 'bad ratings'],
  friction_signals: ['friction signal', 'friction signals'],
  help_opens: ['help article opened', 'help articles opened'],
  cases: ['handoff case', 'handoff cases'],
};

function filterWords(f: RuleFilter | undefined): string {
  if (!f) return '';
  const parts = [
    f.signalType && words(f.signalType),
    f.screen && `on ${f.screen}`,
    f.mentions && `mentioning ${f.mentions.map((m) => `"${m}"`).join(' or ')}`,
    f.priority && `priority ${f.priority.join(' or ')}`,
    f.tag && `tagged ${f.tag}`,
    f.topic && `on topic ${f.topic}`,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** A phrase as a whole-word, case-insensitive pattern: "charge back" does not match "chargeback" nor "recharge backup". */
function phrasePattern(phrase: string): RegExp {
  const body = phrase
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
}

const same = (a: string | null, b: string) => a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** One evaluation's view of the facts: each ticket's text is gathered, and each phrase compiled, once. */
class Scope {
  private texts = new Map<FactTicket, string[]>();
  private phrases = new Map<readonly string[], RegExp[]>();

  constructor(
    private readonly inputs: RuleInputs,
    private readonly now: number,
  ) {}

  condition(c: RuleCondition): ConditionResult {
    switch (c.kind) {
      case 'pattern':
        return this.pattern(c);
      case 'count':
        return this.count(c);
      case 'account':
        return this.account(c);
      case 'risk_score': {
        const score = this.inputs.assessment.score;
        return { kind: c.kind, held: compare(c.op, score, c.value), explanation: `risk score ${score} (${OP_WORDS[c.op]} ${c.value})` };
      }
      case 'guardrail':
        return this.guardrail(c);
      case 'ticket':
        return this.ticket(c);
    }
  }

  private pattern(c: Extract<RuleCondition, { kind: 'pattern' }>): ConditionResult {
    const name = words(c.pattern);
    const params = c.params ?? {};
    const given = Object.keys(params).length > 0;
    const issues = patternParamIssues(c.pattern, params);
    if (issues.length) return { kind: c.kind, held: false, explanation: `${name}: ${issues.join('; ')}` };
    const reason = given
      ? PATTERNS[c.pattern](this.inputs.facts, withPatternParams(this.inputs.thresholds, c.pattern, params), this.now)
      : this.inputs.assessment.reasons.find((r) => r.kind === 'pattern' && r.id === c.pattern) ?? null;
    const withParams = given ? ` (with ${Object.entries(params).map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
    return reason
      ? { kind: c.kind, held: true, explanation: `${name}${withParams}: ${reason.sentence}` }
      : { kind: c.kind, held: false, explanation: `${name} does not match now${withParams}` };
  }

  private count(c: Extract<RuleCondition, { kind: 'count' }>): ConditionResult {
    const stray = strayFilterFields(c.filter, FILTER_FIELDS_BY_SUBJECT[c.subject]);
    if (stray.length) return { kind: c.kind, held: false, explanation: `${list(stray)} cannot filter ${c.subject}` };
    const keys = this.counted(c.subject, c.filter, this.now - windowMs(c.within));
    const [one, many] = NOUNS[c.subject];
    const noun = (n: number) => count(n, one, many);
    const tail = `${filterWords(c.filter)} in the last ${lastWindow(c.within)} (${OP_WORDS[c.op]} ${c.value})`;
    if (c.per === 'account') {
      const n = c.subject === 'ticket_requesters' ? new Set(keys.filter((k) => k !== null)).size : keys.length;
      return { kind: c.kind, held: compare(c.op, n, c.value), explanation: `${noun(n)}${tail}` };
    }
    // Per user: some single person reaches the count. Known users with nothing in the window count as 0, so "a user
    // with no ticket" can hold; items nobody can be tied to count for no one.
    const perUser = new Map<string, number>(this.inputs.facts.users.map((u) => [u.id, 0]));
    for (const k of keys) if (k !== null) perUser.set(k, c.subject === 'ticket_requesters' ? 1 : (perUser.get(k) ?? 0) + 1);
    const ranked = [...perUser].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const hit = ranked.find(([, n]) => compare(c.op, n, c.value));
    if (hit) return { kind: c.kind, held: true, explanation: `${hit[0]}: ${noun(hit[1])}${tail}` };
    const top = ranked[0];
    return { kind: c.kind, held: false, explanation: `no single user: ${top ? `most is ${top[0]} with ${noun(top[1])}` : `no ${many}`}${tail}` };
  }

  /** Who each counted item belongs to (null: nobody we can tell), one entry per item, over [from, now]. */
  private counted(subject: CountSubject, filter: RuleFilter | undefined, from: number): Array<string | null> {
    const { facts } = this.inputs;
    const within = (at: number | null) => at !== null && at >= from && at <= this.now;
    switch (subject) {
      case 'tickets':
      case 'ticket_requesters':
      case 'unresolved_tickets':
        return facts.tickets
          .filter((t) => within(t.createdAt) && (subject !== 'unresolved_tickets' || isUnresolved(t)) && this.ticketMatches(t, filter))
          .map(requesterOf);
      case 'bad_csat':
        return facts.tickets.filter((t) => t.csat?.negative && within(ratedAt(t)) && this.ticketMatches(t, filter)).map(requesterOf);
      case 'friction_signals':
        return facts.signals
          .filter((s) => within(s.at) && (!filter?.signalType || s.type === filter.signalType) && (!filter?.screen || (s.screen !== null && screenMatches(filter.screen, s.screen))))
          .map((s) => s.userId);
      case 'help_opens':
        return facts.helpOpens.filter((h) => within(h.at)).map((h) => h.userId);
      case 'cases':
        return facts.cases.filter((x) => within(x.createdAt)).map((x) => x.userId);
    }
  }

  private ticketMatches(t: FactTicket, f: RuleFilter | undefined): boolean {
    if (!f) return true;
    if (f.priority && (t.priority === null || !f.priority.includes(t.priority))) return false;
    if (f.tag && !t.tags.some((tag) => same(tag, f.tag!))) return false;
    if (f.topic && !same(t.topic, f.topic)) return false;
    if (f.mentions) {
      let patterns = this.phrases.get(f.mentions);
      if (!patterns) this.phrases.set(f.mentions, (patterns = f.mentions.map(phrasePattern)));
      const text = this.textOf(t);
      if (!patterns.some((p) => text.some((piece) => p.test(piece)))) return false;
    }
    return true;
  }

  /**
   * Subject, tags, topic and customer messages, each a separate piece so a phrase cannot run from one into the next.
   * Tags read as words ("csv_export" mentions "csv export").
   */
  private textOf(t: FactTicket): string[] {
    let text = this.texts.get(t);
    if (!text) {
      text = [t.subject ?? '', ...t.tags.map((tag) => tag.replace(/[_-]+/g, ' ')), (t.topic ?? '').replace(/[_-]+/g, ' '), ...t.messages.filter((m) => m.author === 'customer').map((m) => m.text)];
      this.texts.set(t, text);
    }
    return text;
  }

  private account(c: Extract<RuleCondition, { kind: 'account' }>): ConditionResult {
    const a = this.inputs.facts.account;
    let value: unknown;
    if (c.field.startsWith('trait:')) {
      const name = c.field.slice('trait:'.length);
      value = a && Object.prototype.hasOwnProperty.call(a.traits, name) ? a.traits[name] : undefined;
    } else if (c.field === 'renewalInDays') {
      // Whole days left (negative once passed): "renews in 41 days" until the 41st day is over.
      value = a?.renewalAt == null ? undefined : Math.floor((a.renewalAt - this.now) / DAY_MS);
    } else {
      value = a?.[c.field as keyof typeof a];
    }
    // CRM values come in any case ("Enterprise", "enterprise"): text compares case-insensitively, numbers numerically.
    const fold = <T>(v: T) => (typeof v === 'string' ? v.trim().toLowerCase() : v);
    const expected = Array.isArray(c.value) ? c.value.map(fold) : fold(c.value);
    const held = holds({ trait: c.field, op: c.op, value: expected }, fold(value));
    const shown = value == null ? 'not set' : `${typeof value === 'string' ? `"${value}"` : String(value)}`;
    const wanted = c.op === 'exists' ? (c.value === false ? 'not set' : 'set') : `${OP_WORDS[c.op]} ${Array.isArray(c.value) ? c.value.join(', ') : String(c.value)}`;
    return { kind: c.kind, held, explanation: `${c.field} is ${shown} (${wanted})` };
  }

  private guardrail(c: Extract<RuleCondition, { kind: 'guardrail' }>): ConditionResult {
    const t = this.inputs.thresholds;
    // Without a window, the guardrail pattern's scope: open tickets, and messages within the recency horizon.
    const hits = standingHits(this.inputs.facts, {
      since: this.now - (c.within ? windowMs(c.within) : t.recentDays * DAY_MS),
      now: this.now,
      openTickets: !c.within,
      refundAmountAtLeast: t.guardrail.refundAmountAtLeast,
      ...(c.categories ? { categories: c.categories } : {}),
    });
    const when = c.within ? ` in the last ${lastWindow(c.within)}` : '';
    if (!hits.length) {
      const which = c.categories ? ` (${GUARDRAIL_CATEGORIES.filter((x) => c.categories!.includes(x)).map(words).join(', ')})` : '';
      return { kind: c.kind, held: false, explanation: `no guardrail hit${which}${when}` };
    }
    const named = categoriesOf(hits).map((cat) => `${words(cat)} (${listSome([...new Set(hits.filter((h) => h.hit.category === cat).map((h) => h.ticket.id))], 2)})`);
    return { kind: c.kind, held: true, explanation: `guardrail hit${when}: ${named.join(', ')}` };
  }

  private ticket(c: Extract<RuleCondition, { kind: 'ticket' }>): ConditionResult {
    const stray = strayFilterFields(c.filter, TICKET_FILTER_FIELDS);
    if (stray.length) return { kind: c.kind, held: false, explanation: `${list(stray)} cannot filter tickets (${SIGNAL_FILTER_FIELDS.join(' and ')} are for signals)` };
    const w = c.within ?? DEFAULT_TICKET_WINDOW;
    const from = this.now - windowMs(w);
    const tickets = oldestFirst(
      this.inputs.facts.tickets.filter((t) => isUnresolved(t) && t.createdAt <= this.now && lastActivityAt(t) >= from && this.ticketMatches(t, c.filter)),
      (t) => t.createdAt,
      (t) => t.id,
    );
    const ids = tickets.map((t) => t.id);
    const tail = `${filterWords(c.filter)}, unresolved and active in the last ${lastWindow(w)}`;
    return ids.length
      ? { kind: c.kind, held: true, explanation: `${listSome(ids)} ${ids.length === 1 ? 'matches' : 'match'}${tail}`, ticketIds: ids }
      : { kind: c.kind, held: false, explanation: `no ticket${tail}`, ticketIds: [] };
  }
}
