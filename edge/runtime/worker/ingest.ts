// POST /v1/events on Workers: a batch is enqueued (the 202 waits for that), and the queue handler stores it through
// the workspace's object, idempotently by event id, with retries on a backoff and a dead-letter queue.
import { z } from 'zod';
import type { Ingest, Logger } from '../../app';
import { HttpError } from '../../http/errors';
import type { EventRow, InsertResult } from '../../store';

/** One queue message: rows of one workspace, as the route built them. */
export interface EventMessage {
  v: 1;
  workspaceId: string;
  rows: EventRow[];
}

/** The dead-letter queue holds event messages as they were, so replaying one is sending it back to EVENTS. */
export type DeadLetter = unknown;

/** Queues takes messages up to 128 KB (of 1000 bytes, ~100 of them metadata); rows are packed below that. */
export const MAX_MESSAGE_BYTES = 120_000;
/** sendBatch takes up to 100 messages and 256 KB in all. */
const MAX_SEND_MESSAGES = 100;
const MAX_SEND_BYTES = 250_000;

/** Attempts before a message is dead-lettered: with the backoff below, about 20 minutes of trying. */
export const MAX_ATTEMPTS = 8;

/** Seconds before attempt `attempts + 1`: 10 s, doubling, at most 10 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(10 * 2 ** Math.max(0, attempts - 1), 600);
}

const encoder = new TextEncoder();
const jsonBytes = (v: unknown) => encoder.encode(JSON.stringify(v)).byteLength;

/** Splits rows into messages under MAX_MESSAGE_BYTES (as JSON, which is how they are sent). */
export function packMessages(workspaceId: string, rows: EventRow[]): EventMessage[] {
  const messages: EventMessage[] = [];
  const envelope = jsonBytes({ v: 1, workspaceId, rows: [] });
  let current: EventRow[] = [];
  let size = envelope;
  for (const row of rows) {
    const bytes = jsonBytes(row) + 1;
    if (current.length > 0 && size + bytes > MAX_MESSAGE_BYTES) {
      messages.push({ v: 1, workspaceId, rows: current });
      current = [];
      size = envelope;
    }
    current.push(row);
    size += bytes;
  }
  if (current.length > 0) messages.push({ v: 1, workspaceId, rows: current });
  return messages;
}

function sendGroups(messages: EventMessage[]): MessageSendRequest<EventMessage>[][] {
  const groups: MessageSendRequest<EventMessage>[][] = [];
  let group: MessageSendRequest<EventMessage>[] = [];
  let size = 0;
  for (const body of messages) {
    const bytes = jsonBytes(body);
    if (group.length > 0 && (group.length === MAX_SEND_MESSAGES || size + bytes > MAX_SEND_BYTES)) {
      groups.push(group);
      group = [];
      size = 0;
    }
    group.push({ body, contentType: 'json' });
    size += bytes;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * The app's ingest on Workers. The answer counts ids repeated within the batch as duplicates (the first copy
 * wins, as on Node); ids stored by earlier batches are known only to the workspace's object, which skips them
 * when the message is consumed, so here they count as accepted.
 */
export function queueIngest(queue: Queue<EventMessage>, logger: Logger): Ingest {
  return async (workspaceId, rows) => {
    const seen = new Set<string>();
    const unique = rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
    try {
      // A batch larger than one sendBatch goes in several; if one fails the client retries the whole batch, and
      // the parts already queued are stored once all the same.
      await Promise.all(sendGroups(packMessages(workspaceId, unique)).map((group) => queue.sendBatch(group)));
    } catch (e) {
      logger.error({ msg: 'enqueue failed', workspaceId, events: unique.length, error: e instanceof Error ? e.message : String(e) });
      throw new HttpError(503, 'unavailable', 'The batch could not be queued; retry it.', undefined, { 'Retry-After': '5' });
    }
    return { accepted: unique.length, duplicates: rows.length - unique.length };
  };
}

const eventRowSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  at: z.number(),
  clientAt: z.number(),
  receivedAt: z.number(),
  clockSkew: z.boolean(),
  anonymousId: z.string(),
  sessionId: z.string(),
  userId: z.string().nullable(),
  accountId: z.string().nullable(),
  screen: z.string().nullable(),
  payload: z.string(),
});
const eventMessageSchema = z.object({ v: z.literal(1), workspaceId: z.string().min(1), rows: z.array(eventRowSchema).min(1) });

export interface ConsumerDeps {
  /** Stores rows in the workspace's object; resolves once committed. */
  store(workspaceId: string, rows: EventRow[]): Promise<InsertResult>;
  deadLetter: Queue<DeadLetter>;
  logger: Logger;
}

/**
 * The events queue handler. Messages of one workspace are stored in one call to its object; each message is acked
 * once stored, retried after retryDelaySeconds when storing failed, and dead-lettered when it is malformed or has
 * used MAX_ATTEMPTS. Redelivery is harmless: the object skips event ids it has stored.
 */
export async function consumeEvents(batch: MessageBatch<unknown>, deps: ConsumerDeps): Promise<void> {
  const deadLetter = async (message: Message<unknown>, reason: string) => {
    try {
      await deps.deadLetter.send(message.body, { contentType: 'json' });
      message.ack();
      deps.logger.error({ msg: 'event message dead-lettered', queue: batch.queue, messageId: message.id, attempts: message.attempts, reason });
    } catch (e) {
      // Nothing is dropped: the platform retries it, and moves it to the dead-letter queue itself in the end.
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      deps.logger.error({ msg: 'dead-letter send failed', messageId: message.id, error: e instanceof Error ? e.message : String(e) });
    }
  };

  const byWorkspace = new Map<string, Array<{ message: Message<unknown>; rows: EventRow[] }>>();
  for (const message of batch.messages) {
    const parsed = eventMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      await deadLetter(message, `malformed: ${parsed.error.issues[0]?.message ?? 'not an event message'}`);
      continue;
    }
    const list = byWorkspace.get(parsed.data.workspaceId) ?? [];
    list.push({ message, rows: parsed.data.rows });
    byWorkspace.set(parsed.data.workspaceId, list);
  }

  await Promise.all(
    [...byWorkspace].map(async ([workspaceId, items]) => {
      try {
        const result = await deps.store(workspaceId, items.flatMap((i) => i.rows));
        for (const i of items) i.message.ack();
        deps.logger.info({ msg: 'events stored', workspaceId, messages: items.length, ...result });
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        for (const { message } of items) {
          if (message.attempts >= MAX_ATTEMPTS) await deadLetter(message, error.slice(0, 500));
          else message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
        }
        deps.logger.error({ msg: 'events not stored; retrying', workspaceId, messages: items.length, attempts: items.map((i) => i.message.attempts), error });
      }
    }),
  );
}
