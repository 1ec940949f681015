// The handoff summary laid out once (title, headline, account facts, titled sections, link) for every destination,
// and written out as plain text and as HTML for email and help-desk notes. Slack renders the same layout as blocks.
import type { HandoffSummary, TriggerRecord } from '../actions/types';
import type { RuleAction } from '../rules/schema';

export interface AccountFact {
  label: string;
  value: string;
}

export interface SummarySection {
  title: string;
  lines: string[];
}

export interface HandoffLayout {
  /** One line naming the account and why it is in front of you. */
  title: string;
  headline: string;
  /** At most 10 (Slack's field limit), most useful first. */
  facts: AccountFact[];
  sections: SummarySection[];
  /** The account in the Forestall console, when the edge knows its public URL. */
  link: string | null;
  /** Which rule fired when, and who wrote the summary. */
  footer: string;
}

const DAY_MS = 86_400_000;
const ELLIPSIS = '…';
/** A cut moves back to a word break only if that loses less than this share of the room. */
const WORD_BREAK_SLACK = 0.3;

export interface FitOptions {
  /** How each character is written out (Slack's escapes); the cut never falls inside what one character became. */
  escape?: (ch: string) => string;
  /** How a piece of text is measured against `max`: UTF-16 units by default, UTF-8 bytes where a limit is in bytes. */
  measure?: (s: string) => number;
}

const utf8 = new TextEncoder();
export const utf8Length = (s: string): number => utf8.encode(s).length;

/**
 * Fits text into `max`, escaped as `escape` says. Cuts between code points (never inside a surrogate pair) and whole
 * escapes, at a word break when one is close, and marks the cut with "…".
 */
export function fitText(raw: string, max: number, options: FitOptions = {}): string {
  const measure = options.measure ?? ((s: string) => s.length);
  const units = Array.from(raw, options.escape ?? ((ch: string) => ch));
  const whole = units.join('');
  if (measure(whole) <= max) return whole;
  const room = max - measure(ELLIPSIS);
  let used = 0;
  let count = 0;
  let breakAt = -1;
  let usedAtBreak = 0;
  for (const u of units) {
    const size = measure(u);
    if (used + size > room) break;
    if (/\s/.test(u)) {
      breakAt = count;
      usedAtBreak = used;
    }
    used += size;
    count++;
  }
  const end = breakAt > 0 && used - usedAtBreak < room * WORD_BREAK_SLACK ? breakAt : count;
  return `${units.slice(0, end).join('').trimEnd()}${ELLIPSIS}`;
}

const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dateTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Only http(s) links are ever shown: a console URL comes from configuration, but a link is a link. */
export function safeLink(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

export function accountName(summary: HandoffSummary): string {
  return summary.account.name ?? summary.account.id;
}

/** What the rule's author wrote on the action for the people receiving it. */
export function actionMessage(action: RuleAction): string | null {
  switch (action.type) {
    case 'outreach':
    case 'notify_owner':
      return action.message ?? null;
    case 'flag_csm':
      return action.note ?? null;
    case 'require_human':
      return action.reason ?? null;
    default:
      return null;
  }
}

function titleFor(action: RuleAction, trigger: TriggerRecord): string {
  const name = accountName(trigger.summary);
  switch (action.type) {
    case 'route_ticket':
      return `${name}: ticket routed to ${action.queue}${action.priority ? ` (${action.priority})` : ''}`;
    case 'notify_owner':
      return `${name} needs you: escalation risk ${trigger.riskScore}/100`;
    case 'flag_csm':
      return `${name}: flagged for CSM review (risk ${trigger.riskScore}/100)`;
    case 'require_human':
      return `${name}: a human must handle this (risk ${trigger.riskScore}/100)`;
    default:
      return `${name}: escalation risk ${trigger.riskScore}/100`;
  }
}

function facts(trigger: TriggerRecord): AccountFact[] {
  const a = trigger.summary.account;
  const out: AccountFact[] = [{ label: 'Account', value: a.name ? `${a.name} (${a.id})` : a.id }];
  out.push({ label: 'Risk score', value: `${trigger.riskScore}/100` });
  if (a.tier) out.push({ label: 'Tier', value: a.tier });
  if (a.arr !== null) out.push({ label: 'ARR', value: number.format(a.arr) });
  if (a.renewalAt !== null) {
    const days = Math.round((a.renewalAt - trigger.firedAt) / DAY_MS);
    out.push({ label: 'Renewal', value: `${date(a.renewalAt)} (${days >= 0 ? `in ${days} days` : `${-days} days ago`})` });
  }
  if (a.owner) out.push({ label: 'Owner', value: a.owner });
  if (a.csm) out.push({ label: 'CSM', value: a.csm });
  const latest = a.csat[0];
  if (latest) out.push({ label: 'Latest CSAT', value: `${latest.score}${latest.negative ? ' (negative)' : ''} on ticket ${latest.ticketId}` });
  const open = a.recentTickets.filter((t) => t.status !== 'solved' && t.status !== 'closed').length;
  out.push({ label: 'Recent tickets', value: `${a.recentTickets.length} (${open} open)` });
  out.push({ label: 'Rule', value: trigger.ruleName });
  return out.slice(0, 10);
}

function sections(trigger: TriggerRecord, action: RuleAction): SummarySection[] {
  const s = trigger.summary;
  const out: SummarySection[] = [];
  const push = (title: string, lines: Array<string | null | undefined>) => {
    // One item, one line: a message pasted with line breaks would otherwise break the list apart.
    const kept = lines.map((l) => l?.replace(/\s+/g, ' ').trim()).filter((l): l is string => !!l);
    if (kept.length) out.push({ title, lines: kept });
  };
  push('Message', [actionMessage(action)]);
  if (action.type === 'route_ticket') {
    push('Routing', [`Queue: ${action.queue}`, action.priority ? `Priority: ${action.priority}` : null, trigger.ticketIds.length ? `Tickets: ${trigger.ticketIds.join(', ')}` : null]);
  }
  push('Next action', [s.nextAction]);
  push('Why now', trigger.reasons.map((r) => r.sentence));
  push('What happened', s.whatHappened);
  push('What was checked', s.whatWasChecked);
  push('What the customer wants', [s.customerWants]);
  push('Policy', [
    s.policy.requiresHuman ? 'A human must handle this: no automated reply stands in.' : null,
    s.policy.guardrails.length ? `Guardrails hit: ${s.policy.guardrails.join(', ').replace(/_/g, ' ')}` : null,
    ...s.policy.notes,
  ]);
  push(
    'Recent tickets',
    s.account.recentTickets.map((t) => `${t.id}${t.subject ? ` · ${t.subject}` : ''} · ${t.status} · ${date(t.createdAt)}`),
  );
  return out;
}

export function handoffLayout(trigger: TriggerRecord, action: RuleAction, consoleUrl?: string): HandoffLayout {
  return {
    // A title becomes a Slack header and an email subject: one line, whatever a CRM name or queue holds.
    title: titleFor(action, trigger).replace(/\s+/g, ' ').trim(),
    headline: trigger.summary.headline.replace(/\s+/g, ' ').trim(),
    facts: facts(trigger),
    sections: sections(trigger, action),
    link: safeLink(consoleUrl),
    footer: `Rule "${trigger.ruleName}" fired ${dateTime(trigger.firedAt)} · summary by ${trigger.summary.source === 'model' ? 'the AI model' : 'template'}`,
  };
}

/** Plain text: the email's text part and the help desks' internal notes. */
export function layoutText(layout: HandoffLayout): string {
  const parts = [layout.title, layout.headline, layout.facts.map((f) => `${f.label}: ${f.value}`).join('\n')];
  for (const s of layout.sections) parts.push(`${s.title}\n${s.lines.map((l) => `- ${l}`).join('\n')}`);
  if (layout.link) parts.push(`Open in Forestall: ${layout.link}`);
  parts.push(layout.footer);
  return parts.join('\n\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** HTML for email: every piece of text escaped, the only link the console's (http or https). */
export function layoutHtml(layout: HandoffLayout): string {
  const e = escapeHtml;
  const rows = layout.facts.map((f) => `<tr><th align="left" style="padding:2px 12px 2px 0">${e(f.label)}</th><td>${e(f.value)}</td></tr>`).join('');
  const body = layout.sections.map((s) => `<h3 style="margin:16px 0 4px">${e(s.title)}</h3><ul>${s.lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`).join('');
  const link = layout.link ? `<p><a href="${e(layout.link)}">Open in Forestall</a></p>` : '';
  return [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">',
    `<h2 style="margin:0 0 8px">${e(layout.title)}</h2>`,
    `<p><strong>${e(layout.headline)}</strong></p>`,
    `<table>${rows}</table>`,
    body,
    link,
    `<p style="color:#666;font-size:12px">${e(layout.footer)}</p>`,
    '</body></html>',
  ].join('');
}
