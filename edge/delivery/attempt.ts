// One delivery attempt of one outbox row: read its payload back, check the destination's address, send it within
// the timeout, and say what came of it. No storage here: the dispatcher records the outcome.
import type { DestinationConfig, DestinationRecord, InboxItem, OutboxRecord } from '../actions/types';
import { checkUrl, type AddressAllowance, type Lookup } from './addressGuard';
import { sendEmail, type SmtpTransportFactory } from './email';
import { IDEMPOTENCY_KEY_PATTERN, outboxPayloadSchema, type OutboxPayload } from './payload';
import { classifyStatus, parseRetryAfter, type AttemptOutcome } from './retry';
import { compositeOutcome, salesforceErrorCode } from './salesforce';
import { webhookHeaders } from './signedWebhook';
import { zendeskAuthorization, zendeskErrorCode } from './zendesk';

export type DeliveryFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface AttemptDeps {
  fetch: DeliveryFetch;
  lookup: Lookup | null;
  allow: AddressAllowance;
  timeoutMs: number;
  /** Null where email cannot be sent (no SMTP on this runtime): email rows then wait, as after a network error. */
  smtp: SmtpTransportFactory | null;
  appendInbox: (item: InboxItem) => Promise<void>;
  now: () => number;
}

/** Read from an answer, for the error codes of Slack, Zendesk and Salesforce; the rest is thrown away unread. */
const MAX_ANSWER_BYTES = 64 * 1024;
const USER_AGENT = 'Forestall-Delivery/1.0';

interface HttpRequest {
  url: string;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
  body: string;
}

/** The first MAX_ANSWER_BYTES of a body; the stream is cancelled after, so a huge or endless answer costs nothing. */
async function readAnswer(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  // Response streams yield chunks over plain ArrayBuffers, which is what Blob takes.
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  try {
    while (size < MAX_ANSWER_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array<ArrayBuffer>);
      size += value.byteLength;
    }
  } finally {
    void reader.cancel().catch(() => {});
  }
  return new Blob(chunks).slice(0, MAX_ANSWER_BYTES).text();
}

/** A network error's code (ECONNREFUSED, ENOTFOUND…), never its message: messages can carry URLs. */
function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = (error as { code?: unknown }).code ?? cause?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'failed';
}

/** Slack answers errors as a bare code ("channel_not_found", "invalid_payload"). */
const slackErrorCode = (body: string): string | null => (/^[a-z_]{1,80}$/.test(body.trim()) ? body.trim() : null);

type Kind = OutboxPayload['kind'];
const ERROR_CODE: Partial<Record<Kind, (body: string) => string | null>> = {
  slack: slackErrorCode,
  zendesk: zendeskErrorCode,
  salesforce: salesforceErrorCode,
};

async function sendHttp(kind: Kind, request: HttpRequest, deps: AttemptDeps, signal: AbortSignal): Promise<AttemptOutcome> {
  const guard = await checkUrl(request.url, { lookup: deps.lookup, allow: deps.allow });
  if (!guard.ok) return { kind: guard.reason === 'refused' ? 'dead' : 'retry', status: null, error: guard.message };
  let response: Response;
  try {
    response = await deps.fetch(request.url, {
      method: request.method,
      headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': USER_AGENT, ...request.headers },
      body: request.body,
      // A redirect could lead anywhere, our own network included; it is a failure to fix in the destination.
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    if (signal.aborted) return { kind: 'retry', status: null, error: `timed out after ${deps.timeoutMs} ms` };
    return { kind: 'retry', status: null, error: `network error (${networkCode(error)})` };
  }
  const status = response.status;
  const verdict = classifyStatus(status);
  // Accepted is accepted: a body that never ends after a 2xx must not turn it into a retry (and a second message).
  if (verdict === 'delivered' && kind !== 'salesforce') {
    void response.body?.cancel().catch(() => {});
    return { kind: 'delivered', status };
  }
  // The answer only adds an error code (or Salesforce's per-subrequest results); without it the status decides.
  const answer = await readAnswer(response).catch(() => '');
  if (verdict === 'delivered') return compositeOutcome(status, answer);
  const code = ERROR_CODE[kind]?.(answer);
  const error = `HTTP ${status}${code ? ` (${code})` : ''}`;
  if (verdict === 'retry') return { kind: 'retry', status, error, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), deps.now()) };
  return { kind: verdict, status, error };
}

/** A payload with the destination config of the same kind, so each case below sees both narrowed. */
type Matched = {
  [K in Kind]: { kind: K; payload: Extract<OutboxPayload, { kind: K }>; config: Extract<DestinationConfig, { kind: K }> };
}[Kind];

function match(payload: OutboxPayload, config: DestinationConfig): Matched | null {
  return payload.kind === config.kind ? ({ kind: payload.kind, payload, config } as Matched) : null;
}

async function httpRequest(m: Exclude<Matched, { kind: 'email' | 'local_inbox' }>, row: OutboxRecord, now: number): Promise<HttpRequest> {
  switch (m.kind) {
    case 'slack':
      return { url: m.config.url, method: 'POST', headers: {}, body: m.payload.body };
    case 'webhook':
      return { url: m.config.url, method: 'POST', headers: await webhookHeaders(m.config.secret, row.idempotencyKey, now, m.payload.body), body: m.payload.body };
    case 'zendesk':
      return { url: `${m.config.baseUrl.replace(/\/+$/, '')}${m.payload.path}`, method: m.payload.method, headers: { authorization: zendeskAuthorization(m.config) }, body: m.payload.body };
    case 'salesforce':
      return {
        url: `${m.config.instanceUrl.replace(/\/+$/, '')}${m.payload.path}`,
        method: m.payload.method,
        headers: { authorization: `Bearer ${m.config.accessToken}` },
        body: m.payload.body,
      };
  }
}

/** After the timeout aborts what can be aborted, this long for the attempt to come back with its real outcome. */
export const ABORT_GRACE_MS = 1000;

/**
 * Everything an attempt does ends within timeoutMs (+1 s of grace), DNS included, whatever the receiver does: the
 * dispatcher's lease relies on it.
 */
export async function attemptDelivery(row: OutboxRecord, destination: DestinationRecord, deps: AttemptDeps): Promise<AttemptOutcome> {
  const parsed = outboxPayloadSchema.safeParse(row.payload);
  if (!parsed.success) return { kind: 'dead', status: null, error: 'The stored payload is unreadable; the trigger must be fired again.' };
  const m = match(parsed.data, destination.config);
  if (!m) return { kind: 'dead', status: null, error: `The destination is now ${destination.config.kind}, but this delivery was built for ${parsed.data.kind}.` };
  if (!IDEMPOTENCY_KEY_PATTERN.test(row.idempotencyKey)) {
    return { kind: 'dead', status: null, error: 'The idempotency key has characters a webhook-id or Message-ID cannot carry.' };
  }

  const controller = new AbortController();
  const timers: Array<ReturnType<typeof setTimeout>> = [setTimeout(() => controller.abort(), deps.timeoutMs)];
  // Some steps cannot be cancelled (a DNS lookup): the race still ends the attempt on time.
  const hardStop = new Promise<AttemptOutcome>((resolve) => {
    timers.push(setTimeout(() => resolve({ kind: 'retry', status: null, error: `timed out after ${deps.timeoutMs} ms` }), deps.timeoutMs + ABORT_GRACE_MS));
  });
  const attempt = async (): Promise<AttemptOutcome> => {
    switch (m.kind) {
      case 'local_inbox':
        try {
          await deps.appendInbox({
            id: row.idempotencyKey,
            workspaceId: row.workspaceId,
            destinationId: row.destinationId,
            triggerId: row.triggerId,
            title: m.payload.title,
            markdown: m.payload.markdown,
            at: m.payload.at,
          });
          return { kind: 'delivered', status: null };
        } catch {
          return { kind: 'retry', status: null, error: 'the inbox could not be written' };
        }
      case 'email':
        if (!deps.smtp) return { kind: 'retry', status: null, error: 'email is not available on this runtime' };
        return sendEmail(m.payload, m.config, row.idempotencyKey, row.triggerId, {
          lookup: deps.lookup,
          allow: deps.allow,
          timeoutMs: deps.timeoutMs,
          transport: deps.smtp,
          signal: controller.signal,
        });
      default:
        return sendHttp(m.kind, await httpRequest(m, row, deps.now()), deps, controller.signal);
    }
  };
  try {
    return await Promise.race([attempt(), hardStop]);
  } finally {
    for (const t of timers) clearTimeout(t);
  }
}
