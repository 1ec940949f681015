// Query-string parameters of list routes, checked so a wrong one gets a 400 naming it rather than a silent default.
import { HttpError } from './errors';

/** A whole number in [min, max], or `fallback` when the parameter is absent. */
export function intParam(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new HttpError(400, 'invalid_query', `${name} is a whole number from ${min} to ${max}.`, [{ path: name, message: `${min} to ${max}` }]);
  }
  return n;
}

/** One of `allowed`, or undefined when absent. */
export function enumParam<T extends string>(raw: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new HttpError(400, 'invalid_query', `${name} is one of ${allowed.join(', ')}.`, [{ path: name, message: `one of ${allowed.join(', ')}` }]);
  }
  return raw as T;
}

/** A short free-text filter (an id, a tier, an owner), or undefined. */
export function textParam(raw: string | undefined, name: string, max = 200): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > max) throw new HttpError(400, 'invalid_query', `${name} is at most ${max} characters.`, [{ path: name, message: 'too long' }]);
  return raw;
}

/** An ISO date or epoch ms, or `fallback`. */
export function timeParam(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(n)) throw new HttpError(400, 'invalid_query', `${name} is an ISO 8601 date or epoch milliseconds.`, [{ path: name, message: 'not a time' }]);
  return n;
}
