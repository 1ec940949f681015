// route_ticket in Zendesk: the ticket update built when the trigger fires (group, priority, tags, an internal note
// with the handoff summary), its basic-auth header, and what Zendesk's error answers mean.
//
// https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket and #update-many-tickets.
// One ticket: PUT /api/v2/tickets/{id}.json. Several: PUT /api/v2/tickets/update_many.json?ids=…, one request for
// all, so a retry never repeats the half that already went through (Zendesk runs it as a background job; its 200
// means queued). additional_tags adds tags without replacing the ticket's own (`tags` would replace them).
import type { DestinationConfig, TriggerRecord } from '../actions/types';
import type { RuleAction } from '../rules/schema';
import { bytesToBase64 } from '../webhooks/signatures';
import { fitText } from './handoffText';
import type { RequestResult } from './payload';

type ZendeskConfig = Extract<DestinationConfig, { kind: 'zendesk' }>;
type RouteTicket = Extract<RuleAction, { type: 'route_ticket' }>;

/** Zendesk's update_many takes at most 100 ids. */
export const ZENDESK_MAX_TICKETS = 100;
/** Comment bodies are capped well under Zendesk's 64 KB so the request stays small. */
export const ZENDESK_NOTE_MAX = 30_000;

/** A tag Zendesk accepts: lower case, no spaces. */
const tag = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80);

export function zendeskRequest(action: RouteTicket, config: ZendeskConfig, trigger: TriggerRecord, note: string): RequestResult {
  const ids = trigger.ticketIds.filter((id) => /^\d{1,20}$/.test(id)).slice(0, ZENDESK_MAX_TICKETS);
  if (ids.length === 0) return { ok: false, error: 'The trigger names no Zendesk ticket (Zendesk ticket ids are numbers).' };
  const groupId = config.groupIds?.[action.queue];
  const ticket = {
    ...(groupId !== undefined ? { group_id: groupId } : {}),
    ...(action.priority ? { priority: action.priority } : {}),
    // Zendesk triggers can route on the queue tag where no group is mapped.
    additional_tags: ['forestall', `forestall_queue_${tag(action.queue)}`, `forestall_rule_${tag(trigger.ruleId)}`],
    comment: { body: fitText(note, ZENDESK_NOTE_MAX), public: false },
  };
  const path = ids.length === 1 ? `/api/v2/tickets/${ids[0]}.json` : `/api/v2/tickets/update_many.json?ids=${ids.join(',')}`;
  return { ok: true, request: { method: 'PUT', path, body: JSON.stringify({ ticket }) } };
}

/** API token authentication: `{email}/token:{api_token}`, base64, as Basic credentials. */
export function zendeskAuthorization(config: ZendeskConfig): string {
  return `Basic ${bytesToBase64(new TextEncoder().encode(`${config.email}/token:${config.apiToken}`))}`;
}

/** Zendesk's error name ("RecordNotFound", "RecordInvalid", "InvalidEndpoint"), never its description. */
export function zendeskErrorCode(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    const e = typeof parsed.error === 'object' && parsed.error !== null ? (parsed.error as { title?: unknown }).title : parsed.error;
    return typeof e === 'string' && /^[A-Za-z_]{1,80}$/.test(e) ? e : null;
  } catch {
    return null;
  }
}
