import { describe, expect, it } from 'vitest';
import { generateKey, hashKey, KEY_PATTERN, keyKind, keyPrefix, timingSafeEqual } from './keys';

describe('keys', () => {
  it('generates distinct keys in the documented format', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateKey('pk')));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k).toMatch(KEY_PATTERN);
    expect(keyKind(generateKey('sk'))).toBe('sk');
    expect(keyPrefix('pk_abcdefghij')).toBe('pk_abcdefg');
  });

  it('hashes with sha-256', async () => {
    expect(await hashKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares strings fully', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'ab')).toBe(false);
  });
});
