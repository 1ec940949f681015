// Verifies inbound webhook signatures: Zendesk's and Standard Webhooks'. Web Crypto only, so every runtime shares it.
//
// Zendesk (https://developer.zendesk.com/documentation/webhooks/verifying/): X-Zendesk-Webhook-Signature is
// base64(HMAC-SHA256(secret, X-Zendesk-Webhook-Signature-Timestamp + raw body)); the timestamp is ISO 8601
// (e.g. 2024-04-17T17:18:10Z); the secret is used as its UTF-8 bytes.
//
// Standard Webhooks 1.0 (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
// webhook-id, webhook-timestamp (integer Unix seconds) and webhook-signature, a space-separated list of
// `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`; the key is the base64 after `whsec_`; receivers refuse
// timestamps more than 5 minutes from their clock, and any one matching signature is enough (that is how senders
// rotate: they sign with the old and the new secret while both live).
import { parseTime } from '../context/schemas';
import type { WebhookSecret } from '../db/schema';

/** How far a signed timestamp may be from the edge's clock, either way: the Standard Webhooks recommendation. */
export const TIMESTAMP_TOLERANCE_MS = 5 * 60_000;
/** Signatures looked at in one header: a sender rotating has two; more is someone making us work. */
const MAX_SIGNATURES = 8;

export type VerifyFailure = 'missing_signature' | 'invalid_timestamp' | 'stale_timestamp' | 'future_timestamp' | 'invalid_signature';

export type VerifyResult = { ok: true; secretId: string; signedAt: number } | { ok: false; reason: VerifyFailure; message: string };

const encoder = new TextEncoder();

export function base64ToBytes(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return null;
  try {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

const hmacKey = (raw: Uint8Array) => crypto.subtle.importKey('raw', concat(raw), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);

export async function hmacSha256(key: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(key), concat(message)));
}

/** Web Crypto's verify compares in constant time, so no byte of a wrong signature tells how close it was. */
async function hmacMatches(key: Uint8Array, message: Uint8Array<ArrayBuffer>, signature: Uint8Array): Promise<boolean> {
  return crypto.subtle.verify('HMAC', await hmacKey(key), concat(signature), message);
}

/** Secrets that still verify at `now`: the current one, and replaced ones until their expiry. */
export function liveSecrets(secrets: WebhookSecret[], now: number): WebhookSecret[] {
  return secrets.filter((s) => s.expiresAt === null || s.expiresAt > now);
}

function checkAge(signedAt: number, now: number): VerifyResult | null {
  if (now - signedAt > TIMESTAMP_TOLERANCE_MS) {
    return { ok: false, reason: 'stale_timestamp', message: 'The signature timestamp is more than 5 minutes old; a delivery is verified only while fresh.' };
  }
  if (signedAt - now > TIMESTAMP_TOLERANCE_MS) {
    return { ok: false, reason: 'future_timestamp', message: "The signature timestamp is more than 5 minutes ahead of the edge's clock." };
  }
  return null;
}

const missing = (what: string): VerifyResult => ({ ok: false, reason: 'missing_signature', message: `The request has no ${what} header; only signed deliveries are accepted.` });
const mismatch: VerifyResult = { ok: false, reason: 'invalid_signature', message: "The signature does not match the body with any of this source's live secrets." };

export async function verifyZendesk(input: {
  signature: string | undefined;
  timestamp: string | undefined;
  body: Uint8Array;
  secrets: WebhookSecret[];
  now: number;
}): Promise<VerifyResult> {
  if (!input.signature) return missing('X-Zendesk-Webhook-Signature');
  if (!input.timestamp) return missing('X-Zendesk-Webhook-Signature-Timestamp');
  const signedAt = parseTime(input.timestamp);
  if (signedAt === null) return { ok: false, reason: 'invalid_timestamp', message: 'X-Zendesk-Webhook-Signature-Timestamp is not an ISO 8601 time.' };
  const age = checkAge(signedAt, input.now);
  if (age) return age;
  const signature = base64ToBytes(input.signature.trim());
  if (!signature) return mismatch;
  const message = concat(encoder.encode(input.timestamp), input.body);
  for (const s of liveSecrets(input.secrets, input.now)) {
    if (await hmacMatches(encoder.encode(s.secret), message, signature)) return { ok: true, secretId: s.id, signedAt };
  }
  return mismatch;
}

/** The HMAC key of a whsec_ secret: the bytes its base64 encodes. */
export function standardKey(secret: string): Uint8Array | null {
  return secret.startsWith('whsec_') ? base64ToBytes(secret.slice('whsec_'.length)) : null;
}

export async function verifyStandard(input: {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  body: Uint8Array;
  secrets: WebhookSecret[];
  now: number;
}): Promise<VerifyResult> {
  if (!input.id) return missing('webhook-id');
  if (!input.timestamp) return missing('webhook-timestamp');
  if (!input.signature) return missing('webhook-signature');
  if (!/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: 'invalid_timestamp', message: 'webhook-timestamp must be whole Unix seconds.' };
  const signedAt = Number(input.timestamp) * 1000;
  const age = checkAge(signedAt, input.now);
  if (age) return age;
  const signatures = input.signature
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .slice(0, MAX_SIGNATURES)
    .map((s) => base64ToBytes(s.slice(3)))
    .filter((s): s is Uint8Array => s !== null);
  if (signatures.length === 0) return mismatch;
  const message = concat(encoder.encode(`${input.id}.${input.timestamp}.`), input.body);
  for (const s of liveSecrets(input.secrets, input.now)) {
    const key = standardKey(s.secret);
    if (!key) continue;
    for (const sig of signatures) if (await hmacMatches(key, message, sig)) return { ok: true, secretId: s.id, signedAt };
  }
  return mismatch;
}

/** A new Standard Webhooks secret: 32 random bytes (the spec allows 24 to 64). */
export function generateWhsec(): string {
  return `whsec_${bytesToBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** Signs like a Standard Webhooks sender: for tests and for anyone checking their setup. */
export async function signStandard(secret: string, id: string, timestamp: number | string, body: string | Uint8Array): Promise<string> {
  const key = standardKey(secret);
  if (!key) throw new Error('not a whsec_ secret');
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  return `v1,${bytesToBase64(await hmacSha256(key, concat(encoder.encode(`${id}.${timestamp}.`), bytes)))}`;
}

/** Signs like Zendesk: for tests. */
export async function signZendesk(secret: string, timestamp: string, body: string | Uint8Array): Promise<string> {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  return bytesToBase64(await hmacSha256(encoder.encode(secret), concat(encoder.encode(timestamp), bytes)));
}

/** Hex SHA-256, for deliveries that carry no id of their own. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', concat(bytes)));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
