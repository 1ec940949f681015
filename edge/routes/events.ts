// POST /v1/events: validate a batch, correct its clocks, store it in one transaction, answer 202 only after commit.
import type { EventBatchAccepted } from '../../sdk/wire';
import { readPublicBody } from '../http/auth';
import type { AppContext, EdgeApp } from '../http/context';
import { HttpError, validationError } from '../http/errors';
import { trustedTime } from '../ingest/timestamps';
import type { EventRow } from '../store';
import { eventBatchSchema } from '../wire-schemas';

/** Largest event, as stored (JSON, UTF-8): the SDK keeps events far smaller; this stops one from carrying a dump. */
export const MAX_EVENT_BYTES = 32 * 1024;

const encoder = new TextEncoder();

/** UTF-8 length without encoding when the string is short enough that it cannot matter (≤ 3 bytes per UTF-16 unit). */
function utf8Length(s: string, limit: number): number {
  return s.length * 3 <= limit ? s.length : encoder.encode(s).byteLength;
}

export function registerEvents(app: EdgeApp, ctx: AppContext): void {
  app.post('/v1/events', async (c) => {
    const { key, body } = await readPublicBody(c, ctx);

    const parsed = eventBatchSchema.safeParse(body);
    if (!parsed.success) throw validationError(parsed.error);
    const batch = parsed.data;

    const receivedAt = ctx.clock.now();
    const rows: EventRow[] = new Array(batch.events.length);
    for (let i = 0; i < batch.events.length; i++) {
      const event = batch.events[i]!;
      const payload = JSON.stringify(event);
      if (utf8Length(payload, MAX_EVENT_BYTES) > MAX_EVENT_BYTES) {
        throw new HttpError(413, 'event_too_large', `Event ${i} is larger than ${MAX_EVENT_BYTES} bytes; send less in props.`, [
          { path: `events.${i}`, message: `larger than ${MAX_EVENT_BYTES} bytes` },
        ]);
      }
      const time = trustedTime(event.at, batch.sentAt, receivedAt);
      rows[i] = {
        id: event.id,
        type: event.type,
        at: time.at,
        clientAt: Math.round(event.at),
        receivedAt,
        clockSkew: time.corrected,
        anonymousId: event.anonymousId,
        sessionId: event.sessionId,
        userId: event.userId ?? null,
        accountId: event.accountId ?? null,
        screen: event.screen ?? null,
        payload,
      };
    }
    const result: EventBatchAccepted = await ctx.store.insertEvents(key.workspaceId, rows);
    ctx.background.touch(key.workspaceId, new Set(rows.map((r) => r.accountId)));
    return c.json(result, 202);
  });
}
