// route_ticket in Salesforce: Case updates (OwnerId from the queue map, Priority) and a CaseComment with the handoff
// summary, sent as one Composite request, and what its answer means.
//
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite_post.htm
// One request with allOrNone: either every update and comment is saved or none is, so a retry never adds a second
// comment to a Case whose first attempt half-succeeded. Composite answers 200 even when a subrequest failed; the
// failure is in that subrequest's httpStatusCode, the others then say PROCESSING_HALTED.
import type { DestinationConfig, TriggerRecord } from '../actions/types';
import type { RuleAction } from '../rules/schema';
import { fitText, utf8Length } from './handoffText';
import type { AttemptOutcome } from './retry';
import { classifyStatus } from './retry';
import type { RequestResult } from './payload';

type SalesforceConfig = Extract<DestinationConfig, { kind: 'salesforce' }>;
type RouteTicket = Extract<RuleAction, { type: 'route_ticket' }>;

/** Used when the destination names none: Winter '25. */
export const DEFAULT_SALESFORCE_API_VERSION = '62.0';
/** Composite takes 25 subrequests; each Case needs two (update, comment). */
export const SALESFORCE_MAX_CASES = 12;
/** CaseComment.CommentBody holds at most 4,000 bytes. */
export const CASE_COMMENT_MAX_BYTES = 4000;

/** Salesforce's default Case priorities are High, Medium and Low. */
const PRIORITY: Record<NonNullable<RouteTicket['priority']>, string> = { urgent: 'High', high: 'High', normal: 'Medium', low: 'Low' };

/** A Case record id: 15 or 18 characters starting with Case's key prefix 500 (tickets from other systems are skipped). */
const CASE_ID = /^500[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;

export function salesforceRequest(action: RouteTicket, config: SalesforceConfig, trigger: TriggerRecord, note: string): RequestResult {
  const ids = trigger.ticketIds.filter((id) => CASE_ID.test(id)).slice(0, SALESFORCE_MAX_CASES);
  if (ids.length === 0) return { ok: false, error: 'The trigger names no Salesforce Case (Case ids are 15 or 18 characters starting with 500).' };
  const base = `/services/data/v${config.apiVersion ?? DEFAULT_SALESFORCE_API_VERSION}`;
  const ownerId = config.queueIds?.[action.queue];
  const fields = { ...(ownerId ? { OwnerId: ownerId } : {}), ...(action.priority ? { Priority: PRIORITY[action.priority] } : {}) };
  const commentBody = fitText(note, CASE_COMMENT_MAX_BYTES, { measure: utf8Length });
  const compositeRequest = ids.flatMap((id, i) => [
    ...(Object.keys(fields).length ? [{ method: 'PATCH', url: `${base}/sobjects/Case/${id}`, referenceId: `case${i}`, body: fields }] : []),
    { method: 'POST', url: `${base}/sobjects/CaseComment`, referenceId: `comment${i}`, body: { ParentId: id, CommentBody: commentBody, IsPublished: false } },
  ]);
  return { ok: true, request: { method: 'POST', path: `${base}/composite`, body: JSON.stringify({ allOrNone: true, compositeRequest }) } };
}

type SubResponse = { httpStatusCode?: unknown; body?: unknown };

/** The errorCode of a Salesforce error answer ([{ errorCode, message }]), never its message. */
export function salesforceErrorCode(body: unknown): string | null {
  const parsed = typeof body === 'string' ? safeJson(body) : body;
  const first = Array.isArray(parsed) ? (parsed[0] as { errorCode?: unknown } | undefined) : undefined;
  return typeof first?.errorCode === 'string' && /^[A-Z_]{1,80}$/.test(first.errorCode) ? first.errorCode : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The outcome of a 2xx Composite answer: delivered when every subrequest succeeded, otherwise the first real failure
 * decides (its status classified like any other). A 2xx we cannot read counts as delivered: Salesforce said yes, and
 * sending again could add a second comment.
 */
export function compositeOutcome(status: number, body: string): AttemptOutcome {
  const responses = (safeJson(body) as { compositeResponse?: unknown } | null)?.compositeResponse;
  const subs = Array.isArray(responses) ? (responses as SubResponse[]) : [];
  const failed = subs.filter((s) => typeof s.httpStatusCode === 'number' && s.httpStatusCode >= 400);
  const cause = failed.find((s) => salesforceErrorCode(s.body) !== 'PROCESSING_HALTED') ?? failed[0];
  if (!cause) return { kind: 'delivered', status };
  const subStatus = cause.httpStatusCode as number;
  const error = `Salesforce refused a subrequest: HTTP ${subStatus}${salesforceErrorCode(cause.body) ? ` (${salesforceErrorCode(cause.body)})` : ''}`;
  // A subrequest's 410 is about one record, not the whole destination, so it does not disable anything.
  const kind = classifyStatus(subStatus);
  return kind === 'retry' ? { kind, status, error } : { kind: 'dead', status, error };
}
