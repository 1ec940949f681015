import { describe, expect, it } from 'vitest';
import type { WebhookSecret } from '../db/schema';
import { verifyStandard } from '../webhooks/signatures';
import { attemptDelivery } from './attempt';
import { FIRED_AT, attemptDeps, destination, outboxRow, receiversClosedAfterEach, trigger } from './fixtures';
import { buildOutboxPayload } from './payload';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const secrets = (...values: string[]): WebhookSecret[] => values.map((secret, i) => ({ id: `sec_${i}`, secret, createdAt: 0, expiresAt: null }));

const open = receiversClosedAfterEach();

describe('signed webhook delivery', () => {
  it('posts the event with Standard Webhooks headers that the edge’s own verifier accepts', async () => {
    const r = await open(() => ({ status: 204 }));
    const dest = destination({ kind: 'webhook', url: r.url('/forestall'), secret: SECRET });
    const built = buildOutboxPayload({ type: 'outreach', destination: 'hook' }, dest, trigger(), { consoleUrl: 'https://console.forestall.example/accounts/acme' });
    if (!built.ok) throw new Error(built.error);

    const now = FIRED_AT + 90_000;
    expect(await attemptDelivery(outboxRow(dest, built.payload), dest, attemptDeps({ now: () => now }))).toEqual({ kind: 'delivered', status: 204 });

    const req = r.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/forestall');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['webhook-id']).toBe('dlv_0123456789abcdef01234567');
    expect(req.headers['webhook-timestamp']).toBe(String(Math.floor(now / 1000)));
    const verified = await verifyStandard({
      id: req.headers['webhook-id'] as string,
      timestamp: req.headers['webhook-timestamp'] as string,
      signature: req.headers['webhook-signature'] as string,
      body: new TextEncoder().encode(req.body),
      secrets: secrets(SECRET),
      now,
    });
    expect(verified).toEqual({ ok: true, secretId: 'sec_0', signedAt: Math.floor(now / 1000) * 1000 });

    const event = JSON.parse(req.body);
    expect(event).toMatchObject({
      type: 'forestall.trigger.fired',
      timestamp: '2026-06-01T12:00:00.000Z',
      data: {
        trigger: { id: 'trg_1', ruleId: 'two-unresolved', accountId: 'acme', ticketIds: ['35436', '35440'], riskScore: 82, firedAt: '2026-06-01T12:00:00.000Z', url: 'https://console.forestall.example/accounts/acme' },
        action: { type: 'outreach', destination: 'hook' },
        summary: { headline: trigger().summary.headline, nextAction: trigger().summary.nextAction },
      },
    });
    expect(req.body).not.toContain(SECRET.slice(6));
  });

  it('sends the same bytes and the same webhook-id on a retry, signed afresh with the attempt’s time and the current secret', async () => {
    const r = await open((_req, i) => ({ status: i === 0 ? 503 : 200 }));
    const dest = destination({ kind: 'webhook', url: r.url(), secret: SECRET });
    const built = buildOutboxPayload({ type: 'outreach', destination: 'hook' }, dest, trigger());
    if (!built.ok) throw new Error(built.error);
    const row = outboxRow(dest, built.payload);

    expect(await attemptDelivery(row, dest, attemptDeps({ now: () => FIRED_AT }))).toMatchObject({ kind: 'retry', status: 503 });
    // An hour later, after the secret was rotated: a 5-minute-old signature would be refused, so it is made again.
    const rotated = 'whsec_' + 'B'.repeat(43) + '=';
    const later = FIRED_AT + 3_600_000;
    const rotatedDest = { ...dest, config: { kind: 'webhook' as const, url: r.url(), secret: rotated } };
    expect(await attemptDelivery({ ...row, attempts: 1 }, rotatedDest, attemptDeps({ now: () => later }))).toEqual({ kind: 'delivered', status: 200 });

    const [first, second] = r.requests;
    expect(second!.body).toBe(first!.body);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(Number(second!.headers['webhook-timestamp']) - Number(first!.headers['webhook-timestamp'])).toBe(3600);
    const verify = (req: typeof first, secret: string, now: number) =>
      verifyStandard({
        id: req!.headers['webhook-id'] as string,
        timestamp: req!.headers['webhook-timestamp'] as string,
        signature: req!.headers['webhook-signature'] as string,
        body: new TextEncoder().encode(req!.body),
        secrets: secrets(secret),
        now,
      });
    expect(await verify(second, rotated, later)).toMatchObject({ ok: true });
    expect(await verify(second, SECRET, later)).toMatchObject({ ok: false, reason: 'invalid_signature' });
    expect(await verify(first, SECRET, FIRED_AT)).toMatchObject({ ok: true });
  });
});
