import { describe, expect, it } from 'vitest';
import { attemptDelivery } from './attempt';
import { attemptDeps, destination, outboxRow, receiversClosedAfterEach, trigger, type ReceivedRequest } from './fixtures';
import { buildOutboxPayload } from './payload';
import { CASE_COMMENT_MAX_BYTES } from './salesforce';

const TOKEN = '00D5g000004XyZ1!AQ0AQFvB3H.9lJq2w_abcdefghijklmnop';
const CASE_A = '5005g00000AbCdEAAV';
const CASE_B = '5005g00000AbCdF';
const QUEUE = '00G5g000004XyZ1EAK';

const open = receiversClosedAfterEach();

interface Sub {
  method: string;
  url: string;
  referenceId: string;
  body: Record<string, unknown>;
}

/** A fake Salesforce Composite endpoint: checks the bearer token and answers every subrequest with `status`. */
async function fakeSalesforce(subStatus: (sub: Sub) => number = (s) => (s.method === 'PATCH' ? 204 : 201)) {
  const r = await open((req: ReceivedRequest) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return { status: 401, body: '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]' };
    const { compositeRequest } = JSON.parse(req.body) as { compositeRequest: Sub[] };
    const statuses = compositeRequest.map(subStatus);
    const failed = statuses.some((s) => s >= 400);
    const compositeResponse = compositeRequest.map((sub, i) => {
      const status = statuses[i]!;
      if (status >= 400) return { body: [{ errorCode: status === 404 ? 'NOT_FOUND' : 'SERVER_UNAVAILABLE', message: 'x' }], httpStatusCode: status, referenceId: sub.referenceId };
      if (failed) return { body: [{ errorCode: 'PROCESSING_HALTED', message: 'rolled back' }], httpStatusCode: 400, referenceId: sub.referenceId };
      return { body: status === 204 ? null : { id: '00a5g000001AbCd', success: true, errors: [] }, httpStatusCode: status, referenceId: sub.referenceId };
    });
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ compositeResponse }) };
  });
  const dest = destination({ kind: 'salesforce', instanceUrl: r.url(''), accessToken: TOKEN, queueIds: { senior: QUEUE } });
  return { r, dest };
}

describe('route_ticket to Salesforce', () => {
  it('sends one all-or-none Composite request: each Case to the queue with its priority, and a private CaseComment', async () => {
    const { r, dest } = await fakeSalesforce();
    const built = buildOutboxPayload({ type: 'route_ticket', queue: 'senior', priority: 'urgent', destination: 'sf' }, dest, trigger({ ticketIds: [CASE_A, '35436', CASE_B] }));
    if (!built.ok) throw new Error(built.error);

    expect(await attemptDelivery(outboxRow(dest, built.payload, { action: 'route_ticket' }), dest, attemptDeps())).toEqual({ kind: 'delivered', status: 200 });

    expect(r.requests).toHaveLength(1);
    const req = r.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/services/data/v62.0/composite');
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const body = JSON.parse(req.body) as { allOrNone: boolean; compositeRequest: Sub[] };
    expect(body.allOrNone).toBe(true);
    expect(body.compositeRequest.map(({ method, url, referenceId }) => ({ method, url, referenceId }))).toEqual([
      { method: 'PATCH', url: `/services/data/v62.0/sobjects/Case/${CASE_A}`, referenceId: 'case0' },
      { method: 'POST', url: '/services/data/v62.0/sobjects/CaseComment', referenceId: 'comment0' },
      { method: 'PATCH', url: `/services/data/v62.0/sobjects/Case/${CASE_B}`, referenceId: 'case1' },
      { method: 'POST', url: '/services/data/v62.0/sobjects/CaseComment', referenceId: 'comment1' },
    ]);
    expect(body.compositeRequest[0]!.body).toEqual({ OwnerId: QUEUE, Priority: 'High' });
    const comment = body.compositeRequest[1]!.body;
    expect(comment.ParentId).toBe(CASE_A);
    expect(comment.IsPublished).toBe(false);
    expect(comment.CommentBody).toContain('Acme: ticket routed to senior (urgent)');
  });

  it('uses the destination’s API version, and skips the Case update when there is nothing to set', async () => {
    const { r, dest } = await fakeSalesforce();
    const versioned = { ...dest, config: { ...dest.config, apiVersion: '60.0' } as typeof dest.config };
    const built = buildOutboxPayload({ type: 'route_ticket', queue: 'unmapped' }, versioned, trigger({ ticketIds: [CASE_A] }));
    if (!built.ok) throw new Error(built.error);
    expect(await attemptDelivery(outboxRow(versioned, built.payload), versioned, attemptDeps())).toEqual({ kind: 'delivered', status: 200 });
    const body = JSON.parse(r.requests[0]!.body) as { compositeRequest: Sub[] };
    expect(r.requests[0]!.url).toBe('/services/data/v60.0/composite');
    expect(body.compositeRequest.map((s) => s.method)).toEqual(['POST']);
  });

  it('keeps the comment within 4,000 bytes of UTF-8, whatever the summary', async () => {
    const { dest } = await fakeSalesforce();
    const t = trigger({ ticketIds: [CASE_A], summary: { ...trigger().summary, customerWants: 'Ünïcödé 😀 '.repeat(2000) } });
    const built = buildOutboxPayload({ type: 'route_ticket', queue: 'senior' }, dest, t);
    if (!built.ok || built.payload.kind !== 'salesforce') throw new Error('built');
    const comment = (JSON.parse(built.payload.body) as { compositeRequest: Sub[] }).compositeRequest[1]!.body.CommentBody as string;
    expect(new TextEncoder().encode(comment).length).toBeLessThanOrEqual(CASE_COMMENT_MAX_BYTES);
    expect(comment.endsWith('…')).toBe(true);
    expect(comment).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('reads a failed subrequest behind the 200: a missing Case is dead, an unavailable server retried', async () => {
    const { dest } = await fakeSalesforce((s) => (s.method === 'PATCH' ? 404 : 201));
    const built = buildOutboxPayload({ type: 'route_ticket', queue: 'senior' }, dest, trigger({ ticketIds: [CASE_A] }));
    if (!built.ok) throw new Error('built');
    expect(await attemptDelivery(outboxRow(dest, built.payload), dest, attemptDeps())).toEqual({
      kind: 'dead',
      status: 200,
      error: 'Salesforce refused a subrequest: HTTP 404 (NOT_FOUND)',
    });

    const { dest: busy } = await fakeSalesforce((s) => (s.method === 'POST' ? 503 : 204));
    expect(await attemptDelivery(outboxRow(busy, built.payload), busy, attemptDeps())).toEqual({
      kind: 'retry',
      status: 200,
      error: 'Salesforce refused a subrequest: HTTP 503 (SERVER_UNAVAILABLE)',
    });
  });

  it('retries an expired session (fixed by a new token), reading the error code', async () => {
    const { dest } = await fakeSalesforce();
    const built = buildOutboxPayload({ type: 'route_ticket', queue: 'senior' }, dest, trigger({ ticketIds: [CASE_A] }));
    if (!built.ok) throw new Error('built');
    const expired = { ...dest, config: { ...dest.config, accessToken: 'expired' } as typeof dest.config };
    expect(await attemptDelivery(outboxRow(dest, built.payload), expired, attemptDeps())).toEqual({
      kind: 'retry',
      status: 401,
      error: 'HTTP 401 (INVALID_SESSION_ID)',
      retryAfterMs: null,
    });
  });

  it('builds nothing for a trigger without a Case', () => {
    const dest = destination({ kind: 'salesforce', instanceUrl: 'https://acme.my.salesforce.com', accessToken: TOKEN });
    expect(buildOutboxPayload({ type: 'route_ticket', queue: 'senior' }, dest, trigger({ ticketIds: ['35436'] }))).toEqual({
      ok: false,
      error: 'The trigger names no Salesforce Case (Case ids are 15 or 18 characters starting with 500).',
    });
  });
});
