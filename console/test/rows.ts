// Answers of the edge in the shapes the console reads, for the happy-dom tests.
import type { HandoffSummary, TriggerRecord } from '../../edge/actions/types';
import type { AtRiskRow, TriggerDetail } from '../../edge/store';

export const NOW = Date.UTC(2026, 5, 1, 12);
const DAY = 86_400_000;

export const atRiskRow = (over: Partial<AtRiskRow> = {}): AtRiskRow => ({
  accountId: 'acme',
  name: 'Acme Logistics',
  tier: 'enterprise',
  arr: 240_000,
  renewalAt: NOW + 41 * DAY,
  owner: 'Priya Raman',
  csm: null,
  score: 82,
  level: 'critical',
  reasons: [
    { id: 'unresolved_stack', kind: 'pattern', points: 30, sentence: 'Acme has 2 unresolved tickets opened within 5 days: T-1041 and T-1044.', evidence: { ticketIds: ['T-1041', 'T-1044'], from: NOW - 4 * DAY, to: NOW - DAY }, at: NOW },
    { id: 'in_product_friction', kind: 'pattern', points: 14, sentence: '3 users hit friction 9 times.', evidence: { signalIds: ['ev_1', 'ev_2'], userIds: ['u_lee'] }, at: NOW },
    { id: 'renewal_window', kind: 'context', points: 8, sentence: 'Renews in 41 days.', evidence: {}, at: NOW },
  ],
  requiresHuman: false,
  evaluatedAt: NOW,
  trend: [
    { day: NOW - 2 * DAY, score: 40 },
    { day: NOW - DAY, score: 60 },
    { day: NOW, score: 82 },
  ],
  ...over,
});

export const summary = (over: Partial<HandoffSummary> = {}): HandoffSummary => ({
  headline: 'Acme Logistics: 2 unresolved tickets in 5 days.',
  whatHappened: [],
  whatWasChecked: [],
  customerWants: 'A working export.',
  account: { id: 'acme', name: 'Acme Logistics', tier: 'enterprise', arr: 240_000, renewalAt: null, owner: null, csm: null, riskScore: 82, recentTickets: [], csat: [] },
  policy: { guardrails: [], requiresHuman: false, notes: [] },
  nextAction: 'Call Dana today.',
  markdown: '**Acme Logistics: 2 unresolved tickets in 5 days.**\n\n### What happened\n- T-1041 opened\n- <img src=x onerror=alert(1)>\n\n[run](javascript:alert(1)) and [the account](/console/accounts/acme)',
  source: 'template',
  ...over,
});

export const triggerRecord = (over: Partial<TriggerRecord> = {}): TriggerRecord => ({
  id: 'trg_1',
  workspaceId: 'ws',
  ruleId: 'two-unresolved',
  ruleName: 'Two unresolved tickets in 5 days',
  accountId: 'acme',
  ticketIds: [],
  actions: [{ type: 'flag_csm' }, { type: 'outreach', destination: 'cs-urgent' }],
  riskScore: 82,
  reasons: atRiskRow().reasons,
  summary: summary(),
  firedAt: NOW - 3_600_000,
  ackedAt: null,
  ackedBy: null,
  delivery: 'dead',
  ...over,
});

export const triggerDetail = (over: Partial<TriggerDetail> = {}): TriggerDetail => ({
  ...triggerRecord(),
  deliveries: [
    { id: 'out_1', workspaceId: 'ws', triggerId: 'trg_1', destinationId: 'dst_slack', action: 'outreach', idempotencyKey: 'k1', state: 'dead', attempts: 8, nextAttemptAt: NOW, lastStatus: 500, lastError: 'Slack answered 500', deliveredAt: null, createdAt: NOW, destinationName: 'cs-urgent', destinationKind: 'slack' },
    { id: 'out_2', workspaceId: 'ws', triggerId: 'trg_1', destinationId: 'dst_inbox', action: 'outreach', idempotencyKey: 'k2', state: 'delivered', attempts: 1, nextAttemptAt: NOW, lastStatus: 200, lastError: null, deliveredAt: NOW, createdAt: NOW, destinationName: 'local-inbox', destinationKind: 'local_inbox' },
  ],
  ...over,
});
