// The readable markdown an agent sees first on a handoff case: what the user wants, what happened, what we know.
import type { HandoffRequest } from '../../sdk/wire';
import { escapeMarkdown as esc } from '../markdown';
import type { AccountContext } from '../store';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export function handoffSummary(h: HandoffRequest, context: AccountContext): string {
  const lines: string[] = [];
  const who = [h.userId ? `user ${esc(h.userId)}` : `anonymous visitor ${esc(h.anonymousId)}`, h.accountId ? `account ${esc(h.accountId)}` : null]
    .filter(Boolean)
    .join(', ');
  lines.push(`**Trying to:** ${esc(h.answers.tryingTo)}`);
  if (h.answers.expected) lines.push(`**Expected:** ${esc(h.answers.expected)}`);
  lines.push(`**Who:** ${who}${h.answers.email ? ` (${esc(h.answers.email)})` : ''}`);
  if (h.screen) lines.push(`**Screen:** ${esc(h.screen)}`);
  lines.push('', '### What happened');
  const t = h.trail;
  if (t.signals.length) lines.push(...t.signals.map((s) => `- ${iso(s.at)} friction **${s.type}** on ${esc(s.screen)}`));
  if (t.errors.length) lines.push(...t.errors.map((e) => `- ${iso(e.at)} error \`${esc(e.fingerprint)}\` on ${esc(e.screen)}`));
  if (t.screens.length) lines.push(`- screens: ${t.screens.slice(-10).map((s) => esc(s.screen)).join(' → ')}`);
  if (!t.signals.length && !t.errors.length && !t.screens.length) lines.push('- nothing recorded');
  lines.push('', '### What was tried');
  if (t.articles.length) lines.push(...t.articles.map((a) => `- read article ${esc(a.title ?? a.articleId)}`));
  if (t.tips.length) lines.push(...t.tips.map((x) => `- tip ${esc(x.tipId)}: ${x.outcome.replace('_', ' ')}`));
  if (!t.articles.length && !t.tips.length) lines.push('- no articles or tips');
  lines.push('', `### Account context (last ${context.windowDays} days)`);
  const total = Object.values(context.eventCounts).reduce((a, b) => a + b, 0);
  lines.push(`- ${total} events from ${context.usersSeen} identified user${context.usersSeen === 1 ? '' : 's'}, ${context.eventCounts.friction ?? 0} friction signals`);
  if (context.recentCases.length) {
    lines.push(...context.recentCases.map((c) => `- earlier case ${c.reference} (${c.status}, ${iso(c.createdAt)}): ${esc(c.tryingTo)}`));
  } else {
    lines.push('- no earlier cases');
  }
  return lines.join('\n');
}
