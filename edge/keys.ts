// API keys: generation, hashing and constant-time comparison, with Web Crypto only so every runtime shares it.

export type KeyKind = 'pk' | 'sk';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** 32 characters of base62 ≈ 190 bits: unguessable, and short enough to paste. */
const SECRET_LENGTH = 32;
/** How much of a key `keys list` shows: enough to tell keys apart, far too little to use. */
const PREFIX_LENGTH = 7;

/** Key format: `pk_` or `sk_` then 32 base62 characters. */
export const KEY_PATTERN = /^(pk|sk)_[A-Za-z0-9]{32}$/;

export function generateKey(kind: KeyKind): string {
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
  const out: string[] = [];
  while (out.length < SECRET_LENGTH) {
    const bytes = crypto.getRandomValues(new Uint8Array(SECRET_LENGTH * 2));
    for (const b of bytes) {
      if (b < 248 && out.length < SECRET_LENGTH) out.push(ALPHABET[b % 62]!);
    }
  }
  return `${kind}_${out.join('')}`;
}

export function keyKind(key: string): KeyKind | null {
  if (key.startsWith('pk_')) return 'pk';
  if (key.startsWith('sk_')) return 'sk';
  return null;
}

export function keyPrefix(key: string): string {
  return key.slice(0, 3 + PREFIX_LENGTH);
}

export async function hashKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  let hex = '';
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Compares two strings in time that depends only on their length, never on where they first differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function randomId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return `${prefix}_${s}`;
}
