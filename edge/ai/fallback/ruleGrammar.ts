// The offline rule compiler: a grammar for the ways CS teams phrase escalation rules ("if this account has two
// unresolved tickets in 5 days, flag for CSM review"). It reads actions, time windows, counts, patterns, account
// fields and guardrails in turn, each replacing the words it understood by a marker; a sentence with words left over
// that it did not understand is refused rather than half-read, because a rule missing a condition fires too often.
import { describeRule } from '../../rules/describe';
import type { RuleAction, RuleFilter, RuleInput, RuleWindow } from '../../rules/schema';
import type { SignalType } from '../../../sdk/wire';
import type { GuardrailCategory, RuleCompileContext, RuleCompileResult, RuleRefusalCode } from '../types';
import { checkRule, findDestination, listDestinations, listTips } from '../ruleCheck';

/** A rule is a sentence or two; past this it is a policy document, and the grammar should not guess. */
export const MAX_RULE_TEXT = 500;

/**
 * Windows used when the sentence gives none. Friction and help-seeking are about what a user is doing now (a day);
 * tickets and ratings build up over a week, as in the design's patterns.
 */
export const DEFAULT_WINDOWS = {
  friction: { value: 1, unit: 'days' } as RuleWindow,
  tickets: { value: 7, unit: 'days' } as RuleWindow,
};

/** The parameter each pattern reads from a rule's `params`, and the unit it is in. */
export const PATTERN_PARAMS = {
  repeat_contact: { withinHours: 'hours between a solved ticket and the next one' },
  low_csat_reengagement: { withinDays: 'days between the bad rating and the next ticket' },
  tone_drift: { interactions: 'consecutive customer interactions' },
  account_volume: { requesters: 'different requesters', windowDays: 'days' },
  unresolved_stack: { tickets: 'unresolved tickets', windowDays: 'days' },
  usage_drop: { dropPercent: 'drop week over week, in percent' },
  resolved_still_confused: { withinDays: 'days after the solve' },
} as const;

type Condition = RuleInput['conditions'][number];
type Unit = RuleWindow['unit'];

const UNIT_MS: Record<Unit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 };
const inUnit = (w: RuleWindow, unit: Unit) => (w.value * UNIT_MS[w.unit]) / UNIT_MS[unit];

// ---------------------------------------------------------------------------------------------------------------
// Normalising: one spelling for numbers, units and punctuation, so the grammar below has one form to read.

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const UNIT_WORD = String.raw`(minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|fortnights?|months?|years?)`;

function unitOf(word: string): { unit: Unit; factor: number } {
  if (/^min/.test(word)) return { unit: 'minutes', factor: 1 };
  if (/^h/.test(word)) return { unit: 'hours', factor: 1 };
  if (/^d/.test(word)) return { unit: 'days', factor: 1 };
  if (/^(?:w|wk)/.test(word)) return { unit: 'weeks', factor: 1 };
  if (/^f/.test(word)) return { unit: 'weeks', factor: 2 };
  if (/^mo/.test(word)) return { unit: 'days', factor: 30 };
  return { unit: 'days', factor: 365 };
}

function normalise(raw: string): { text: string; notes: string[] } {
  const notes: string[] = [];
  let t = ` ${raw.toLowerCase()} `
    .replace(/[‹›]/g, ' ')
    .replace(/[’‘`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/&/g, ' and ')
    .replace(/\bw\/\s*/g, 'with ')
    .replace(/\be-mail/g, 'email')
    .replace(/\bc-?sat\b/g, 'csat')
    .replace(/\bno one\b/g, 'nobody')
    .replace(/\b(\d+)\s*percent\b/g, '$1%')
    .replace(/\ba couple (?:of )?/g, '2 ')
    .replace(/\ba dozen\b/g, '12')
    .replace(/\btwice\b/g, '2 times');
  // Number words: "twenty-one", "twenty one", "five", "a hundred".
  t = t.replace(new RegExp(`\\b(${Object.keys(TENS).join('|')})(?:[- ](${Object.keys(SMALL).join('|')}))?\\b`, 'g'), (_m, tens: string, unit?: string) =>
    String(TENS[tens]! + (unit ? SMALL[unit]! : 0)),
  );
  t = t.replace(new RegExp(`\\b(${Object.keys(SMALL).join('|')})\\b`, 'g'), (w) => String(SMALL[w]));
  t = t.replace(/\b(?:a|1) hundred\b/g, '100').replace(/\b(\d+) hundred\b/g, (_m, n: string) => String(Number(n) * 100));
  // "72h", "30 mins", "2wks"; "a day", "an hour", "per week", "last week", "a fortnight", "a month".
  t = t.replace(new RegExp(`\\b(\\d+)\\s*(h|d|w|m)\\b`, 'g'), (_m, n: string, u: string) => `${n} ${{ h: 'hours', d: 'days', w: 'weeks', m: 'minutes' }[u]}`);
  t = t.replace(new RegExp(`\\b(?:in |during |over )?(?:the )?(?:last|past|previous) ${UNIT_WORD}\\b`, 'g'), (_m, u: string) => ` in the last 1 ${u}`);
  t = t.replace(new RegExp(`\\bper ${UNIT_WORD}\\b`, 'g'), (_m, u: string) => ` in 1 ${u}`);
  t = t.replace(new RegExp(`\\b(?:a|an|1)(?: single)? ${UNIT_WORD}\\b`, 'g'), (_m, u: string) => `1 ${u}`);
  t = t.replace(/\btoday\b/g, 'in 1 days');
  t = t.replace(new RegExp(`\\b(\\d+)\\s*${UNIT_WORD}\\b`, 'g'), (_m, n: string, u: string) => {
    const { unit, factor } = unitOf(u);
    if (/^mo/.test(u)) notes.push(`"${n} month${n === '1' ? '' : 's'}" is read as ${Number(n) * factor} days.`);
    return `${Number(n) * factor} ${unit}`;
  });
  // 'lawsuit' in single quotes is a quoted term like "lawsuit"; the apostrophe of "account's" is not a quote.
  t = t.replace(/(^|\s)'([^'\n]+)'(?=[\s,.;:!?]|$)/g, '$1"$2"');
  t = t.replace(/"([^"]*)"/g, (_m, inner: string) => `"${inner.trim()}"`);
  t = t.replace(/[.!?;]+\s*$/g, ' ').replace(/\s*([,;])\s*/g, ' $1 ').replace(/\s+/g, ' ');
  return { text: ` ${t.trim()} `, notes };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading: recognisers take the words they understand and leave a marker ("‹c0›", "‹a1›", "‹w2›", "‹k›").

interface Refusal {
  code: RuleRefusalCode;
  reason: string;
}

class Reading {
  text: string;
  readonly conditions: Array<{ c: Condition; window?: 'count' | 'optional' }> = [];
  readonly actions: RuleAction[] = [];
  readonly windows: Array<{ w: RuleWindow; words: string; used: boolean }> = [];
  cooldowns: RuleWindow[] = [];
  readonly warnings: string[] = [];
  refusal: Refusal | null = null;

  constructor(text: string) {
    this.text = text;
  }

  refuse(code: RuleRefusalCode, reason: string): void {
    this.refusal ??= { code, reason };
  }

  /** Replaces every match by what `read` returns (markers, or words to keep for later recognisers), or leaves it. */
  take(pattern: RegExp, read: (m: RegExpExecArray) => string | null): void {
    this.text = this.text.replace(pattern, (...args) => {
      // replace() passes the match, its groups, the offset and the whole string (no named groups are used here).
      const groups = args.slice(0, -2) as string[];
      const m = Object.assign(groups, { index: args[args.length - 2] as number, input: this.text }) as unknown as RegExpExecArray;
      return read(m) ?? m[0]!;
    }).replace(/\s+/g, ' ');
  }

  addCondition(c: Condition, window?: 'count' | 'optional'): string {
    this.conditions.push({ c, window });
    return ` ‹c${this.conditions.length - 1}› `;
  }

  addAction(a: RuleAction): string {
    this.actions.push(a);
    return ` ‹a${this.actions.length - 1}› `;
  }

  addWindow(value: number, unit: Unit, words: string): string {
    this.windows.push({ w: { value, unit }, words, used: false });
    return ` ‹w${this.windows.length - 1}› `;
  }

  /** A window marker captured next to a condition: that condition's window. */
  claimWindow(marker: string | undefined): RuleWindow | undefined {
    if (marker === undefined) return undefined;
    const slot = this.windows[Number(marker)];
    if (!slot) return undefined;
    slot.used = true;
    return slot.w;
  }
}

const g = (source: string, flags = 'g') => new RegExp(source, flags);
const W = String.raw`(?: ?‹w(\d+)›)?`; // an adjacent window marker, captured
const UNIT = String.raw`(minutes|hours|days|weeks)`;
const OP_PREFIX = String.raw`(?:at least|no fewer than|no less than|a minimum of|minimum of|more than|over|above|greater than|fewer than|less than|under|below|at most|no more than|up to|a maximum of|exactly|precisely)`;
const OP_SUFFIX = String.raw`(?:or more|or fewer|or less|\+|plus|or above|or higher|or over)`;
/** A count as people say it, captured whole: "2", "at least 3", "5 or more", "more than 4", "between 2 and 4". */
const QUANT = String.raw`(between \d+ and \d+|(?:${OP_PREFIX} )?\d+(?: ?${OP_SUFFIX})?)`;
type Op = 'gte' | 'gt' | 'lte' | 'lt' | 'eq';
interface Bound {
  op: Op;
  value: number;
}

/** The comparisons a count phrase makes: one ("more than 4" → gt 4), or two for a range ("between 2 and 4"). */
function boundsOf(phrase: string): Bound[] {
  const range = /^between (\d+) and (\d+)$/.exec(phrase);
  if (range) return [{ op: 'gte', value: Number(range[1]) }, { op: 'lte', value: Number(range[2]) }];
  const value = Number(/\d+/.exec(phrase)![0]);
  if (/(?:or more|\+|plus|or above|or higher|or over)$/.test(phrase)) return [{ op: 'gte', value }];
  if (/(?:or fewer|or less)$/.test(phrase)) return [{ op: 'lte', value }];
  if (/^(?:more than|over|above|greater than) /.test(phrase)) return [{ op: 'gt', value }];
  if (/^(?:fewer than|less than|under|below) /.test(phrase)) return [{ op: 'lt', value }];
  if (/^(?:at most|no more than|up to|a maximum of) /.test(phrase)) return [{ op: 'lte', value }];
  if (/^(?:exactly|precisely) /.test(phrase)) return [{ op: 'eq', value }];
  return [{ op: 'gte', value }];
}

const PRIORITY = String.raw`(?:urgent|high|low|normal)`;
const PRIORITY_LIST = String.raw`${PRIORITY}(?:[- ]priority)?(?:(?: or | , | and |/)${PRIORITY}(?:[- ]priority)?)*`;
const priorities = (list: string | undefined): RuleFilter['priority'] =>
  list ? ([...new Set(list.match(/urgent|high|low|normal/g) ?? [])] as NonNullable<RuleFilter['priority']>) : undefined;

/** "mentioning refund or chargeback", "that mention "billing dispute"", "tagged vip-escalation". */
const TERM = String.raw`(?:(?:a|an|the) )?(?:"[^"]+"|[\w-]+)`;
const TICKET_FILTER = String.raw`(?: (?:that |which )?(?:mention(?:s|ing)?|about|contain(?:s|ing)?|saying|say|referring to|with the words?|including) (${TERM}(?:(?: or | , or | , | and )${TERM})*))?(?: (?:that are |which are )?tagged (?:with |as )?(${TERM}(?:(?: or | , )${TERM})*))?`;

function ticketFilter(r: Reading, mentions: string | undefined, tags: string | undefined, priorityList?: string): RuleFilter | undefined {
  const filter: RuleFilter = {};
  const p = priorities(priorityList);
  if (p) filter.priority = p;
  const term = (s: string) => s.replace(/"/g, '').replace(/^(?:a|an|the) /, '').trim();
  if (mentions) filter.mentions = [...new Set(mentions.split(/ or | , or | , | and /).map(term).filter(Boolean))];
  if (tags) {
    const list = tags.split(/ or | , /).map(term);
    if (list.length > 1) r.refuse('unsupported', `A rule can look at one tag; "${tags}" names ${list.length}. Use "mentioning" for several words, or write one rule per tag.`);
    filter.tag = list[0]!;
  }
  return Object.keys(filter).length ? filter : undefined;
}

const ONE_PERSON = String.raw`(?:(someone|somebody|a user|1 user|a single user|any user|a person|the same user|a customer|a visitor|they|he|she) )?`;

const SIGNAL_WORDS: Array<[RegExp, SignalType]> = [
  [/rage/, 'rage_click'],
  [/dead/, 'dead_click'],
  [/cycl|circles/, 'screen_cycling'],
  [/help[- ]seeking|seeks? help/, 'help_seeking'],
  [/error/, 'error_loop'],
  [/form/, 'form_struggle'],
];
const signalOf = (words: string): SignalType | undefined => SIGNAL_WORDS.find(([re]) => re.test(words))?.[1];

const SIGNAL_NOUN = String.raw`(rage[- ]?clicks?|dead[- ]?clicks?|screen[- ]cycling(?: signals?| episodes?)?|cycles|error[- ]loops?|errors|form[- ]struggles?|help[- ]seeking(?: signals?)?|friction(?: signals?| events?)?)`;
const SIGNAL_VERB = String.raw`((?:keeps? |starts? )?(?:rage[- ]?click(?:s|ing)?|dead[- ]?click(?:s|ing)?|cycl(?:es|ing|e)|goes in circles|going in circles|struggl(?:es|ing|e) with (?:a |the )?forms?|hits? (?:an? )?error loops?|gets? stuck in an error loop|seeks? help))`;

/** "on the billing page" → a screen glob; "on /checkout" → that path. */
function screenGlob(words: string): string {
  const w = words.trim();
  if (w.startsWith('/')) return w;
  return `**${w.replace(/^the /, '').replace(/ (?:page|screen|view|tab)s?$/, '').trim().replace(/\s+/g, '*')}**`;
}
const SCREEN = String.raw`(?: on (\/[\w\/:*.-]*|(?:the )?[\w-]+(?: [\w-]+)? (?:page|screen|view|tab)s?))?`;

// ---------------------------------------------------------------------------------------------------------------
// Actions.

const HUMAN = String.raw`(?:a |an )?(?:human agent|human being|human|real person|person|live agent|people|someone)`;

function readActions(r: Reading, ctx: RuleCompileContext): void {
  // A human, before routing: "escalate VIP accounts with any urgent ticket to a human" is not a queue named "a human".
  r.take(
    g(String.raw`\b(escalate|hand(?: it| them| this| the account| the ticket)?(?: off| over)?|route|send|assign|pass|give|bring in|pull in|loop in|get|transfer|forward|move)\b(.*?)\b(?:to|in) ${HUMAN}\b`),
    (m) => `${r.addAction({ type: 'require_human' })}${m[2]} `,
  );
  r.take(
    g(String.raw`\b(?:(?:require|requires|needs?) (?:a )?human(?: review| handling| attention)?|human[- ]only|(?:have|get) a human (?:handle|take over|look at) (?:it|this|them))\b`),
    () => r.addAction({ type: 'require_human' }),
  );
  r.take(
    g(String.raw`\b(?:notify|email|tell|alert|ping|message|let|inform|contact|warn) (?:the |their |its )?(?:account(?:'s)? )?(?:owner|csm|account manager|customer success manager)s?(?: know)?(?: (?:by|via) email)?(?![\w-])`),
    () => r.addAction({ type: 'notify_owner' }),
  );
  const who = String.raw`(?: (?:it|them|this|that|the account|the accounts|this account|that account|these accounts|the customer))?`;
  const csm = String.raw`(?: (?:a|the))?(?: (?:csm|cs|customer success|account manager)(?:'s)?)?(?: (?:review|attention|follow-?up|list|review list|queue|watch ?list|team))?`;
  r.take(g(String.raw`\bflag(?:ged)?${who}(?: (?:for|to|in|into|on)${csm})?\b`), () => r.addAction({ type: 'flag_csm' }));
  r.take(
    g(String.raw`\b(?:mark|put|add|send|queue|surface)${who} (?:for|to|in|into|on) (?:a |the )?(?:csm|cs|customer success)(?:'s)?(?: (?:review|attention|follow-?up|list|review list|queue|watch ?list|team))?\b|\b(?:ask|have|get) (?:the |a |their )?csm to (?:review|look at|check|follow up on) (?:it|this|them|the account)\b|\b(?:csm|cs) review\b`),
    () => r.addAction({ type: 'flag_csm' }),
  );

  readShowTip(r, ctx);

  const priorityTail = String.raw`(?: (?:with|at|as) (?:a |an )?(low|normal|high|urgent)(?: priority)?| as (?:a |an )?(urgent|high|low|normal)(?: priority)?(?: tickets?)?| (?:marked|flagged) (?:as )?(urgent|high))?`;
  const helpdesk = String.raw`(?: (?:in|via|on|through) (zendesk|salesforce))?`;
  const route = (middle: string, queue: string, p1?: string, p2?: string, p3?: string, desk?: string): string => {
    const action: Extract<RuleAction, { type: 'route_ticket' }> = { type: 'route_ticket', queue: queue.trim() };
    const priority = (p1 ?? p2 ?? p3) as 'low' | 'normal' | 'high' | 'urgent' | undefined;
    if (priority) action.priority = priority;
    if (desk) {
      const dests = ctx.destinations.filter((d) => d.kind === desk);
      if (dests.length !== 1) r.refuse(dests.length ? 'ambiguous' : 'invalid', dests.length ? `There are ${dests.length} ${desk} destinations; name the one to route through. ${listDestinations(ctx, [desk])}` : `There is no ${desk} destination to route through. ${listDestinations(ctx)}`);
      else action.destination = dests[0]!.id;
    }
    return `${r.addAction(action)}${middle} `;
  };
  r.take(
    g(String.raw`\b(route|send|assign|move|forward|transfer|escalate|push|put|direct)\b(.*?)\bto (?:the )?([a-z0-9][\w -]{0,40}?) (?:queue|group|team|desk)\b${priorityTail}${helpdesk}`),
    (m) => route(m[2]!, m[3]!, m[4], m[5], m[6], m[7]),
  );
  r.take(
    g(String.raw`\b(route|send|assign|move|forward|transfer|escalate)\b(.*?)\bto (?:the )?((?:tier|level) \d+|l\d)\b${priorityTail}${helpdesk}`),
    (m) => route(m[2]!, m[3]!, m[4], m[5], m[6], m[7]),
  );

  readOutreach(r, ctx);
}

function readShowTip(r: Reading, ctx: RuleCompileContext): void {
  const show = String.raw`\b(?:show|display|surface|offer|trigger|pop up|push|present|serve)(?: (?:them|users?|the user|the customer|customers|people|everyone|that user|those users))?(?: (?:the|a|our))?`;
  const resolve = (phrase: string): string => {
    const words = phrase.split(/[^a-z0-9]+/).filter((w) => w && w !== 'tip');
    const tokens = (t: { id: string; title: string }) => `${t.id} ${t.title}`.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    const fits = (t: { id: string; title: string }) => words.every((w) => tokens(t).some((k) => k === w || (w.length >= 4 && (k.startsWith(w) || w.startsWith(k)) && k.length >= 4)));
    const found = ctx.tips.filter(fits);
    if (found.length === 1) return r.addAction({ type: 'show_tip', tipId: found[0]!.id });
    if (found.length > 1) r.refuse('ambiguous', `"${phrase}" fits several tips: ${found.map((t) => `${t.title} (${t.id})`).join(', ')}. Name one.`);
    else r.refuse('invalid', `There is no tip matching "${phrase}". ${listTips(ctx)}`);
    return ' ‹a?› ';
  };
  r.take(g(String.raw`${show} ([\w -]+?) tip\b`), (m) => resolve(m[1]!.trim()));
  const names = ctx.tips.flatMap((t) => [t.title.toLowerCase(), t.id.toLowerCase()]).sort((a, b) => b.length - a.length).map(escape);
  if (names.length) r.take(g(String.raw`${show} (${names.join('|')})\b`), (m) => resolve(m[1]!));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function readOutreach(r: Reading, ctx: RuleCompileContext): void {
  const verb = String.raw`\b(?:alert|notify|ping|post(?: a message| an alert| it| this)?(?: to| in| on)?|message|send(?: (?:a message|an alert|a note|a notification|an email|it|this|them|a summary))? to|tell|page|email|write to|slack|warn)`;
  const names = ctx.destinations.map((d) => d.name.toLowerCase()).sort((a, b) => b.length - a.length).map(escape);
  const target = String.raw`(#[\w-]+|${names.length ? `${names.join('|')}|` : ''}[\w-]+(?: [\w-]+)? (?:channel|webhook|list|mailing list|inbox))`;
  const via = String.raw`(?: (?:on|in|via|through) (slack|email|webhook|the webhook))?(?: channel)?`;
  r.take(g(String.raw`${verb} (?:the )?${target}${via}(?=[ ,]|$)`), (m) => {
    const name = m[1]!.replace(/ (?:channel|list|mailing list|inbox)$/, '');
    const d = findDestination(ctx, name) ?? findDestination(ctx, m[1]!);
    if (!d) {
      r.refuse('invalid', `There is no destination "${name}". ${listDestinations(ctx)}`);
      return ' ‹a?› ';
    }
    const said = m[2]?.replace(/^the /, '');
    if (said && d.kind !== said && !(said === 'email' && d.kind === 'email')) {
      r.refuse('invalid', `${d.name} is a ${d.kind} destination, not ${said === 'slack' ? 'Slack' : said}. ${listDestinations(ctx, [said])}`);
    }
    return r.addAction({ type: 'outreach', destination: d.id });
  });
  // "alert us on Slack": fine when the workspace has exactly one Slack destination.
  r.take(g(String.raw`${verb}(?: (?:us|the team|people|someone|the channel))? (?:on|in|via) (slack|email)\b`), (m) => {
    const kind = m[1]!;
    const ds = ctx.destinations.filter((d) => d.kind === kind);
    if (ds.length === 1) {
      r.warnings.push(`"${kind}" is read as ${ds[0]!.name}, the workspace's only ${kind} destination.`);
      return r.addAction({ type: 'outreach', destination: ds[0]!.id });
    }
    r.refuse(ds.length ? 'ambiguous' : 'invalid', ds.length ? `Which ${kind} destination? ${listDestinations(ctx, [kind])}` : `There is no ${kind} destination. ${listDestinations(ctx)}`);
    return ' ‹a?› ';
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions.

const PERSON_NOUN = String.raw`(?:users|people|persons|customers|requesters|members|contacts|employees|colleagues|teammates|agents|individuals)`;
const FILE_VERB = String.raw`(?:file|files|filed|filing|open|opens|opened|opening|submit|submits|submitted|create|creates|created|raise|raises|raised|log|logs|logged|send in|sends in|report|reports|reported|write in|contact us|reach out)`;
const DISTINCT = String.raw`(?:different |distinct |separate |unique |individual )?`;
/** "tickets … arrive", "come in", "are filed": the tickets' own verb, which says nothing more. */
const ARRIVE = String.raw`(?: (?:arrive|arrives|come in|comes in|are (?:filed|opened|created|raised|submitted|logged)|get (?:filed|opened)))?`;
const SAME_ACCOUNT = String.raw`(?: (?:from|at|in|of|on) (?:the same|1|a single|that|this|their|an?|the|same) (?:account|company|customer|organi[sz]ation|org|workspace|team))?`;

const daysOf = (value: number, unit: string) => inUnit({ value, unit: unit as Unit }, 'days');
const hoursOf = (value: number, unit: string) => inUnit({ value, unit: unit as Unit }, 'hours');

function readPatterns(r: Reading): void {
  const within = String.raw`(?: (?:within|in|in the next|during the next|over the next) (\d+) ${UNIT})?`;
  const bad = String.raw`(?:(?:a |an )?(?:bad|negative|low|poor|unhappy|1-star|1 star) (?:csat|satisfaction|rating|review|score)(?: (?:rating|score|survey|review))?|rates? (?:us|the ticket|the support|the reply|them) (?:badly|poorly|low|negatively|with 1 star|1 star))`;
  const reopen = String.raw`(?:opens?|files?|submits?|creates?|raises?|logs?|sends? in|writes? in|comes? back with) (?:another|a new|a second|a follow-?up|1 more|an ?other|a further) (?:ticket|request|case)`;
  r.take(
    g(String.raw`\b(?:(?:gives?|leaves?|submits?|has|gets?|receives?|posts?|rates? (?:us|the ticket|a ticket)(?: with)?) )?${bad} (?:and|then|and then|before) (?:later |also |then )?${reopen}${within}`),
    (m) => r.addCondition({ kind: 'pattern', pattern: 'low_csat_reengagement', ...(m[1] ? { params: { withinDays: daysOf(Number(m[1]), m[2]!) } } : {}) }),
  );
  r.take(g(String.raw`\b${bad} (?:followed by|then) (?:another|a new|a second) (?:ticket|request)${within}`), (m) =>
    r.addCondition({ kind: 'pattern', pattern: 'low_csat_reengagement', ...(m[1] ? { params: { withinDays: daysOf(Number(m[1]), m[2]!) } } : {}) }),
  );
  r.take(
    g(String.raw`\b(?:(?:opens?|files?|submits?|creates?|raises?|comes? back with|contacts? us) (?:again |another |a new |a second )?(?:ticket )?within (\d+) ${UNIT} (?:of|after) (?:a |an |the |their )?(?:previous |earlier |last )?(?:ticket )?(?:being |was |is |getting )?(?:solved|resolved|closed)(?: 1| ticket)?|(?:reopens?|re-opens?) (?:a |the )?(?:solved |closed )?ticket${within}|repeat contacts?${within})`),
    (m) => {
      const n = m[1] ?? m[3] ?? m[5];
      const u = m[2] ?? m[4] ?? m[6];
      return r.addCondition({ kind: 'pattern', pattern: 'repeat_contact', ...(n && u ? { params: { withinHours: hoursOf(Number(n), u) } } : {}) });
    },
  );
  r.take(
    g(String.raw`\b(?:(?:the )?(?:customer'?s? |their |his |her )?(?:tone|sentiment|mood)(?: of (?:the )?(?:customer|their messages|messages))? (?:turns?|turning|gets?|getting|becomes?|becoming|goes|going|drifts?|drifting|slides?|sliding|shifts?|shifting|is)(?: more)? (?:negative|sour|angry|angrier|hostile|worse|bad|frustrated)|(?:customers?|they|the customer) (?:gets?|getting|becomes?|grows?|sounds?) (?:angry|angrier|frustrated|upset|more negative)|tone drift)\b`),
    () => r.addCondition({ kind: 'pattern', pattern: 'tone_drift' }),
  );
  r.take(
    g(String.raw`\b(?:product )?(?:usage|activity|engagement|logins?)(?: of the product| in the product)? (?:drops?|dropping|falls?|falling|declines?|declining|goes down|decreases?|decreasing|dips?)(?: by)?(?: (?:more than |at least |over )?(\d+) ?%)?(?: or more)?(?: (?:week over week|wow|from last week|compared to last week|in 1 weeks?))?`),
    (m) => r.addCondition({ kind: 'pattern', pattern: 'usage_drop', ...(m[1] ? { params: { dropPercent: Number(m[1]) } } : {}) }),
  );
  r.take(
    g(String.raw`\b(?:still (?:confused|struggling|stuck)|keeps? (?:seeking help|reading help|reading (?:the )?docs|struggling)|seeks? help again|comes? back (?:confused|for help)|returns? to the help (?:center|articles))(?: (?:within|in) (\d+) ${UNIT})? after (?:a |the |their )?(?:ticket|case|issue) (?:was |is |got |has been )?(?:solved|resolved|closed)(?: within (\d+) ${UNIT})?`),
    (m) => {
      const n = m[1] ?? m[3];
      const u = m[2] ?? m[4];
      return r.addCondition({ kind: 'pattern', pattern: 'resolved_still_confused', ...(n && u ? { params: { withinDays: daysOf(Number(n), u) } } : {}) });
    },
  );
  r.take(g(String.raw`\b(?:(?:repeated|lots of|a lot of|recurring|ongoing|repeat|constant|heavy) (?:in-product )?friction|friction (?:followed by|and then|then) a ticket|in-product friction)\b`), () =>
    r.addCondition({ kind: 'pattern', pattern: 'in_product_friction' }),
  );
}

function readAccountFields(r: Reading): void {
  r.take(
    g(String.raw`\b(?:renew(?:s|ing)?|up for renewal|(?:whose )?renewal (?:is |comes )?(?:due )?(?:date )?(?:is )?)(?: (?:in|within)(?: the next| the coming)?) (\d+) (days|weeks)\b`),
    (m) => r.addCondition({ kind: 'account', field: 'renewalInDays', op: 'lte', value: daysOf(Number(m[1]), m[2]!) }),
  );
  const cmp = String.raw`(over|above|greater than|more than|at least|of at least|under|below|less than|at most)`;
  const money = String.raw`\$?(\d+(?:[.,]\d+)?) ?(k|m)?`;
  const amount = (n: string, k: string | undefined) => Number(n.replace(/,/g, '')) * (k === 'k' ? 1_000 : k === 'm' ? 1_000_000 : 1);
  const arrOp = (c: string): Op => (/over|above|greater|more/.test(c) ? 'gt' : /at least/.test(c) ? 'gte' : /under|below|less/.test(c) ? 'lt' : 'lte');
  r.take(g(String.raw`\b(?:arr|annual recurring revenue|annual revenue|contract value|acv)(?: is| of)? ${cmp} ${money}`), (m) =>
    r.addCondition({ kind: 'account', field: 'arr', op: arrOp(m[1]!), value: amount(m[2]!, m[3]) }),
  );
  r.take(g(String.raw`\b(?:worth )?${cmp} ${money} (?:in |of )?(?:arr|acv|annual revenue)\b`), (m) =>
    r.addCondition({ kind: 'account', field: 'arr', op: arrOp(m[1]!), value: amount(m[2]!, m[3]) }),
  );
  r.take(
    g(String.raw`\b(?:(?:the |its |their )?health(?: status)? (?:is )?(red|yellow|green|amber)|(red|yellow|green|amber)[- ]health)\b`),
    (m) => r.addCondition({ kind: 'account', field: 'health', op: 'in', value: [m[1] ?? m[2]!] }),
  );
  r.take(g(String.raw`\bhealth ?score (?:is |drops |falls )?(below|under|less than|above|over|at least|at most) (\d+)\b`), (m) =>
    r.addCondition({ kind: 'account', field: 'healthScore', op: arrOp(m[1]!), value: Number(m[2]) }),
  );
  r.take(
    g(String.raw`\b(?:(?:the |its |their |an |the account'?s? )?(?:account'?s? )?risk(?: score)?|(?:the )?score)(?: is| goes| gets| rises| climbs| reaches| hits| crosses| exceeds| passes| of)?(?: (?:to |up to ))?(?: (above|over|greater than|higher than|more than|beyond|at least|below|under|less than|lower than|at most|exactly|>=|>|<=|<|=))? (\d+)(?: ?(or more|or higher|or above|\+|or less|or lower|or below))?\b`),
    (m) => {
      const c = m[1];
      const s = m[3];
      const verb = m[0]!;
      let op: Op = 'gte';
      if (s) op = /more|higher|above|\+/.test(s) ? 'gte' : 'lte';
      else if (c) op = /above|over|greater|higher|more|beyond|^>$/.test(c) ? 'gt' : /at least|>=/.test(c) ? 'gte' : /below|under|less|lower|^<$/.test(c) ? 'lt' : /at most|<=/.test(c) ? 'lte' : 'eq';
      else if (/exceeds|crosses|passes/.test(verb)) op = 'gt';
      return r.addCondition({ kind: 'risk_score', op, value: Number(m[2]) });
    },
  );
}

function readWindows(r: Reading): void {
  // Two windows for one thing ("in 5 days or 3 days") cannot be placed: say so rather than pick one.
  const twoWindows = g(String.raw`(\d+) ${UNIT} or (?:in |within )?(\d+) ${UNIT}`, '').exec(r.text);
  if (twoWindows) r.refuse('ambiguous', `It names two time windows where one is needed: ${twoWindows[1]} ${twoWindows[2]} or ${twoWindows[3]} ${twoWindows[4]}. Which one should it be?`);
  r.take(
    g(String.raw`(?:\b(?:in|within|over|during|inside|in the (?:last|past|next)|over the (?:last|past)|for the (?:last|past)|within the (?:last|past|next)) )?(\d+) ${UNIT}\b`),
    (m) => r.addWindow(Number(m[1]), m[2] as Unit, m[0]!.trim()),
  );
}

type Count = Condition & { kind: 'count' };

function readCounts(r: Reading): void {
  /** One condition per bound of the phrase, all over the window written next to it. */
  const count = (quant: string, condition: Omit<Count, 'op' | 'value'>, marker: string | undefined): string => {
    const within = r.claimWindow(marker);
    return boundsOf(quant)
      .map((b) => r.addCondition({ ...condition, ...b, ...(within ? { within } : {}) } as Count, within ? undefined : 'count'))
      .join(' ');
  };
  const tickets = (subject: Count['subject'], filter?: RuleFilter): Omit<Count, 'op' | 'value'> => ({ kind: 'count', subject, within: DEFAULT_WINDOWS.tickets, ...(filter ? { filter } : {}) });

  // "3 users from the same account file tickets", "tickets from 3 different users".
  r.take(g(String.raw`\b${QUANT} ${DISTINCT}${PERSON_NOUN}${SAME_ACCOUNT} (?:all |each |have |each have )?${FILE_VERB}(?: (?:a |an )?(?:tickets?|requests?|cases?|issues?))?${W}`), (m) =>
    count(m[1]!, tickets('ticket_requesters'), m[2]),
  );
  r.take(g(String.raw`\b(?:tickets?|requests?) (?:from|by) ${QUANT} ${DISTINCT}${PERSON_NOUN}${SAME_ACCOUNT}${ARRIVE}${W}`), (m) => count(m[1]!, tickets('ticket_requesters'), m[2]));
  // "1 bad CSAT", "2 negative ratings".
  r.take(
    g(String.raw`\b${QUANT} (?:bad|negative|low|poor|unhappy|1-star|1 star|dissatisfied) (?:csats?|satisfaction)?(?: ?(?:ratings?|scores?|reviews?|surveys?|responses?))?(?<=csats?|ratings?|scores?|reviews?|surveys?|responses?)${W}`),
    (m) => count(m[1]!, tickets('bad_csat'), m[2]),
  );
  // "2 unresolved tickets", "3 urgent tickets mentioning refund".
  const filing = String.raw`(?:${FILE_VERB} |(?:racks? up|gets?|receives?|has|have) )?`;
  r.take(g(String.raw`\b${filing}${QUANT} (?:unresolved|open|unsolved|pending|outstanding|unanswered|active|still open) (?:support )?(?:tickets?|requests?|cases?|issues?)${TICKET_FILTER}${ARRIVE}${W}`), (m) =>
    count(m[1]!, tickets('unresolved_tickets', ticketFilter(r, m[2], m[3])), m[4]),
  );
  r.take(g(String.raw`\b${filing}${QUANT} (?:(${PRIORITY_LIST}) )?(?:priority )?(?:support )?(?:tickets?|requests?|complaints?)${TICKET_FILTER}${ARRIVE}${W}`), (m) =>
    count(m[1]!, tickets('tickets', ticketFilter(r, m[3], m[4], m[2])), m[5]),
  );
  // Friction: "10 friction signals", "5 rage clicks on /checkout", "a user cycles on the billing page 3 times".
  const friction = (who: string | undefined, words: string, screen: string | undefined): Omit<Count, 'op' | 'value'> => {
    const filter: RuleFilter = {};
    const type = signalOf(words);
    if (type) filter.signalType = type;
    if (screen) filter.screen = screenGlob(screen);
    return { kind: 'count', subject: 'friction_signals', within: DEFAULT_WINDOWS.friction, ...(who ? { per: 'user' as const } : {}), ...(Object.keys(filter).length ? { filter } : {}) };
  };
  r.take(g(String.raw`\b${ONE_PERSON}(?:has |gets |hits |triggers )?${QUANT} ${SIGNAL_NOUN}${SCREEN}${W}`), (m) => count(m[2]!, friction(m[1], m[3]!, m[4]), m[5]));
  r.take(g(String.raw`\b${ONE_PERSON}${SIGNAL_VERB}${SCREEN} ${QUANT} times${W}${SCREEN}${W}`), (m) => count(m[4]!, friction(m[1], m[2]!, m[3] ?? m[6]), m[5] ?? m[7]));
  // Help: "someone opens 3 help articles", "5 help-article opens".
  const help = (who: string | undefined): Omit<Count, 'op' | 'value'> => ({ kind: 'count', subject: 'help_opens', within: DEFAULT_WINDOWS.friction, ...(who ? { per: 'user' as const } : {}) });
  r.take(g(String.raw`\b${ONE_PERSON}(?:opens?|reads?|views?|visits?|looks? at|checks?) ${QUANT} (?:help(?:[- ]center)? )?(?:articles?|help pages?|docs?(?: pages?)?)${W}`), (m) =>
    count(m[2]!, help(m[1]), m[3]),
  );
  r.take(g(String.raw`\b${QUANT} help[- ]article (?:opens|views)${W}`), (m) => count(m[1]!, help(undefined), m[2]));
  r.take(g(String.raw`\b${QUANT} (?:handoffs?|handoff (?:cases|requests)|widget (?:cases|handoffs)|cases from the widget|escalation requests)${W}`), (m) =>
    count(m[1]!, tickets('cases'), m[2]),
  );
  // A user doing it at all: "when someone cycles on the billing page", "if a user rage clicks on /checkout".
  r.take(g(String.raw`\b${ONE_PERSON}${SIGNAL_VERB}${SCREEN}${W}`), (m) => {
    if (!m[1] && !m[3]) return null;
    return count('1', friction(m[1] ?? 'someone', m[2]!, m[3]), m[4]);
  });
}

function readTickets(r: Reading): void {
  // "tickets mentioning chargeback", "any urgent ticket", "a high or urgent priority ticket", "tickets tagged x".
  r.take(
    g(String.raw`\b(?:(?:opens?|files?|submits?|raises?|creates?|logs?|has|have|gets?) )?(?:(?:any|an|a|all|every|each|new) )?(?:(${PRIORITY_LIST}) )?(?:priority )?(?:support )?tickets?(?: with (${PRIORITY_LIST}) priority)?${TICKET_FILTER}${W}`),
    (m) => {
      const filter = ticketFilter(r, m[3], m[4], m[1] ?? m[2]) ?? {};
      const within = r.claimWindow(m[5]);
      if (Object.keys(filter).length === 0 && !r.actions.some((a) => a.type === 'route_ticket')) return null;
      return r.addCondition({ kind: 'ticket', filter, ...(within ? { within } : {}) }, within ? undefined : 'optional');
    },
  );
}

const TIERS = String.raw`(?:vip|enterprise|strategic|key|partner|premium|business|pro|professional|free|trial|startup|smb|mid-?market|gold|platinum|silver|bronze|tier[- ]?\d)`;

function readTiers(r: Reading): void {
  r.take(
    g(String.raw`\b(?:(?:a|an|the|any|all|our|this|that|these) )?(${TIERS}(?:(?: or | , | and |/)${TIERS})*)(?:[- ]tier)? (?:accounts?|customers?|clients?|companies|orgs?|organi[sz]ations?)\b`),
    (m) => r.addCondition({ kind: 'account', field: 'tier', op: 'in', value: [...new Set(m[1]!.split(/ or | , | and |\//).map((s) => s.trim()))] }),
  );
  r.take(g(String.raw`\b(?:accounts?|customers?|clients?)? ?(?:on|in) (?:the |a )?([\w-]+) (tier|plan)\b`), (m) =>
    r.addCondition({ kind: 'account', field: m[2] as 'tier' | 'plan', op: 'in', value: [m[1]!] }),
  );
}

const GUARDRAIL_PHRASES: Array<[GuardrailCategory | null, string]> = [
  ['legal_threat', String.raw`(?:(?:threatens?|threatening|threatened|mentions?|mentioning|talks? about|brings? up|raises?) )?(?:legal action|a lawyer|lawyers|an attorney|attorneys|a lawsuit|lawsuits?|to sue|suing|legal threats?|litigation)`],
  ['cancellation', String.raw`(?:(?:threatens?|threatening|wants?|asks?|intends?|plans?|says? (?:they|he|she) will) (?:to )?(?:cancel|churn|leave)|cancellation intent|threatens? cancellation|(?:mentions?|talks? about) (?:cancelling|canceling|cancellation|leaving|churning))`],
  ['manager_request', String.raw`(?:(?:asks?|asking|requests?|requesting|demands?|demanding|wants?) (?:for |to (?:speak|talk) (?:to|with) )?(?:a |the |your )?(?:manager|supervisor)|manager requests?)`],
  ['chargeback', String.raw`(?:(?:threatens?|threatening|files?|filing|mentions?|raises?|opens?) )?(?:a )?charge-?backs?`],
  ['privacy', String.raw`(?:(?:a|an) )?(?:gdpr|privacy|data[- ]deletion|data[- ]protection|dsar|data subject) (?:requests?|issues?|complaints?|concerns?)|asks? (?:us )?to delete (?:their|his|her|its) (?:personal )?data`],
  ['fraud', String.raw`(?:reports? )?(?:fraud|account takeovers?)|(?:is|gets|was|got) hacked`],
  ['safety', String.raw`safety (?:issues?|risks?|concerns?|incidents?)|self-harm`],
  ['high_value_refund', String.raw`(?:asks? for )?(?:a )?(?:high-value|high value|large|big) refunds?(?: requests?)?`],
  [null, String.raw`(?:hits? |triggers? )?(?:any |a )?guardrails?(?: (?:is |are )?(?:hit|triggered|tripped))?`],
];

function readGuardrails(r: Reading): void {
  const found = new Set<GuardrailCategory>();
  let any = false;
  let marker: string | undefined;
  let at: string | null = null;
  for (const [category, phrase] of GUARDRAIL_PHRASES) {
    r.take(g(String.raw`\b(?:${phrase})\b${W}`), (m) => {
      if (category) found.add(category);
      else any = true;
      marker ??= m[m.length - 1];
      if (at === null) {
        at = ' ‹g› ';
        return at;
      }
      return ' ';
    });
  }
  if (at === null) return;
  const within = r.claimWindow(marker);
  const c: Condition = { kind: 'guardrail', ...(found.size && !any ? { categories: [...found] } : {}), ...(within ? { within } : {}) };
  r.text = r.text.replace(' ‹g› ', r.addCondition(c, within ? undefined : 'optional'));
}

function readCooldowns(r: Reading): void {
  const take = (re: RegExp, n: (m: RegExpExecArray) => [string | undefined, string]) =>
    r.take(re, (m) => {
      const [value, unit] = n(m);
      r.cooldowns.push({ value: Number(value ?? 1), unit: unit as Unit });
      return ' ‹k› ';
    });
  take(g(String.raw`(?:\b(?:at most|no more than|not more than|max(?:imum)?|only|just|no more often than|not more often than) )?\bonce (?:(?:a|an|per|every|each|in) )?(?:(\d+) )?${UNIT}(?: per (?:account|ticket|customer))?`), (m) => [m[1], m[2]!]);
  take(g(String.raw`\b(?:with )?(?:a )?cool ?-?down(?: period)? (?:of )?(\d+) ${UNIT}`), (m) => [m[1], m[2]!]);
  take(g(String.raw`\b(?:don't|do not|never|not) (?:alert|page|notify|fire|repeat|trigger|re-?fire|ping)(?: (?:them|it|people|anyone|the same account))? (?:more than once|again) (?:in|within|for) (\d+) ${UNIT}`), (m) => [m[1], m[2]!]);
  take(g(String.raw`\b(?:no more (?:often )?than|not more often than) (?:once )?every (\d+) ${UNIT}`), (m) => [m[1], m[2]!]);
  take(g(String.raw`\bevery (\d+) ${UNIT}`), (m) => [m[1], m[2]!]);
}

// ---------------------------------------------------------------------------------------------------------------
// Putting it together.

/** Words that carry no condition or action of their own once the recognisers have read the sentence. */
const FILLER = new Set(
  `if when whenever as soon then and or , the a an this that these those such same account accounts account's customer customers customer's client clients company
   has have had having is are was were be been gets get got it its it's them they their there for of on in at to from with by any all every each user users
   someone somebody anyone person people please also automatically immediately right away time times new rule create make set up i we want would like should
   must can our my me us do does ever only just so that's whose who which where`.split(/\s+/),
);
const NEGATIONS = /\b(?:unless|except|excluding|but not|not|no|never|without|other than)\b/;

/** A rule id from its name or sentence: "if-this-account-has-2-unresolved-tickets-in-5-days". */
export function ruleIdFor(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '') || 'rule';
}

function inSentenceOrder<T>(text: string, kind: 'c' | 'a', items: T[]): T[] {
  const first = (i: number) => text.indexOf(`‹${kind}${i}›`);
  return items.map((item, i) => ({ item, at: first(i) })).sort((a, b) => a.at - b.at).map((x) => x.item);
}

const refusal = (code: RuleRefusalCode, reason: string): RuleCompileResult => ({ ok: false, code, reason, source: 'fallback' });

/** Plain language → a rule to confirm, or the reason it cannot be one. Deterministic and offline. */
export function compileRuleOffline(sentence: string, ctx: RuleCompileContext): RuleCompileResult {
  const original = sentence.trim().replace(/\s+/g, ' ');
  if (!original) return refusal('invalid', 'Write the rule as a sentence, for example "if this account has 2 unresolved tickets in 5 days, flag for CSM review".');
  if (original.length > MAX_RULE_TEXT) return refusal('invalid', `A rule is one or two sentences (at most ${MAX_RULE_TEXT} characters); this is ${original.length}.`);

  const { text, notes } = normalise(original);
  const r = new Reading(text);
  r.warnings.push(...notes);
  readCooldowns(r);
  readActions(r, ctx);
  readPatterns(r);
  readAccountFields(r);
  readWindows(r);
  readCounts(r);
  readTickets(r);
  readTiers(r);
  readGuardrails(r);
  if (r.refusal) return refusal(r.refusal.code, r.refusal.reason);

  // Conditions that needed a window take the nearest one left; a window nobody takes was said for nothing.
  const positions = (re: RegExp) => [...r.text.matchAll(re)].map((m) => ({ i: Number(m[1]), at: m.index }));
  const condAt = positions(/‹c(\d+)›/g);
  const winAt = positions(/‹w(\d+)›/g).filter((w) => !r.windows[w.i]!.used);
  for (const need of ['count', 'optional'] as const) {
    for (const { i, at } of condAt) {
      const slot = r.conditions[i]!;
      if (slot.window !== need) continue;
      const free = winAt.filter((w) => !r.windows[w.i]!.used).sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at))[0];
      if (free) {
        r.windows[free.i]!.used = true;
        slot.c = { ...slot.c, within: r.windows[free.i]!.w } as Condition;
      } else if (need === 'count') {
        const w = (slot.c as { within: RuleWindow }).within;
        r.warnings.push(`No time window was given for one count; it uses ${w.value === 1 ? `the last ${w.unit.replace(/s$/, '')}` : `the last ${w.value} ${w.unit}`}.`);
      }
    }
  }
  const unused = r.windows.filter((w) => !w.used);
  if (unused.length) return refusal('ambiguous', `It names a time window ("${unused.map((w) => w.words).join('", "')}") that no condition uses. Which condition is it for?`);
  if (r.cooldowns.length > 1) return refusal('ambiguous', `It names ${r.cooldowns.length} cooldowns (${r.cooldowns.map((c) => `${c.value} ${c.unit}`).join(' and ')}). Say one.`);

  // "2 or 3 unresolved tickets": a number left over is a second value for something already read.
  const stray = /(\d+) (?:or|to|-) ‹c(\d+)›/.exec(r.text);
  if (stray) {
    const c = r.conditions[Number(stray[2])]?.c as { value?: number } | undefined;
    return refusal('ambiguous', `It names two numbers for one count: ${stray[1]} or ${c?.value ?? 'another'}. Which one should it be?`);
  }
  const rest = r.text.replace(/‹[a-z]\d*\??›/g, ' ');
  const leftover = (rest.match(/[\p{L}\p{N}'#%$/-]+/gu) ?? []).filter((w) => !FILLER.has(w));
  if (leftover.some((w) => /^\d/.test(w))) return refusal('ambiguous', `It names a number I cannot place ("${leftover.find((w) => /^\d/.test(w))}"). Say what it counts and over what time.`);
  if (NEGATIONS.test(leftover.join(' '))) {
    return refusal('unsupported', 'Exceptions ("unless", "except", "not") are not something the offline rule grammar can express; write the rule without them, or configure a model.');
  }
  if (r.actions.length === 0) {
    return refusal('unsupported', 'It does not say what should happen. Add an action: flag for CSM review, alert a destination, route to a queue, show a tip, notify the account owner, or escalate to a human.');
  }
  if (leftover.length) {
    return refusal('unsupported', `I could not understand "${leftover.join(' ')}". Rephrase it with counts over time ("2 unresolved tickets in 5 days"), account fields, risk score or guardrails, or configure a model.`);
  }
  if (r.conditions.length === 0) {
    return refusal('unsafe', 'It has no condition, so it would fire for every account. Say when it should fire, for example "when an account has 2 unresolved tickets in 5 days".');
  }
  const joined = (word: string) => new RegExp(`‹c\\d+›(?:[^‹]|‹[wk]\\d*›)*\\b${word}\\b(?:[^‹]|‹[wk]\\d*›)*‹c\\d+›`).test(r.text);
  const ors = joined('or');
  const ands = joined('and');
  if (ors && ands) return refusal('ambiguous', 'It joins conditions with both "and" and "or"; split it into two rules so each is clear.');

  const rule: RuleInput = {
    id: ruleIdFor(original),
    name: original.length > 120 ? `${original.slice(0, original.lastIndexOf(' ', 119))}…` : original.replace(/[.!?]+$/, ''),
    description: original,
    ...(ors && r.conditions.length > 1 ? { match: 'any' as const } : {}),
    // In the order the sentence says them, so the restatement reads like the sentence.
    conditions: inSentenceOrder(r.text, 'c', r.conditions.map((c) => c.c)),
    // "Flag … for CSM review" can read as two flags: one action of each kind is what was meant (two would page twice).
    actions: inSentenceOrder(r.text, 'a', r.actions).filter((a, i, all) => all.findIndex((b) => JSON.stringify(b) === JSON.stringify(a)) === i),
    ...(r.cooldowns[0] ? { cooldown: r.cooldowns[0] } : {}),
  };
  const checked = checkRule(rule, ctx);
  if (!checked.ok) return refusal(checked.code, checked.reason);
  return { ok: true, rule: checked.rule, restatement: describeRule(checked.rule, ctx), warnings: [...r.warnings, ...checked.warnings], source: 'fallback' };
}
