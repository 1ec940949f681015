// A fired trigger with its handoff summary, destinations of every kind and local HTTP receivers, for delivery tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { DestinationConfig, DestinationRecord, HandoffSummary, OutboxRecord, TriggerRecord } from '../actions/types';
import type { Lookup } from './addressGuard';
import type { AttemptDeps } from './attempt';

export const FIRED_AT = Date.UTC(2026, 5, 1, 12, 0, 0);
const DAY = 86_400_000;

export function summary(overrides: Partial<HandoffSummary> = {}): HandoffSummary {
  return {
    headline: 'Acme (enterprise, 120,000 ARR, renews in 41 days): 2 unresolved tickets in 5 days.',
    whatHappened: ['2026-05-28 ticket 35436 opened: CSV export of the Q3 report is empty', '2026-05-30 ticket 35440 opened: export still broken', '2026-05-31 3 rage clicks on /reports/export'],
    whatWasChecked: ['Read article "Exporting reports"', 'Tip export-help shown, marked unhelpful'],
    customerWants: 'A working CSV export before their board meeting on Friday.',
    account: {
      id: 'acme',
      name: 'Acme',
      tier: 'enterprise',
      arr: 120_000,
      renewalAt: FIRED_AT + 41 * DAY,
      owner: 'dana@forestall.example',
      csm: 'lee@forestall.example',
      riskScore: 82,
      recentTickets: [
        { id: '35436', subject: 'CSV export empty', status: 'open', createdAt: FIRED_AT - 4 * DAY },
        { id: '35440', subject: 'Export still broken', status: 'new', createdAt: FIRED_AT - 2 * DAY },
      ],
      csat: [{ ticketId: '35401', score: 'bad', negative: true, at: FIRED_AT - 9 * DAY }],
    },
    policy: { guardrails: [], requiresHuman: false, notes: [] },
    nextAction: 'Call Acme\'s admin today and escalate the export bug to engineering.',
    markdown: '**Acme** has 2 unresolved tickets in 5 days.\n\n### What happened\n- ticket 35436 opened',
    source: 'template',
    ...overrides,
  };
}

export function trigger(overrides: Partial<TriggerRecord> = {}): TriggerRecord {
  return {
    id: 'trg_1',
    workspaceId: 'ws_1',
    ruleId: 'two-unresolved',
    ruleName: 'Two unresolved tickets in 5 days',
    accountId: 'acme',
    ticketIds: ['35436', '35440'],
    actions: [{ type: 'outreach', destination: 'cs-escalations' }],
    riskScore: 82,
    reasons: [
      {
        id: 'unresolved_stack',
        kind: 'pattern',
        points: 30,
        sentence: 'Acme has 2 unresolved tickets opened within 5 days (35436, 35440).',
        evidence: { ticketIds: ['35436', '35440'] },
        at: FIRED_AT - 2 * DAY,
      },
    ],
    summary: summary(),
    firedAt: FIRED_AT,
    ackedAt: null,
    ackedBy: null,
    delivery: 'pending',
    ...overrides,
  };
}

export function destination(config: DestinationConfig, overrides: Partial<DestinationRecord> = {}): DestinationRecord {
  return {
    id: `dst_${config.kind}`,
    workspaceId: 'ws_1',
    name: config.kind,
    config,
    enabled: true,
    disabledReason: null,
    createdAt: FIRED_AT - DAY,
    updatedAt: FIRED_AT - DAY,
    ...overrides,
  };
}

/** Resolves every name to 127.0.0.1, so receivers on this machine stand in for real hosts. */
export const loopbackLookup: Lookup = async () => [{ address: '127.0.0.1', family: 4 }];

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * An HTTP receiver on 127.0.0.1 that answers each request with `respond` (given the requests so far, this one
 * included): the tests script failures, Retry-After, 410 and hangs with it.
 */
export async function receiver(respond: (req: ReceivedRequest, index: number, res: ServerResponse) => void | { status: number; headers?: Record<string, string>; body?: string }) {
  const requests: ReceivedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(received);
      const answer = respond(received, requests.length - 1, res);
      if (!answer) {
        hanging.add(res);
        return;
      }
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    port,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Opens receivers for a test file, each closed after the test that opened it. Call once, at the top of the file. */
export function receiversClosedAfterEach(): typeof receiver {
  const open: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((close) => close()));
  });
  return async (respond) => {
    const r = await receiver(respond);
    open.push(r.close);
    return r;
  };
}

/** An outbox row as the pipeline writes it: pending, due now, never tried. */
export function outboxRow(destinationRecord: DestinationRecord, payload: unknown, overrides: Partial<OutboxRecord> = {}): OutboxRecord {
  return {
    id: `out_${destinationRecord.id}`,
    workspaceId: 'ws_1',
    triggerId: 'trg_1',
    destinationId: destinationRecord.id,
    action: 'outreach',
    payload,
    idempotencyKey: 'dlv_0123456789abcdef01234567',
    state: 'pending',
    attempts: 0,
    nextAttemptAt: FIRED_AT,
    lastStatus: null,
    lastError: null,
    deliveredAt: null,
    createdAt: FIRED_AT,
    ...overrides,
  };
}

/** What an attempt needs, pointed at this machine: every name resolves to loopback, which is allowed. */
export function attemptDeps(overrides: Partial<AttemptDeps> = {}): AttemptDeps {
  return {
    fetch: (url, init) => fetch(url, init),
    lookup: loopbackLookup,
    allow: 'loopback',
    timeoutMs: 2_000,
    smtp: null,
    appendInbox: async () => {},
    now: () => FIRED_AT,
    ...overrides,
  };
}
