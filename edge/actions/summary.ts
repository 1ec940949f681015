// The handoff summary every trigger and routed case carries, built by template from stored facts: what happened,
// what was checked, what the customer wants, the account, the policy and the next step, as JSON and as markdown.
import { escapeMarkdown as esc } from '../markdown';
import { oldestFirst } from '../risk/lib/order';
import { count, formatAmount, listSome, words } from '../risk/lib/prose';
import { DAY_MS, formatDay } from '../risk/lib/time';
import { accountName, isUnresolved, ratedAt } from '../risk/lib/tickets';
import type { AccountFacts, FactTicket, PatternId, RiskAssessment } from '../risk/types';
import type { RuleAction } from '../rules/schema';
import type { HandoffSummary } from './types';

/** How far back the trail reaches: two weeks covers every pattern's window and the recency horizon. */
export const TRAIL_DAYS = 14;
/** Lines in "what happened": enough for the story, few enough for a Slack message (the newest are kept). */
export const TRAIL_LINES = 25;
/** The customer's words, clipped: a paragraph, not the whole thread. */
export const CUSTOMER_WORDS_CHARS = 280;
/** Tickets and ratings shown in the account context. */
export const RECENT_TICKETS = 5;

export interface HandoffSummaryInput {
  facts: AccountFacts;
  assessment: RiskAssessment;
  /** The rule that fired: its name, its actions, the tickets it matched and (from evaluateRule) why it held. */
  rule?: { name: string; actions: RuleAction[]; ticketIds: string[]; explanations?: string[] };
  /** A widget handoff case, when the summary is for one: the user's own answers. */
  handoff?: { caseId: string; reference: string; userId: string | null; answers: { tryingTo: string; expected?: string; email?: string }; at: number };
}

/** What to do about each pattern when no rule says: the first step a senior agent or CSM would take. */
const NEXT_STEP: Record<PatternId, string> = {
  guardrail: 'Hand the open ticket to a person with the authority to resolve it; send no automated reply.',
  repeat_contact: 'Reopen the original issue with the customer and confirm the fix holds before closing again.',
  low_csat_reengagement: 'Have a senior agent or the CSM acknowledge the bad rating and own the new ticket.',
  tone_drift: 'Reply personally and soon, and acknowledge the frustration before the next troubleshooting step.',
  account_volume: 'Look for one account-wide cause (an outage, a setting, a release) and tell the account what you find.',
  unresolved_stack: 'Triage the open tickets together and give the account one owner and one update.',
  usage_drop: "Ask the account's champion what changed and whether something blocks them.",
  in_product_friction: 'Look at the screens where users struggle and offer help before the next ticket.',
  resolved_still_confused: 'Follow up on the solved ticket: the answer did not land.',
};

/** Whitespace folded, cut at a word near `max` with an ellipsis. */
function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** "13 Jun 10:05 UTC". */
const when = (ms: number) => `${formatDay(ms)} ${new Date(ms).toISOString().slice(11, 16)} UTC`;
const sentence = (s: string) => s.replace(/\.$/, '');

export function buildHandoffSummary(input: HandoffSummaryInput, now: number): HandoffSummary {
  const { facts, assessment, rule, handoff } = input;
  const a = facts.account;
  const name = accountName(facts);
  const from = now - TRAIL_DAYS * DAY_MS;
  const tickets = oldestFirst(facts.tickets, (t) => t.createdAt, (t) => t.id);
  const matched = new Set(rule?.ticketIds ?? []);

  // Headline: who, what they are worth and when they renew, and the one thing that made us look.
  const renewsIn = a?.renewalAt != null && a.renewalAt >= now ? Math.floor((a.renewalAt - now) / DAY_MS) : null;
  const about = [a?.tier, a?.arr != null ? `${formatAmount(a.arr)} ARR` : null, renewsIn !== null ? `renews in ${count(renewsIn, 'day')}` : null].filter(Boolean);
  const topPattern = assessment.reasons.find((r) => r.kind === 'pattern' && r.points > 0) ?? assessment.reasons.find((r) => r.kind === 'pattern');
  const why = handoff
    ? `${handoff.userId ?? 'a visitor'} asked for a person from the product (${handoff.reference})`
    : rule?.explanations?.[0] ?? (topPattern ? sentence(topPattern.sentence) : rule ? rule.name : 'no risk pattern matches now');
  const headline = `${name}${about.length ? ` (${about.join(', ')})` : ''}: ${why}.`;

  const whatHappened = trail(facts, tickets, from, now);
  const whatWasChecked = checked(facts, tickets, from, now);

  const wants = customerWords(input, tickets, matched);
  const recentTickets = [...tickets].reverse().slice(0, RECENT_TICKETS).map((t) => ({ id: t.id, subject: t.subject, status: t.status, createdAt: t.createdAt }));
  const csat = oldestFirst(
    tickets.flatMap((t) => (t.csat ? [{ ticketId: t.id, score: t.csat.score, negative: t.csat.negative, at: ratedAt(t) }] : [])),
    (r) => r.at ?? 0,
    (r) => r.ticketId,
  )
    .reverse()
    .slice(0, RECENT_TICKETS);

  const guard = assessment.reasons.find((r) => r.id === 'guardrail');
  const actions = rule?.actions ?? [];
  const requireHuman = actions.find((x): x is Extract<RuleAction, { type: 'require_human' }> => x.type === 'require_human');
  const requiresHuman = assessment.requiresHuman || requireHuman !== undefined;
  const guardrails = guard?.guardrails ?? [];
  const notes = [
    ...guardrails.map((c) => `${words(c)}: "${guard!.evidence.values?.[c] ?? ''}"`),
    ...(guard?.evidence.values?.vip ? [`VIP account (${guard.evidence.values.vip}): its open tickets go to a person.`] : []),
    ...(requireHuman ? [`The rule requires a person${requireHuman.reason ? `: ${requireHuman.reason}` : '.'}`] : []),
    ...actions.flatMap((x) => (x.type === 'flag_csm' && x.note ? [`CSM note: ${x.note}`] : [])),
    ...(requiresHuman ? ['No automated tip or reply should stand in for a person here.'] : []),
  ];

  const nextAction = nextStep(input, name, requiresHuman, topPattern?.id as PatternId | undefined);
  const summary: Omit<HandoffSummary, 'markdown'> = {
    headline,
    whatHappened,
    whatWasChecked,
    customerWants: wants?.text ?? 'Not stated: no customer message or handoff answer on record.',
    account: { id: facts.accountId, name: a?.name ?? null, tier: a?.tier ?? null, arr: a?.arr ?? null, renewalAt: a?.renewalAt ?? null, owner: a?.owner ?? null, csm: a?.csm ?? null, riskScore: assessment.score, recentTickets, csat },
    policy: { guardrails, requiresHuman, notes },
    nextAction,
    source: 'template',
  };
  return { ...summary, markdown: markdown(summary, assessment, wants, renewsIn) };
}

/** Tickets opened, solved and rated, friction, and handoff cases since `from`, oldest first, the newest TRAIL_LINES kept. */
function trail(facts: AccountFacts, tickets: readonly FactTicket[], from: number, now: number): string[] {
  const events: Array<{ at: number; id: string; line: string }> = [];
  const within = (at: number | null): at is number => at !== null && at >= from && at <= now;
  for (const t of tickets) {
    if (within(t.createdAt)) events.push({ at: t.createdAt, id: `${t.id}:0`, line: `${t.id} opened${t.requesterId ? ` by ${t.requesterId}` : ''}${t.subject ? `: "${clip(t.subject, 100)}"` : ''}` });
    if (within(t.solvedAt)) events.push({ at: t.solvedAt, id: `${t.id}:1`, line: `${t.id} solved` });
    const rated = ratedAt(t);
    if (t.csat && within(rated)) events.push({ at: rated, id: `${t.id}:2`, line: `${t.id} rated ${t.csat.score}${t.csat.comment ? `: "${clip(t.csat.comment, 120)}"` : ''}` });
  }
  for (const s of facts.signals) {
    if (within(s.at)) events.push({ at: s.at, id: s.id, line: `${words(s.type)}${s.screen ? ` on ${s.screen}` : ''}${s.userId ? ` (${s.userId})` : ''}` });
  }
  for (const c of facts.cases) {
    if (within(c.createdAt)) events.push({ at: c.createdAt, id: c.id, line: `handoff case ${c.reference} from the product${c.userId ? ` (${c.userId})` : ''}` });
  }
  const sorted = oldestFirst(events, (e) => e.at, (e) => e.id);
  const shown = sorted.slice(-TRAIL_LINES).map((e) => `${when(e.at)}: ${e.line}`);
  if (!sorted.length) return [`Nothing recorded in the last ${TRAIL_DAYS} days.`];
  return sorted.length > TRAIL_LINES ? [`(${count(sorted.length - TRAIL_LINES, 'earlier event')} not shown)`, ...shown] : shown;
}

/** Articles read, tips met and how they went, and agents' replies, since `from`. */
function checked(facts: AccountFacts, tickets: readonly FactTicket[], from: number, now: number): string[] {
  const within = (at: number) => at >= from && at <= now;
  const lines: string[] = [];
  const articles = new Map<string, Set<string>>();
  const opens = new Map<string, number>();
  for (const h of oldestFirst(facts.helpOpens.filter((x) => within(x.at)), (x) => x.at, (x) => x.id)) {
    opens.set(h.articleId, (opens.get(h.articleId) ?? 0) + 1);
    articles.set(h.articleId, (articles.get(h.articleId) ?? new Set()).add(h.userId ?? 'a visitor'));
  }
  for (const [article, n] of opens) lines.push(`Read help article ${article}${n > 1 ? ` ×${n}` : ''} (${listSome([...articles.get(article)!])})`);

  const tips = new Map<string, Map<string, number>>();
  for (const t of oldestFirst(facts.tips.filter((x) => within(x.at)), (x) => x.at, (x) => x.tipId)) {
    const outcomes = tips.get(t.tipId) ?? new Map<string, number>();
    outcomes.set(t.outcome, (outcomes.get(t.outcome) ?? 0) + 1);
    tips.set(t.tipId, outcomes);
  }
  for (const [tip, outcomes] of tips) lines.push(`Tip ${tip}: ${[...outcomes].map(([o, n]) => `${words(o)} ${n}`).join(', ')}`);

  for (const t of tickets) {
    const replies = t.messages.filter((m) => m.author === 'agent' && within(m.at));
    if (replies.length) lines.push(`Agents replied ${count(replies.length, 'time')} on ${t.id}, last on ${formatDay(replies[replies.length - 1]!.at)}`);
  }
  return lines.length ? lines : [`Nothing yet: no articles read, tips shown or agent replies in the last ${TRAIL_DAYS} days.`];
}

/** The customer's own words: the handoff's answers, else the latest customer message on the matched tickets, else on any ticket. */
function customerWords(input: HandoffSummaryInput, tickets: readonly FactTicket[], matched: ReadonlySet<string>): { text: string; source: string } | null {
  const h = input.handoff;
  if (h) {
    const text = `${h.answers.tryingTo}${h.answers.expected ? ` Expected: ${h.answers.expected}` : ''}`;
    return { text: clip(text, CUSTOMER_WORDS_CHARS), source: `${h.userId ?? 'a visitor'} in handoff ${h.reference}, ${formatDay(h.at)}` };
  }
  const latest = (pool: readonly FactTicket[]) => {
    let best: { text: string; at: number; ticket: FactTicket } | null = null;
    for (const t of pool) for (const m of t.messages) if (m.author === 'customer' && m.text.trim() && (!best || m.at > best.at)) best = { text: m.text, at: m.at, ticket: t };
    return best;
  };
  const found = latest(tickets.filter((t) => matched.has(t.id))) ?? latest(tickets);
  return found && { text: clip(found.text, CUSTOMER_WORDS_CHARS), source: `customer on ${found.ticket.id}, ${formatDay(found.at)}` };
}

/** A step as a sentence: the rule author's note or message may lack the full stop. */
const stop = (s: string) => (/[.!?…]$/.test(s) ? s : `${s}.`);

function nextStep(input: HandoffSummaryInput, name: string, requiresHuman: boolean, top: PatternId | undefined): string {
  const { facts, rule, handoff } = input;
  const person = facts.account?.csm ?? facts.account?.owner ?? null;
  const open = facts.tickets.filter(isUnresolved).map((t) => t.id);
  const targets = rule?.ticketIds.length ? rule.ticketIds : open;
  const steps: string[] = [];
  if (requiresHuman) steps.push(`A person must take ${targets.length ? listSome(targets) : `${name}'s next contact`}${person ? ` (${person} or the senior queue)` : ''}; no automated reply`);
  for (const x of rule?.actions ?? []) {
    if (x.type === 'route_ticket') steps.push(`Route ${targets.length ? listSome(targets) : `${name}'s newest open ticket`} to ${x.queue}${x.priority ? ` at ${x.priority} priority` : ''}`);
    else if (x.type === 'flag_csm') steps.push(`${person ?? 'The CSM'} to review ${name}${x.note ? `: ${x.note}` : ''}`);
    else if (x.type === 'outreach') steps.push(`Reach out through ${x.destination}${x.message ? `: ${x.message}` : ''}`);
    else if (x.type === 'notify_owner') steps.push(`Email ${facts.account?.owner ?? facts.account?.csm ?? "the account's owner"}${x.message ? `: ${x.message}` : ''}`);
    else if (x.type === 'show_tip') steps.push(`Tip ${x.tipId} shows to ${name}'s users on their next page load`);
  }
  if (handoff && !steps.length) steps.push(`Answer handoff ${handoff.reference}${handoff.answers.email ? ` at ${handoff.answers.email}` : ''}`);
  // The pattern's own first step, unless it only repeats "a person must take it".
  if (top && !(top === 'guardrail' && requiresHuman)) steps.push(NEXT_STEP[top]);
  return steps.length ? steps.map(stop).join(' ') : 'Nothing to do now; the account stays watched.';
}

function markdown(s: Omit<HandoffSummary, 'markdown'>, assessment: RiskAssessment, wants: { text: string; source: string } | null, renewsIn: number | null): string {
  const bullets = (lines: readonly string[]) => lines.map((l) => `- ${esc(l)}`);
  const a = s.account;
  const out = [`**${esc(s.headline)}**`, '', `**Risk ${assessment.score}/100 (${assessment.level})**`];
  out.push(...assessment.reasons.map((r) => `- ${esc(r.sentence)} (${r.points >= 0 ? '+' : '−'}${Math.abs(r.points)})`));
  out.push('', '### What happened', ...bullets(s.whatHappened));
  out.push('', '### What was checked', ...bullets(s.whatWasChecked));
  out.push('', '### What the customer wants', wants ? `> ${esc(wants.text)}` : esc(s.customerWants));
  if (wants) out.push('', `— ${esc(wants.source)}`);
  const facts = [
    a.tier && `Tier: ${a.tier}`,
    a.arr !== null && `ARR: ${formatAmount(a.arr)}`,
    a.renewalAt !== null && `Renews: ${formatDay(a.renewalAt)}${renewsIn !== null ? ` (in ${count(renewsIn, 'day')})` : ' (passed)'}`,
    a.owner && `Owner: ${a.owner}`,
    a.csm && `CSM: ${a.csm}`,
  ].filter((x): x is string => typeof x === 'string');
  out.push('', `### Account: ${esc(a.name ?? a.id)}`);
  if (facts.length) out.push(`- ${facts.map(esc).join(' · ')}`);
  if (a.recentTickets.length) out.push(`- Recent tickets: ${a.recentTickets.map((t) => esc(`${t.id} (${t.status}, ${formatDay(t.createdAt)})${t.subject ? ` "${clip(t.subject, 60)}"` : ''}`)).join('; ')}`);
  if (a.csat.length) out.push(`- CSAT: ${a.csat.map((r) => esc(`${r.ticketId} ${r.score}${r.at !== null ? ` (${formatDay(r.at)})` : ''}`)).join('; ')}`);
  out.push('', '### Policy');
  if (s.policy.requiresHuman) out.push('- **A person must handle this.**');
  if (s.policy.guardrails.length) out.push(`- Guardrails: ${esc(s.policy.guardrails.map(words).join(', '))}`);
  out.push(...bullets(s.policy.notes));
  if (!s.policy.requiresHuman && !s.policy.guardrails.length && !s.policy.notes.length) out.push('- No guardrail hit.');
  out.push('', '### Next action', esc(s.nextAction));
  return out.join('\n');
}
