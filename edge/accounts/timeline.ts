// One account's history as one list, newest first: friction, help, tips, tickets and their changes, cases and
// triggers, each a short line a CSM can read, with the id to open it by.
import type { TriggerRecord } from '../actions/types';
import type { AccountTimeline } from '../store';

export type TimelineKind = 'signal' | 'help' | 'tip' | 'ticket' | 'ticket_status' | 'csat' | 'case' | 'trigger' | 'screen' | 'other';

export interface TimelineItem {
  at: number;
  kind: TimelineKind;
  /** One line: "rage_click on /billing", "T-104 opened: CSV export fails", "Rule “Two unresolved” fired". */
  title: string;
  /** The id of what it is about: event id, ticket id, case reference, trigger id. */
  ref: string;
  userId: string | null;
}

const TIP_WORDS: Record<string, string> = {
  tip_shown: 'shown',
  tip_held_out: 'held out (holdout)',
  tip_clicked: 'opened its article',
  tip_helpful: 'marked helpful',
  tip_unhelpful: 'marked not helpful',
  tip_dismissed: 'dismissed',
};

type AnyEvent = { signal?: { type?: string }; tipId?: string; props?: { articleId?: unknown; title?: unknown }; name?: string };

export function mergeTimeline(t: AccountTimeline, triggers: TriggerRecord[], limit: number): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const e of t.events) {
    const ev = (e.event ?? {}) as AnyEvent;
    const where = e.screen ? ` on ${e.screen}` : '';
    if (e.type === 'friction') items.push({ at: e.at, kind: 'signal', title: `${ev.signal?.type ?? 'friction'}${where}`, ref: e.id, userId: e.userId });
    else if (e.type === 'help_opened') {
      const title = typeof ev.props?.title === 'string' ? ev.props.title : typeof ev.props?.articleId === 'string' ? ev.props.articleId : 'an article';
      items.push({ at: e.at, kind: 'help', title: `Opened help: ${title}`, ref: e.id, userId: e.userId });
    } else if (e.type in TIP_WORDS) items.push({ at: e.at, kind: 'tip', title: `Tip ${ev.tipId ?? ''} ${TIP_WORDS[e.type]}`.replace('  ', ' '), ref: e.id, userId: e.userId });
    else if (e.type === 'screen') items.push({ at: e.at, kind: 'screen', title: `Viewed ${e.screen ?? 'a screen'}`, ref: e.id, userId: e.userId });
    else items.push({ at: e.at, kind: 'other', title: e.type === 'track' && ev.name ? `Tracked ${ev.name}` : e.type.replace(/_/g, ' '), ref: e.id, userId: e.userId });
  }
  const subjects = new Map(t.tickets.map((x) => [x.id, x.subject]));
  const requesters = new Map(t.tickets.map((x) => [x.id, x.requesterId]));
  for (const h of t.ticketEvents) {
    const subject = subjects.get(h.ticketId);
    const about = subject ? `: ${subject}` : '';
    const who = requesters.get(h.ticketId) ?? null;
    if (h.type === 'created') items.push({ at: h.at, kind: 'ticket', title: `${h.ticketId} opened${about}`, ref: h.ticketId, userId: who });
    else if (h.type === 'status') items.push({ at: h.at, kind: 'ticket_status', title: `${h.ticketId} ${h.fromStatus ? `${h.fromStatus} → ` : ''}${h.toStatus}`, ref: h.ticketId, userId: who });
    else items.push({ at: h.at, kind: 'csat', title: `${h.ticketId} rated ${h.csatScore}`, ref: h.ticketId, userId: who });
  }
  for (const c of t.cases) items.push({ at: c.createdAt, kind: 'case', title: `Case ${c.reference} from the widget: ${c.tryingTo}`, ref: c.reference, userId: c.userId });
  for (const tr of triggers) items.push({ at: tr.firedAt, kind: 'trigger', title: `Rule “${tr.ruleName}” fired (risk ${tr.riskScore})`, ref: tr.id, userId: null });
  return items.sort((a, b) => b.at - a.at || a.ref.localeCompare(b.ref)).slice(0, limit);
}
