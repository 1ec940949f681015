// The escalation rules a CS team at Ledgerly would write in its first week, and the built-in local inbox they reach.
import type { DestinationConfig } from '../../actions/types';
import type { RuleInput } from '../../rules/schema';

/** A destination as the seed writes it; the store adds the workspace and the timestamps. */
export interface SeedDestination {
  id: string;
  /** The handle rules use in `outreach`. */
  name: string;
  config: DestinationConfig;
  enabled: boolean;
}

export const LOCAL_INBOX: SeedDestination = { id: 'dest_local_inbox', name: 'local-inbox', config: { kind: 'local_inbox' }, enabled: true };

export const SEED_RULES: RuleInput[] = [
  {
    // The field's own example, word for word: the rule every CS lead asks for first.
    id: 'csm-review-unresolved',
    name: 'Two unresolved tickets in 5 days → CSM review',
    description: 'If this account has two unresolved tickets in 5 days, flag for CSM review.',
    conditions: [{ kind: 'count', subject: 'unresolved_tickets', op: 'gte', value: 2, within: { value: 5, unit: 'days' } }],
    actions: [{ type: 'flag_csm', note: 'Two tickets are still open from the last 5 days: look before the customer escalates.' }],
    cooldown: { value: 3, unit: 'days' },
  },
  {
    id: 'guardrails-senior-queue',
    name: 'Legal, chargeback, manager or large refund → senior queue',
    description: 'When a ticket mentions legal action, a chargeback, a manager or a large refund, route it to the senior queue as urgent and make sure a human answers.',
    conditions: [{ kind: 'guardrail', categories: ['legal_threat', 'chargeback', 'manager_request', 'high_value_refund'], within: { value: 7, unit: 'days' } }],
    actions: [
      { type: 'route_ticket', queue: 'Senior support', priority: 'urgent' },
      { type: 'require_human', reason: 'Legal, chargeback, manager or refund language: no automated reply.' },
      { type: 'outreach', destination: LOCAL_INBOX.name, message: 'A ticket needs a senior agent now: legal, chargeback, manager or refund language.' },
    ],
  },
  {
    id: 'vip-always-human',
    name: 'VIP and partner accounts always get a person',
    description: 'If a VIP or partner account has an open ticket, route it to the partner desk and require a human.',
    match: 'all',
    conditions: [
      { kind: 'account', field: 'tier', op: 'in', value: ['vip'] },
      { kind: 'count', subject: 'unresolved_tickets', op: 'gte', value: 1, within: { value: 7, unit: 'days' } },
    ],
    actions: [
      { type: 'route_ticket', queue: 'Partner desk', priority: 'high' },
      { type: 'require_human', reason: 'VIP/partner account.' },
    ],
  },
  {
    id: 'handoff-to-inbox',
    name: 'In-product handoff → CS inbox',
    description: 'When someone asks for help from inside the product, tell the CS inbox right away.',
    conditions: [{ kind: 'count', subject: 'cases', op: 'gte', value: 1, within: { value: 1, unit: 'hours' } }],
    actions: [{ type: 'outreach', destination: LOCAL_INBOX.name, message: 'A customer asked for a person from inside Ledgerly; their trail is attached.' }],
    cooldown: { value: 10, unit: 'minutes' },
  },
  {
    id: 'renewal-at-risk',
    name: 'Renewing within 60 days and at risk → CSM and inbox',
    description: 'Accounts renewing within 60 days with a risk score of 60 or more: flag the CSM and post to the CS inbox.',
    conditions: [
      { kind: 'account', field: 'renewalInDays', op: 'lte', value: 60 },
      { kind: 'risk_score', op: 'gte', value: 60 },
    ],
    actions: [
      { type: 'flag_csm', note: 'Renewal within 60 days and the risk score is high.' },
      { type: 'outreach', destination: LOCAL_INBOX.name },
    ],
    cooldown: { value: 7, unit: 'days' },
  },
  {
    id: 'usage-drop-check-in',
    name: 'Usage dropped → CSM check-in',
    description: 'When an account\'s activity drops 40% or more week over week, ask its CSM to check in.',
    conditions: [{ kind: 'pattern', pattern: 'usage_drop' }],
    actions: [{ type: 'flag_csm', note: 'Activity fell sharply this week: a quiet account is a leaving account.' }],
    cooldown: { value: 7, unit: 'days' },
  },
  {
    id: 'vat-struggle-tip',
    name: 'Stuck on billing settings → show the VAT tip to the account',
    description: 'If one user hits 3 friction signals on billing settings in a day, show the VAT tip to everyone at that account.',
    conditions: [
      { kind: 'count', subject: 'friction_signals', op: 'gte', value: 3, within: { value: 1, unit: 'days' }, per: 'user', filter: { screen: '/demo/settings' } },
    ],
    actions: [{ type: 'show_tip', tipId: 'vat-id-format' }],
  },
];
