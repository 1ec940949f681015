// Reads a JSON request body within a byte limit, refusing the wrong content type, invalid UTF-8 and bad JSON.
import { HttpError, issuePath } from './errors';

/** Largest request body: 500 events of ~1 KB fit with room to spare; the SDK's own batches stay ≤ 64 KB. */
export const MAX_BODY_BYTES = 512 * 1024;

/** sendBeacon sends a string body as text/plain (no preflight), so that counts as JSON too. */
const ACCEPTED_TYPES = ['application/json', 'text/plain'];

export function checkContentType(header: string | null | undefined): void {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  if (!type || !ACCEPTED_TYPES.includes(type)) {
    throw new HttpError(415, 'unsupported_media_type', `Send the body as application/json (or text/plain for sendBeacon)${type ? `, not ${type}` : ''}.`);
  }
  const charset = /charset=([^;]+)/i.exec(header ?? '')?.[1]?.trim().replace(/"/g, '').toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpError(415, 'unsupported_media_type', `The body must be UTF-8, not ${charset}.`);
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'body_too_large', `The body is larger than ${limit} bytes.`);
}

/**
 * Reads the body, stopping as soon as it passes `limit`: Content-Length is checked first, but it can lie or be
 * absent (chunked), so the bytes are counted as they arrive too.
 */
export async function readBody(req: Request, limit: number = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Keys that mean something to JavaScript objects; refused anywhere in a body, whatever the schema would do. */
const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'];

function findReservedKey(value: unknown, path: Array<string | number>, depth: number): Array<string | number> | null {
  if (typeof value !== 'object' || value === null || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findReservedKey(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (RESERVED_KEYS.includes(key)) return [...path, key];
    const found = findReservedKey((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Decodes and parses a JSON body. Throws 400 for empty, non-UTF-8, non-JSON or reserved-key bodies. */
export function parseJson(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) throw new HttpError(400, 'empty_body', 'The request body is empty; send a JSON object.');
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new HttpError(400, 'invalid_utf8', 'The request body is not valid UTF-8.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // A RangeError here means nesting so deep the parser ran out of stack: still the client's malformed input.
    const detail = e instanceof SyntaxError ? `: ${e.message}` : '';
    throw new HttpError(400, 'malformed_json', `The request body is not valid JSON${detail}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'invalid_body', 'The request body must be a JSON object.', [{ path: '(root)', message: 'expected an object' }]);
  }
  // Cheap test first: the walk only runs for the rare body that contains one of the words at all.
  if (RESERVED_KEYS.some((k) => text.includes(`"${k}"`))) {
    const path = findReservedKey(value, [], 0);
    if (path) {
      const key = String(path[path.length - 1]);
      throw new HttpError(400, 'invalid_body', `"${key}" is not allowed as a key.`, [{ path: issuePath(path), message: `"${key}" is not allowed as a key` }]);
    }
  }
  return value;
}
