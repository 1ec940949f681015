// What an outbox row carries: the payload built once when a trigger fires, per destination kind, so every retry
// sends the same content; and the schema that reads it back from storage before an attempt.
//
// Nothing secret is in a payload: URLs, tokens and signing secrets are read from the destination at each attempt
// (a rotated secret or corrected token applies to what is still pending), and signatures are made per attempt.
import { z } from 'zod';
import type { DestinationKind, DestinationRecord, TriggerRecord } from '../actions/types';
import { randomId } from '../keys';
import type { RuleAction } from '../rules/schema';
import { EMAIL_ADDRESS } from './destinations';
import { emailPayload } from './email';
import { actionMessage, handoffLayout, layoutText } from './handoffText';
import { salesforceRequest } from './salesforce';
import { webhookEvent } from './signedWebhook';
import { slackMessage } from './slack';
import { zendeskRequest } from './zendesk';

/** A help-desk API call, its path from the destination's base URL. */
export interface HelpdeskRequest {
  method: 'PUT' | 'POST';
  path: string;
  body: string;
}

export type RequestResult = { ok: true; request: HelpdeskRequest } | { ok: false; error: string };

const requestShape = { method: z.enum(['PUT', 'POST']), path: z.string().startsWith('/'), body: z.string() };

export const outboxPayloadSchema = z.discriminatedUnion('kind', [
  /** The Slack message as JSON text, exactly as posted. */
  z.object({ kind: z.literal('slack'), body: z.string() }),
  /** The webhook event as JSON text, exactly as signed and posted. */
  z.object({ kind: z.literal('webhook'), body: z.string() }),
  z.object({
    kind: z.literal('email'),
    to: z.array(z.string()).min(1),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    /** The Date header: when the trigger fired, the same on every retry. */
    date: z.number(),
  }),
  z.object({ kind: z.literal('zendesk'), ...requestShape }),
  z.object({ kind: z.literal('salesforce'), ...requestShape }),
  z.object({ kind: z.literal('local_inbox'), title: z.string(), markdown: z.string(), at: z.number() }),
]);
export type OutboxPayload = z.infer<typeof outboxPayloadSchema>;

/**
 * Which actions each kind of destination carries. route_ticket needs a help desk (or a webhook or the inbox to
 * record it); notify_owner goes by email (or the inbox in the demo); show_tip is never delivered, it is config.
 */
export const DESTINATION_ACTIONS: Record<DestinationKind, ReadonlyArray<RuleAction['type']>> = {
  slack: ['outreach', 'flag_csm', 'require_human'],
  webhook: ['outreach', 'notify_owner', 'route_ticket', 'flag_csm', 'require_human'],
  email: ['outreach', 'notify_owner', 'flag_csm', 'require_human'],
  zendesk: ['route_ticket'],
  salesforce: ['route_ticket'],
  local_inbox: ['outreach', 'notify_owner', 'route_ticket', 'flag_csm', 'require_human'],
};

export interface PayloadExtra {
  /** Where notify_owner goes: the account owner's (or CSM's) email, resolved by the caller from the CRM. */
  ownerEmail?: string;
  /** The account (or trigger) in the Forestall console, for the "Open in Forestall" link. */
  consoleUrl?: string;
}

export type BuildResult = { ok: true; payload: OutboxPayload } | { ok: false; error: string };

/** Safe in a webhook-id (no "." per Standard Webhooks), a Message-ID and an inbox item id. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** A new idempotency key for an outbox row: written with the row, the same on every attempt. */
export function newIdempotencyKey(): string {
  return randomId('dlv');
}

function ownerAddress(trigger: TriggerRecord, extra: PayloadExtra): string | null {
  const candidates = [extra.ownerEmail, trigger.summary.account.owner, trigger.summary.account.csm];
  return candidates.find((c): c is string => typeof c === 'string' && EMAIL_ADDRESS.test(c.trim()))?.trim() ?? null;
}

/**
 * The payload of one outbox row: `action` of `trigger` delivered to `destination`. An error (the action does not go
 * to this kind of destination, no owner address, no ticket the help desk knows) says what to fix; the caller records
 * the row as dead with it, or skips the row.
 */
export function buildOutboxPayload(action: RuleAction, destination: DestinationRecord, trigger: TriggerRecord, extra: PayloadExtra = {}): BuildResult {
  const config = destination.config;
  if (!DESTINATION_ACTIONS[config.kind].includes(action.type)) {
    return { ok: false, error: `A ${config.kind} destination does not take ${action.type} actions (it takes ${DESTINATION_ACTIONS[config.kind].join(', ')}).` };
  }
  const layout = handoffLayout(trigger, action, extra.consoleUrl);
  switch (config.kind) {
    case 'slack':
      return { ok: true, payload: { kind: 'slack', body: JSON.stringify(slackMessage(layout)) } };
    case 'webhook':
      return { ok: true, payload: { kind: 'webhook', body: JSON.stringify(webhookEvent(trigger, action, extra.consoleUrl)) } };
    case 'email': {
      let to = config.to;
      if (action.type === 'notify_owner') {
        const owner = ownerAddress(trigger, extra);
        if (!owner) return { ok: false, error: 'The account has no owner or CSM email address to notify: set one in the CRM (owner or csm).' };
        to = [owner];
      }
      return { ok: true, payload: emailPayload(layout, to, trigger.firedAt) };
    }
    case 'zendesk':
    case 'salesforce': {
      if (action.type !== 'route_ticket') return { ok: false, error: `A ${config.kind} destination takes only route_ticket actions.` };
      const built = config.kind === 'zendesk' ? zendeskRequest(action, config, trigger, layoutText(layout)) : salesforceRequest(action, config, trigger, layoutText(layout));
      return built.ok ? { ok: true, payload: { kind: config.kind, ...built.request } } : built;
    }
    case 'local_inbox': {
      const said = actionMessage(action);
      const message = said ? `> ${said.replace(/\s+/g, ' ')}\n\n` : '';
      return { ok: true, payload: { kind: 'local_inbox', title: layout.title, markdown: `${message}${trigger.summary.markdown}`, at: trigger.firedAt } };
    }
  }
}
