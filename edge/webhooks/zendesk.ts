// Maps Zendesk webhook payloads onto tickets: the ticket events we use, a CSAT trigger body, and what we ignore.
//
// Event-subscription payloads (https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/)
// share one envelope: { type: "zen:event-type:ticket.<event>", account_id, id (the event's id, the same on every
// retry), time, zendesk_event_version, subject: "zen:ticket:<id>", detail: <the ticket: id, status, priority,
// subject, requester_id, organization_id, tags, created_at, updated_at, …; ids as strings>, event: <what changed> }.
// We map ticket.created, ticket.status_changed (event.current / event.previous) and ticket.comment_added
// (event.comment: id, body, is_public, author { id, is_staff, name }). Statuses arrive upper-case (OPEN, HOLD, …).
//
// Zendesk has no event-subscription type for satisfaction ratings; a trigger ("Satisfaction is Bad/Good" → notify
// the webhook) sends a JSON body the admin writes with placeholders. The body we read is documented in the README:
// { "type": "forestall:satisfaction_rated", "ticket_id": "{{ticket.id}}", "score": "{{satisfaction.current_rating}}",
//   "comment": "{{satisfaction.current_comment}}" }. The rating's time is the signature timestamp.
//
// Other zen:event-type:* events are answered 202 and stored nothing: Zendesk counts non-2xx answers as failures and
// retries them, and an event we do not use is not the sender's mistake.
import { z } from 'zod';
import { parseTime } from '../context/schemas';
import type { TicketPriority, TicketStatus, TicketUpsert } from '../store';
import { MappingError, mappingFailure as fail, type Mapped } from './mapping';

export const ZENDESK_MAPPED_EVENTS = ['zen:event-type:ticket.created', 'zen:event-type:ticket.status_changed', 'zen:event-type:ticket.comment_added'] as const;
export const ZENDESK_CSAT_TYPE = 'forestall:satisfaction_rated';

/** Zendesk ids are 64-bit integers, sent as strings in event payloads (and as numbers by older templates). */
const zendeskId = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()]).transform(String);
const time = z.custom<string>((v) => parseTime(v) !== null, 'must be an ISO 8601 time').transform((v) => parseTime(v)!);

const STATUSES: Record<string, TicketStatus> = { new: 'new', open: 'open', pending: 'pending', hold: 'on-hold', 'on-hold': 'on-hold', solved: 'solved', closed: 'closed' };
const PRIORITIES: Record<string, TicketPriority> = { low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' };

export const zendeskStatus = (s: string | null | undefined): TicketStatus | undefined => (s ? STATUSES[s.toLowerCase()] : undefined);

const detailSchema = z.object({
  id: zendeskId,
  status: z.string().nullish(),
  priority: z.string().nullish(),
  subject: z.string().nullish(),
  requester_id: zendeskId.nullish(),
  organization_id: zendeskId.nullish(),
  tags: z.array(z.string()).nullish(),
  created_at: time.nullish(),
  updated_at: time.nullish(),
});

const envelopeSchema = z.object({
  type: z.string(),
  id: z.string().min(1).max(128),
  time,
  detail: detailSchema,
  event: z.unknown(),
});

const statusEventSchema = z.object({ current: z.string(), previous: z.string().nullish() });
const commentEventSchema = z.object({
  comment: z.object({
    id: zendeskId,
    body: z.string().max(65_536),
    is_public: z.boolean().optional(),
    author: z.object({ id: zendeskId.nullish(), is_staff: z.boolean() }),
  }),
});

const csatSchema = z.object({
  type: z.literal(ZENDESK_CSAT_TYPE),
  ticket_id: zendeskId,
  score: z.union([z.string(), z.number()]),
  comment: z.string().max(4000).optional(),
});

/** "Good, I'm satisfied", "bad", "4": Zendesk's placeholder text or a 1–5 survey score. */
export function csatScore(raw: string | number): 'good' | 'bad' | number | null {
  const s = String(raw).trim().toLowerCase();
  if (s.startsWith('good')) return 'good';
  if (s.startsWith('bad')) return 'bad';
  return /^[1-5]$/.test(s) ? Number(s) : null;
}

/** The ticket as the event's `detail` shows it after the change. */
function ticketFromDetail(d: z.output<typeof detailSchema>): TicketUpsert {
  const t: TicketUpsert = { id: d.id };
  const status = zendeskStatus(d.status);
  if (status) t.status = status;
  if (d.priority !== undefined) t.priority = d.priority === null ? null : (PRIORITIES[d.priority.toLowerCase()] ?? null);
  if (d.subject !== undefined && d.subject !== null) t.subject = d.subject.slice(0, 500);
  if (d.requester_id) t.requester = { id: d.requester_id };
  // Zendesk sends "0" for "no organization".
  if (d.organization_id && d.organization_id !== '0') t.accountId = d.organization_id;
  if (d.tags) t.tags = d.tags.slice(0, 50).map((x) => x.slice(0, 100));
  if (d.created_at) t.createdAt = d.created_at;
  if (d.updated_at) t.updatedAt = d.updated_at;
  return t;
}

export function mapZendesk(body: Record<string, unknown>, signedAt: number): Mapped {
  const type = body.type;
  if (typeof type !== 'string') throw new MappingError('A Zendesk payload has a "type".', [{ path: 'type', message: 'expected a string' }]);

  if (type === ZENDESK_CSAT_TYPE) {
    const parsed = csatSchema.safeParse(body);
    if (!parsed.success) fail(parsed.error, 'satisfaction');
    const score = csatScore(parsed.data.score);
    if (score === null) throw new MappingError('The rating is not good, bad or 1 to 5.', [{ path: 'score', message: 'good, bad, or 1 to 5' }]);
    const comment = parsed.data.comment?.trim();
    return { kind: 'changes', tickets: [{ id: parsed.data.ticket_id, csat: { score, ...(comment ? { comment } : {}), at: signedAt } }] };
  }

  if (!(ZENDESK_MAPPED_EVENTS as readonly string[]).includes(type)) {
    return { kind: 'ignored', reason: `Forestall does not use ${type} events.` };
  }
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) fail(parsed.error, type);
  const { detail, event, id: deliveryId, time: at } = parsed.data;
  const ticket = ticketFromDetail(detail);

  if (type === 'zen:event-type:ticket.status_changed') {
    const change = statusEventSchema.safeParse(event);
    if (!change.success) fail(change.error, type);
    const status = zendeskStatus(change.data.current);
    if (status) ticket.status = status;
    ticket.updatedAt ??= at;
  } else if (type === 'zen:event-type:ticket.comment_added') {
    const added = commentEventSchema.safeParse(event);
    if (!added.success) fail(added.error, type);
    const c = added.data.comment;
    ticket.messages = [
      {
        id: c.id,
        author: c.author.is_staff ? 'agent' : 'customer',
        ...(c.author.id ? { authorId: c.author.id } : {}),
        text: c.body,
        at,
        public: c.is_public ?? true,
      },
    ];
  }
  return { kind: 'changes', tickets: [ticket], deliveryId };
}
