// Whether two tickets are about the same issue, and what to call it: the judgement behind "repeat contact".
import type { FactTicket } from '../types';

/**
 * Topics that name a kind of ticket rather than an issue: two "bug" tickets are two bugs. Compared lower-cased,
 * with spaces, hyphens and underscores alike.
 */
const GENERIC_TOPICS = new Set(['other', 'general', 'misc', 'unknown', 'none', 'question', 'how_to', 'howto', 'bug', 'feedback', 'support']);

/**
 * Tags help desks add to nearly every ticket: channel, priority, status, segment, ticket type and automation.
 * Sharing one says nothing about the issue.
 */
const GENERIC_TAGS = new Set([
  ...GENERIC_TOPICS,
  ...['problem', 'incident', 'task', 'help', 'follow_up', 'followup'],
  ...['email', 'web', 'web_form', 'webform', 'web_widget', 'widget', 'chat', 'phone', 'voice', 'sms', 'api', 'mobile', 'messaging', 'slack', 'twitter', 'facebook', 'whatsapp'],
  ...['low', 'normal', 'high', 'urgent', 'new', 'open', 'pending', 'on_hold', 'hold', 'solved', 'closed', 'reopened', 'escalated', 'escalation'],
  ...['vip', 'enterprise', 'pro', 'free', 'trial', 'premium', 'partner', 'customer'],
  ...['csat', 'satisfaction', 'bad', 'good', 'auto', 'automation', 'macro', 'triage', 'spam', 'english', 'en'],
]);

/**
 * Words that say a ticket is a problem without saying which one ("Urgent: export not working" and "Export broken"
 * are about the export). Together with short function words they are left out of the subject comparison.
 */
const NON_ISSUE_WORDS = new Set(
  (
    'the and for with from this that these those not can cannot our your you are was were has have had any all but how why what when ' +
    'where who into onto about again still just please help need needs issue problem question urgent asap ticket request support error ' +
    'fail fails failed failing failure broken break breaks working work works wrong doesn isn won don didn unable trouble hello thank ' +
    'thanks update follow followup anymore since after before today yesterday'
  ).split(' '),
);

/**
 * Subjects are the same issue when they share two content words ("CSV export fails" / "export to CSV still
 * broken"), or one word that is at least half of all their content words ("Login" / "login broken"). One shared
 * word among many ("billing export question" / "CSV export fails") is not enough.
 */
export const SUBJECT_SHARED_WORDS = 2;
export const SUBJECT_OVERLAP = 0.5;

export interface Issue {
  topic: string | null;
  tags: string[];
  /** Content words of the subject, lower-cased, plural -s dropped, in subject order. */
  words: string[];
}

const key = (s: string) => s.trim().toLowerCase().replace(/[\s_-]+/g, '_');

function contentWords(subject: string | null): string[] {
  const out: string[] = [];
  for (const raw of subject?.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    // Short words are function words, except ones carrying a digit ("2fa", "q3", "v2").
    if ((raw.length < 3 && !/\d/.test(raw)) || NON_ISSUE_WORDS.has(raw)) continue;
    const w = raw.length > 3 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw;
    if (!out.includes(w)) out.push(w);
  }
  return out;
}

export function issueOf(t: FactTicket): Issue {
  const topic = t.topic && !GENERIC_TOPICS.has(key(t.topic)) ? t.topic.trim() : null;
  const tags = t.tags.filter((tag) => !GENERIC_TAGS.has(key(tag)));
  return { topic, tags, words: contentWords(t.subject) };
}

/**
 * What two tickets share as an issue, in the words a CSM would use: their topic, else a tag, else the subject words
 * they share. Null when they are not about the same thing.
 */
export function sharedIssue(a: Issue, b: Issue): string | null {
  if (a.topic && b.topic && key(a.topic) === key(b.topic)) return b.topic;
  const tagsA = new Set(a.tags.map(key));
  const tag = b.tags.find((t) => tagsA.has(key(t)));
  if (tag) return tag;
  const wordsA = new Set(a.words);
  const shared = b.words.filter((w) => wordsA.has(w));
  const union = wordsA.size + b.words.length - shared.length;
  if (shared.length >= SUBJECT_SHARED_WORDS || (shared.length > 0 && shared.length / union >= SUBJECT_OVERLAP)) return shared.join(' ');
  return null;
}
