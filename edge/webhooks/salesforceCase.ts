// Maps a Salesforce Case, sent through Standard Webhooks (a Flow's HTTP callout or a relay), onto a ticket.
//
// The body is the Standard Webhooks envelope { type, timestamp, data } with `data` the Case as Salesforce's REST API
// names its fields: Id, CaseNumber, Subject, Description, Status, Priority, Origin, AccountId, ContactId,
// ContactEmail / SuppliedEmail, CreatedDate, LastModifiedDate, ClosedDate, IsClosed; optionally EmailMessages
// (Id, TextBody, MessageDate, Incoming) and CaseComments (Id, CommentBody, CreatedDate, IsPublished).
// Salesforce times look like 2026-05-28T09:14:03.000+0000. A type ending in ".deleted" is ignored.
import { z } from 'zod';
import { parseTime } from '../context/schemas';
import type { TicketPriority, TicketStatus, TicketUpsert } from '../store';
import { mappingFailure, type Mapped } from './mapping';

const time = z.custom<string>((v) => parseTime(v) !== null, 'must be an ISO 8601 time').transform((v) => parseTime(v)!);
const sfId = z.string().regex(/^[A-Za-z0-9]{15,18}$/, 'must be a Salesforce id');

const caseSchema = z.object({
  Id: sfId,
  Subject: z.string().nullish(),
  Description: z.string().max(65_536).nullish(),
  Status: z.string().nullish(),
  Priority: z.string().nullish(),
  Origin: z.string().nullish(),
  AccountId: sfId.nullish(),
  ContactId: sfId.nullish(),
  ContactEmail: z.email().nullish(),
  SuppliedEmail: z.email().nullish(),
  CreatedDate: time,
  LastModifiedDate: time.nullish(),
  ClosedDate: time.nullish(),
  IsClosed: z.boolean().nullish(),
  EmailMessages: z
    .array(z.object({ Id: sfId, TextBody: z.string().max(65_536).nullish(), MessageDate: time, Incoming: z.boolean() }))
    .max(500)
    .nullish(),
  CaseComments: z
    .array(z.object({ Id: sfId, CommentBody: z.string().max(65_536).nullish(), CreatedDate: time, IsPublished: z.boolean().nullish() }))
    .max(500)
    .nullish(),
});

const envelopeSchema = z.object({ type: z.string().max(200).optional(), data: z.record(z.string(), z.unknown()) });

/** Salesforce's default Case statuses and the usual custom ones; anything else is open unless IsClosed. */
const STATUSES: Record<string, TicketStatus> = {
  new: 'new',
  working: 'open',
  open: 'open',
  'in progress': 'open',
  escalated: 'open',
  'on hold': 'on-hold',
  'waiting on customer': 'pending',
  pending: 'pending',
  resolved: 'solved',
  solved: 'solved',
  closed: 'closed',
};
const PRIORITIES: Record<string, TicketPriority> = { low: 'low', medium: 'normal', normal: 'normal', high: 'high', critical: 'urgent', urgent: 'urgent' };

export function mapSalesforceCase(body: Record<string, unknown>): Mapped {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) mappingFailure(envelope.error, 'Salesforce Case');
  if (envelope.data.type?.endsWith('.deleted')) return { kind: 'ignored', reason: 'Deleted cases are kept as they were.' };
  const parsed = caseSchema.safeParse(envelope.data.data);
  if (!parsed.success) mappingFailure(parsed.error, 'Salesforce Case', ['data']);
  const c = parsed.data;
  const status: TicketStatus = (c.Status ? STATUSES[c.Status.toLowerCase()] : undefined) ?? (c.IsClosed ? 'closed' : 'open');
  const email = c.ContactEmail ?? c.SuppliedEmail ?? undefined;
  const t: TicketUpsert = {
    id: c.Id,
    status,
    createdAt: c.CreatedDate,
    ...(c.LastModifiedDate ? { updatedAt: c.LastModifiedDate } : {}),
    ...(c.ClosedDate ? { solvedAt: c.ClosedDate } : {}),
    ...(c.Priority !== undefined ? { priority: c.Priority === null ? null : (PRIORITIES[c.Priority.toLowerCase()] ?? null) } : {}),
    ...(c.Subject ? { subject: c.Subject.slice(0, 500) } : {}),
    ...(c.AccountId ? { accountId: c.AccountId } : {}),
    ...(c.ContactId || email ? { requester: { ...(c.ContactId ? { id: c.ContactId } : {}), ...(email ? { email: email.toLowerCase() } : {}) } } : {}),
    ...(c.Origin ? { topic: c.Origin.slice(0, 100) } : {}),
  };
  const messages: NonNullable<TicketUpsert['messages']> = [];
  // The description is what the customer wrote when opening the case: their first message.
  if (c.Description) messages.push({ id: `${c.Id}:description`, author: 'customer', text: c.Description, at: c.CreatedDate });
  for (const m of c.EmailMessages ?? []) messages.push({ id: m.Id, author: m.Incoming ? 'customer' : 'agent', text: m.TextBody ?? '', at: m.MessageDate });
  for (const m of c.CaseComments ?? []) messages.push({ id: m.Id, author: 'agent', text: m.CommentBody ?? '', at: m.CreatedDate, public: m.IsPublished ?? false });
  if (messages.length) t.messages = messages;
  return { kind: 'changes', tickets: [t] };
}
