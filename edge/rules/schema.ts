// Escalation rules as data: conditions over an account (patterns, counts in a time window, CRM fields, the risk
// score, guardrails, its tickets) and the actions to take when they hold, with a cooldown. Plain language compiles
// to this shape (edge/ai), the console edits it, and edge/rules/evaluate.ts decides it; the zod schema is the one
// definition of what a valid rule is.
import { z } from 'zod';
import { SIGNAL_TYPES, type SignalType } from '../../sdk/wire';
import { GUARDRAIL_CATEGORIES } from '../ai/types';
import { patternParamIssues } from '../risk/thresholds';
import { PATTERN_IDS } from '../risk/types';

export const COMPARISONS = ['gte', 'gt', 'lte', 'lt', 'eq', 'neq'] as const;
export const TIME_UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;

/** A time window, as people say it: "in 5 days", "within 72 hours", "in a week". At most 90 days. */
export const windowSchema = z
  .object({ value: z.number().int().positive(), unit: z.enum(TIME_UNITS) })
  .strict()
  .refine((w) => windowMs(w) <= 90 * 86_400_000, 'a window can be at most 90 days');
export type RuleWindow = z.infer<typeof windowSchema>;

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 7 * 86_400_000 } as const;
export const windowMs = (w: { value: number; unit: (typeof TIME_UNITS)[number] }): number => w.value * UNIT_MS[w.unit];

/** What a count condition counts, over the window, for the account (or per user with `per: 'user'`). */
export const COUNT_SUBJECTS = [
  /** tickets created */
  'tickets',
  /** tickets created in the window that are not solved or closed now */
  'unresolved_tickets',
  /** distinct requesters who created tickets */
  'ticket_requesters',
  /** tickets rated bad (or 1–2 of 5) */
  'bad_csat',
  /** friction signals from the SDK (filter by signal type and screen) */
  'friction_signals',
  /** help-article opens */
  'help_opens',
  /** handoff cases from the widget */
  'cases',
] as const;
export type CountSubject = (typeof COUNT_SUBJECTS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/** Narrows what a count or ticket condition looks at. Every field given must hold. */
export const filterSchema = z
  .object({
    signalType: z.enum(SIGNAL_TYPES as [SignalType, ...SignalType[]]).optional(),
    /** A screen glob as tips use it: `*` within a segment, `**` across ("/billing/**"). */
    screen: text(200).optional(),
    /** Any of these words or phrases in the ticket's subject, tags, topic or customer messages (case-insensitive, whole words). */
    mentions: z.array(text(100)).min(1).max(20).optional(),
    priority: z.array(z.enum(['low', 'normal', 'high', 'urgent'])).min(1).optional(),
    tag: text(100).optional(),
    topic: text(100).optional(),
  })
  .strict();
export type RuleFilter = z.infer<typeof filterSchema>;

/** The filter fields that narrow tickets (their words, priority, tags, topic). */
export const TICKET_FILTER_FIELDS = ['mentions', 'priority', 'tag', 'topic'] as const satisfies ReadonlyArray<keyof RuleFilter>;
/** The filter fields that narrow friction signals (their type and screen). */
export const SIGNAL_FILTER_FIELDS = ['signalType', 'screen'] as const satisfies ReadonlyArray<keyof RuleFilter>;

/**
 * Which filter fields mean something for each count subject. A field that cannot apply (a screen on tickets) is
 * refused when the rule is saved, instead of making a rule that silently never fires.
 */
export const FILTER_FIELDS_BY_SUBJECT: Record<CountSubject, ReadonlyArray<keyof RuleFilter>> = {
  tickets: TICKET_FILTER_FIELDS,
  unresolved_tickets: TICKET_FILTER_FIELDS,
  ticket_requesters: TICKET_FILTER_FIELDS,
  bad_csat: TICKET_FILTER_FIELDS,
  friction_signals: SIGNAL_FILTER_FIELDS,
  help_opens: [],
  cases: [],
};

/** The filter fields given that do not apply to what is filtered. */
export function strayFilterFields(filter: RuleFilter | undefined, allowed: ReadonlyArray<keyof RuleFilter>): Array<keyof RuleFilter> {
  return filter ? (Object.keys(filter) as Array<keyof RuleFilter>).filter((k) => filter[k] !== undefined && !allowed.includes(k)) : [];
}

const strayMessage = (field: string, what: string, allowed: ReadonlyArray<string>) =>
  `${field} does not apply to ${what}${allowed.length ? `: they are narrowed by ${allowed.join(', ')}` : ', which take no filter'}`;

export const ACCOUNT_FIELDS = ['tier', 'plan', 'arr', 'health', 'healthScore', 'renewalInDays', 'owner', 'csm'] as const;

export const conditionSchema = z.discriminatedUnion('kind', [
  /** A risk pattern matches the account now; `params` override the workspace's thresholds for this rule only. */
  z
    .object({
      kind: z.literal('pattern'),
      pattern: z.enum(PATTERN_IDS),
      params: z.record(z.string().min(1).max(50), z.number().finite()).optional(),
    })
    .strict()
    .superRefine((c, ctx) => {
      for (const message of patternParamIssues(c.pattern, c.params ?? {})) ctx.addIssue({ code: 'custom', path: ['params'], message });
    }),
  /** "two unresolved tickets in 5 days", "3 users file tickets in a week", "3 friction signals on /billing in a day". */
  z
    .object({
      kind: z.literal('count'),
      subject: z.enum(COUNT_SUBJECTS),
      op: z.enum(COMPARISONS).default('gte'),
      value: z.number().int().nonnegative().max(100_000),
      within: windowSchema,
      /** 'user': some single user reaches the count (e.g. one person cycling); 'account' (default): all users together. */
      per: z.enum(['account', 'user']).default('account'),
      filter: filterSchema.optional(),
    })
    .strict()
    .superRefine((c, ctx) => {
      const allowed = FILTER_FIELDS_BY_SUBJECT[c.subject];
      for (const field of strayFilterFields(c.filter, allowed)) ctx.addIssue({ code: 'custom', path: ['filter', field], message: strayMessage(field, c.subject, allowed) });
    }),
  /** A CRM field: `tier in [enterprise, vip]`, `arr gte 100000`, `renewalInDays lte 60`, or a trait (`trait: "partner"`). */
  z
    .object({
      kind: z.literal('account'),
      field: z.union([z.enum(ACCOUNT_FIELDS), z.string().regex(/^trait:[\w.-]{1,100}$/, 'a trait is named trait:<name>')]),
      op: z.enum([...COMPARISONS, 'in', 'nin', 'exists']),
      value: z.union([z.string().max(200), z.number().finite(), z.boolean(), z.array(z.union([z.string().max(200), z.number().finite()])).min(1).max(50)]).optional(),
    })
    .strict()
    .refine((c) => c.op === 'exists' || c.value !== undefined, { message: 'needs a value to compare with', path: ['value'] })
    .refine((c) => !['in', 'nin'].includes(c.op) || Array.isArray(c.value), { message: 'in and nin need a list of values', path: ['value'] }),
  /** The account's risk score (0–100). */
  z.object({ kind: z.literal('risk_score'), op: z.enum(COMPARISONS), value: z.number().min(0).max(100) }).strict(),
  /** A guardrail was hit in the account's recent tickets or handoffs (any category, or the ones named). */
  z
    .object({
      kind: z.literal('guardrail'),
      categories: z.array(z.enum(GUARDRAIL_CATEGORIES)).min(1).optional(),
      within: windowSchema.optional(),
    })
    .strict(),
  /**
   * Some ticket of the account, created or updated within the window (default 7 days) and not solved, matches the
   * filter: "tickets mentioning chargeback", "any urgent ticket". The actions then apply to those tickets, and the
   * cooldown is per ticket, so each matching ticket is routed once.
   */
  z
    .object({ kind: z.literal('ticket'), filter: filterSchema, within: windowSchema.optional() })
    .strict()
    .superRefine((c, ctx) => {
      for (const field of strayFilterFields(c.filter, TICKET_FILTER_FIELDS)) ctx.addIssue({ code: 'custom', path: ['filter', field], message: strayMessage(field, 'tickets', TICKET_FILTER_FIELDS) });
    }),
]);
export type RuleCondition = z.infer<typeof conditionSchema>;

export const actionSchema = z.discriminatedUnion('type', [
  /** Show this tip to the account's users on their next page load (through their next config fetch). */
  z.object({ type: z.literal('show_tip'), tipId: text(64) }).strict(),
  /** Route the matched (or the account's newest open) ticket to a queue with a priority, in the help desk when one is connected. */
  z
    .object({
      type: z.literal('route_ticket'),
      queue: text(100),
      priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
      /** A destination of kind zendesk or salesforce; without one the routing is recorded and shown in the console. */
      destination: text(100).optional(),
    })
    .strict(),
  /** Put the account in its CSM's review list. */
  z.object({ type: z.literal('flag_csm'), note: text(500).optional() }).strict(),
  /** Tell people: a destination by id or name (Slack channel, signed webhook, email list, the local inbox). */
  z.object({ type: z.literal('outreach'), destination: text(100), message: text(1000).optional() }).strict(),
  /** Email the account's owner (or CSM when no owner is set) through the workspace's email destination. */
  z.object({ type: z.literal('notify_owner'), message: text(1000).optional() }).strict(),
  /** Mark the account's open issue as one a human must handle: no automated tip or reply stands in for it. */
  z.object({ type: z.literal('require_human'), reason: text(300).optional() }).strict(),
]);
export type RuleAction = z.infer<typeof actionSchema>;

/** One day: the same account is not paged twice for the same rule inside it. */
export const DEFAULT_COOLDOWN: RuleWindow = { value: 1, unit: 'days' };

export const ruleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'letters, digits and _ . : - (up to 64)'),
    name: text(200),
    /** The plain-language sentence it was compiled from, kept for people. */
    description: text(2000).optional(),
    enabled: z.boolean().default(true),
    /** 'all' (default): every condition must hold; 'any': one is enough. */
    match: z.enum(['all', 'any']).default('all'),
    conditions: z.array(conditionSchema).min(1).max(10),
    actions: z.array(actionSchema).min(1).max(5),
    cooldown: windowSchema.default(DEFAULT_COOLDOWN),
  })
  .strict();
export type Rule = z.output<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;
