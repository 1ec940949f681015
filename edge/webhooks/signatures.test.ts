import { describe, expect, it } from 'vitest';
import type { WebhookSecret } from '../db/schema';
import { generateWhsec, signStandard, signZendesk, standardKey, TIMESTAMP_TOLERANCE_MS, verifyStandard, verifyZendesk } from './signatures';

const enc = new TextEncoder();
const secret = (s: string, expiresAt: number | null = null, id = 'sec_1'): WebhookSecret => ({ id, secret: s, createdAt: 0, expiresAt });

describe('Standard Webhooks signatures', () => {
  // The test vector of the Standard Webhooks reference libraries (standard-webhooks/standard-webhooks, libraries/*/tests).
  const vector = {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: '1614265330',
    body: '{"test": 2432232314}',
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  };
  const at = 1614265330_000;
  const verify = (overrides: Partial<Parameters<typeof verifyStandard>[0]> = {}) =>
    verifyStandard({ id: vector.id, timestamp: vector.timestamp, signature: vector.signature, body: enc.encode(vector.body), secrets: [secret(vector.secret)], now: at, ...overrides });

  it('matches the reference test vector', async () => {
    expect(await signStandard(vector.secret, vector.id, vector.timestamp, vector.body)).toBe(vector.signature);
    expect(await verify()).toEqual({ ok: true, secretId: 'sec_1', signedAt: at });
  });

  it('accepts any matching signature of a space-separated list, and ignores other versions', async () => {
    const list = `v1a,${'A'.repeat(88)} v1,bm90IGl0 ${vector.signature}`;
    expect((await verify({ signature: list })).ok).toBe(true);
  });

  it('accepts a signature made with any live secret, not an expired one', async () => {
    const other = generateWhsec();
    expect((await verify({ secrets: [secret(other, null, 'new'), secret(vector.secret, at + 1, 'old')] }))).toMatchObject({ ok: true, secretId: 'old' });
    expect(await verify({ secrets: [secret(other, null, 'new'), secret(vector.secret, at, 'old')] })).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });

  it('refuses a changed body, a changed id, a stale or future timestamp, missing headers', async () => {
    expect(await verify({ body: enc.encode('{"test": 2432232315}') })).toMatchObject({ ok: false, reason: 'invalid_signature' });
    expect(await verify({ id: 'msg_other' })).toMatchObject({ ok: false, reason: 'invalid_signature' });
    expect(await verify({ now: at + TIMESTAMP_TOLERANCE_MS + 1000 })).toMatchObject({ ok: false, reason: 'stale_timestamp' });
    expect(await verify({ now: at - TIMESTAMP_TOLERANCE_MS - 1000 })).toMatchObject({ ok: false, reason: 'future_timestamp' });
    expect((await verify({ now: at + TIMESTAMP_TOLERANCE_MS })).ok).toBe(true);
    expect(await verify({ timestamp: '2021-02-25T15:02:10Z' })).toMatchObject({ ok: false, reason: 'invalid_timestamp' });
    expect(await verify({ signature: undefined })).toMatchObject({ ok: false, reason: 'missing_signature' });
    expect(await verify({ id: '' })).toMatchObject({ ok: false, reason: 'missing_signature' });
    expect(await verify({ signature: 'v1,not base64!' })).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const s = generateWhsec();
    expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(standardKey(s)).toHaveLength(32);
    expect(generateWhsec()).not.toBe(s);
  });
});

describe('Zendesk signatures', () => {
  const ts = '2026-06-01T11:59:30Z';
  const now = Date.parse(ts) + 30_000;
  const body = '{"type":"zen:event-type:ticket.created"}';

  it('verifies base64(HMAC-SHA256(secret, timestamp + body))', async () => {
    const sig = await signZendesk('dGhpc2lzYXNlY3JldA', ts, body);
    const ok = await verifyZendesk({ signature: sig, timestamp: ts, body: enc.encode(body), secrets: [secret('dGhpc2lzYXNlY3JldA')], now });
    expect(ok).toEqual({ ok: true, secretId: 'sec_1', signedAt: Date.parse(ts) });
    const bad = await verifyZendesk({ signature: sig, timestamp: ts, body: enc.encode(body + ' '), secrets: [secret('dGhpc2lzYXNlY3JldA')], now });
    expect(bad).toMatchObject({ ok: false, reason: 'invalid_signature' });
    const otherTs = await verifyZendesk({ signature: sig, timestamp: '2026-06-01T11:59:31Z', body: enc.encode(body), secrets: [secret('dGhpc2lzYXNlY3JldA')], now });
    expect(otherTs).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });
});
