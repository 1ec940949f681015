// zod schemas for the context the customer's systems send: CRM accounts and users, help-desk tickets, webhook sources.
import { z } from 'zod';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../db/schema';
import { MAX_EXTERNAL_ID_LENGTH } from '../wire-schemas';

/** Most accounts or users in one request: a CRM sync pages at a few hundred; the cap bounds one transaction. */
export const MAX_RECORDS_PER_BATCH = 1000;
/** Most tickets in one request: each may carry a whole conversation. */
export const MAX_TICKETS_PER_BATCH = 100;
/** Most messages on one ticket in one request (Zendesk caps a ticket at 5,000 comments; send long threads in parts). */
export const MAX_MESSAGES_PER_TICKET = 500;
/** Largest context request body: backfilled conversations are wordy. */
export const CONTEXT_MAX_BODY_BYTES = 1024 * 1024;
/** A ticket or message time this far ahead of the edge's clock is a broken clock or a unit mix-up (seconds vs ms). */
export const MAX_FUTURE_SKEW_MS = 24 * 60 * 60_000;

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;
/** 2000-01-01: nothing a CRM or help desk sends is older; an earlier time is a unit mix-up (seconds sent as ms). */
const EARLIEST_MS = Date.UTC(2000, 0, 1);
const LATEST_MS = Date.UTC(2200, 0, 1);

/**
 * Epoch ms from an ISO 8601 date (`2026-09-30`, midnight UTC) or date-time with a zone (`…T10:00:00Z`,
 * `…+02:00`, up to nanoseconds as Zendesk sends), or from epoch milliseconds. Returns null for anything else,
 * including dates that do not exist (2026-02-30) and times without a zone, which would be read in whatever zone
 * the server happens to run in.
 */
export function parseTime(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= EARLIEST_MS && value <= LATEST_MS ? Math.round(value) : null;
  if (typeof value !== 'string') return null;
  const m = ISO_TIME.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return null;
  // Date.parse keeps milliseconds and drops finer digits, which is all the precision anything here needs.
  const ms = h === undefined ? date.getTime() : Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS ? ms : null;
}

export const timeSchema = z.custom<number | string>((v) => parseTime(v) !== null, {
  message: 'must be an ISO 8601 date (2026-09-30) or date-time with a zone (2026-09-30T10:00:00Z), or epoch milliseconds',
}).transform((v) => parseTime(v)!);

const externalId = z.string().min(1).max(MAX_EXTERNAL_ID_LENGTH);
const label = (max: number) => z.string().trim().min(1).max(max);
/** A field that may be left out (unchanged), set, or set to null (cleared). */
const clearable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

const traitsSchema = z
  .record(z.string().min(1).max(100), z.union([z.string().max(1000), z.number().finite(), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= 50, 'at most 50 traits');

export const accountUpsertSchema = z
  .object({
    id: externalId,
    name: clearable(label(300)),
    domain: clearable(
      z
        .string()
        .trim()
        .toLowerCase()
        .max(253)
        .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a domain name such as acme.com'),
    ),
    tier: clearable(label(50)),
    arr: clearable(z.number().finite().nonnegative()),
    renewalDate: clearable(timeSchema),
    owner: clearable(label(200)),
    csm: clearable(label(200)),
    health: clearable(label(50)),
    healthScore: clearable(z.number().finite().min(0).max(100)),
    plan: clearable(label(100)),
    traits: clearable(traitsSchema),
  })
  .strict();
export type AccountUpsert = z.output<typeof accountUpsertSchema>;

export const userUpsertSchema = z
  .object({
    id: externalId,
    accountId: clearable(externalId),
    email: clearable(z.email().max(320).toLowerCase()),
    name: clearable(label(200)),
    role: clearable(label(100)),
    createdAt: clearable(timeSchema),
    lastSeenAt: clearable(timeSchema),
    traits: clearable(traitsSchema),
  })
  .strict();
export type UserUpsert = z.output<typeof userUpsertSchema>;

export const accountBatchSchema = z
  .object({
    accounts: z.array(accountUpsertSchema).min(1, 'send at least one account').max(MAX_RECORDS_PER_BATCH, `at most ${MAX_RECORDS_PER_BATCH} accounts a request`),
  })
  .strict();

export const userBatchSchema = z
  .object({
    users: z.array(userUpsertSchema).min(1, 'send at least one user').max(MAX_RECORDS_PER_BATCH, `at most ${MAX_RECORDS_PER_BATCH} users a request`),
  })
  .strict();

export const ticketMessageSchema = z
  .object({
    id: externalId,
    author: z.enum(['customer', 'agent']),
    authorId: externalId.optional(),
    text: z.string().max(65_536),
    at: timeSchema,
    /** False for an agents-only note; default true. */
    public: z.boolean().optional(),
  })
  .strict();

/** good/bad (Zendesk's legacy CSAT) or 1–5. */
export const csatScoreSchema = z.union([z.enum(['good', 'bad']), z.number().int().min(1).max(5)]);

export const ticketUpsertSchema = z
  .object({
    id: externalId,
    status: z.enum(TICKET_STATUSES).optional(),
    priority: clearable(z.enum(TICKET_PRIORITIES)),
    requester: z
      .object({ id: externalId.optional(), email: z.email().max(320).toLowerCase().optional() })
      .strict()
      .refine((r) => r.id !== undefined || r.email !== undefined, 'give the requester\'s user id, email, or both')
      .optional(),
    accountId: clearable(externalId),
    subject: clearable(z.string().trim().max(500)),
    tags: clearable(z.array(z.string().trim().min(1).max(100)).max(50)),
    topic: clearable(label(100)),
    messages: z.array(ticketMessageSchema).max(MAX_MESSAGES_PER_TICKET, `at most ${MAX_MESSAGES_PER_TICKET} messages a ticket a request`).optional(),
    csat: clearable(
      z
        .object({ score: csatScoreSchema, comment: z.string().max(4000).optional(), at: timeSchema.optional() })
        .strict(),
    ),
    createdAt: timeSchema.optional(),
    updatedAt: timeSchema.optional(),
    solvedAt: clearable(timeSchema),
  })
  .strict();
export type TicketUpsertInput = z.output<typeof ticketUpsertSchema>;

export const ticketBatchSchema = z
  .object({
    tickets: z.array(ticketUpsertSchema).min(1, 'send at least one ticket').max(MAX_TICKETS_PER_BATCH, `at most ${MAX_TICKETS_PER_BATCH} tickets a request`),
  })
  .strict();

export const WEBHOOK_SOURCE_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** Standard Webhooks secrets are whsec_ + base64 of 24 to 64 random bytes. */
export const WHSEC_PATTERN = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

export const webhookSourceSchema = z
  .object({
    kind: z.enum(['zendesk', 'standard']),
    /** What the payloads are: Zendesk ticket events, or a Salesforce Case / HubSpot company behind Standard Webhooks. */
    mapping: z.enum(['zendesk', 'salesforce_case', 'hubspot_company']).optional(),
    /**
     * A new signing secret: Zendesk's (Admin Center → Webhooks → Reveal secret), or your own whsec_ for Standard
     * Webhooks. Leave it out to keep the current secret (or, on creation of a Standard Webhooks source, to have one
     * generated).
     */
    secret: z.string().min(8).max(200).optional(),
    /** Generate a new whsec_ secret (Standard Webhooks only). */
    rotate: z.boolean().optional(),
    /** How long the secrets a new one replaces keep verifying, so the sender can switch over; default one day. */
    previousSecretTtlSeconds: z.number().int().min(0).max(30 * 86_400).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const mapping = s.mapping ?? (s.kind === 'zendesk' ? 'zendesk' : undefined);
    if (!mapping) ctx.addIssue({ code: 'custom', path: ['mapping'], message: 'a standard source names its mapping: salesforce_case or hubspot_company' });
    else if ((s.kind === 'zendesk') !== (mapping === 'zendesk')) ctx.addIssue({ code: 'custom', path: ['mapping'], message: 'zendesk sources map zendesk; standard sources map salesforce_case or hubspot_company' });
    if (s.kind === 'standard' && s.secret !== undefined && !WHSEC_PATTERN.test(s.secret)) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'a Standard Webhooks secret is whsec_ followed by base64 of 24 to 64 bytes' });
    }
    if (s.kind === 'zendesk' && s.rotate) ctx.addIssue({ code: 'custom', path: ['rotate'], message: 'Zendesk makes its own secrets: send the new one as secret' });
    if (s.rotate && s.secret !== undefined) ctx.addIssue({ code: 'custom', path: ['rotate'], message: 'send a secret or rotate, not both' });
  });
export type WebhookSourceInput = z.output<typeof webhookSourceSchema>;
