// Signed webhooks: the JSON body built when a trigger fires, and the Standard Webhooks headers made at each attempt.
//
// The body is fixed at fire time (a retry sends the same bytes), but the headers are not: webhook-timestamp is the
// time of the attempt, as the spec asks, since receivers refuse signatures more than five minutes old, and the
// signature uses the destination's secret as it is now, so a rotated secret applies to deliveries still pending.
// webhook-id is the outbox row's idempotency key, the same on every retry, for the receiver to deduplicate on.
import type { TriggerRecord } from '../actions/types';
import type { RuleAction } from '../rules/schema';
import { signStandard } from '../webhooks/signatures';
import { safeLink } from './handoffText';

export const WEBHOOK_EVENT_TYPE = 'forestall.trigger.fired';

export interface WebhookEvent {
  type: typeof WEBHOOK_EVENT_TYPE;
  /** When the trigger fired (not when this attempt was made), ISO 8601. */
  timestamp: string;
  data: {
    trigger: {
      id: string;
      ruleId: string;
      ruleName: string;
      accountId: string;
      ticketIds: string[];
      riskScore: number;
      reasons: TriggerRecord['reasons'];
      firedAt: string;
      /** The account in the Forestall console, when the edge knows its public URL. */
      url: string | null;
    };
    /** The action this delivery is for (a rule may have several). */
    action: RuleAction;
    summary: TriggerRecord['summary'];
  };
}

export function webhookEvent(trigger: TriggerRecord, action: RuleAction, consoleUrl?: string): WebhookEvent {
  const firedAt = new Date(trigger.firedAt).toISOString();
  return {
    type: WEBHOOK_EVENT_TYPE,
    timestamp: firedAt,
    data: {
      trigger: {
        id: trigger.id,
        ruleId: trigger.ruleId,
        ruleName: trigger.ruleName,
        accountId: trigger.accountId,
        ticketIds: trigger.ticketIds,
        riskScore: trigger.riskScore,
        reasons: trigger.reasons,
        firedAt,
        url: safeLink(consoleUrl),
      },
      action,
      summary: trigger.summary,
    },
  };
}

/** The three Standard Webhooks headers for one attempt at `now`. */
export async function webhookHeaders(secret: string, id: string, now: number, body: string): Promise<Record<string, string>> {
  const timestamp = Math.floor(now / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': await signStandard(secret, id, timestamp, body),
  };
}
