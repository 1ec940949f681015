// Error loop: the same error again on the same screen, the user retrying something that keeps failing.
import type { DetectorThresholds } from '../wire';
import type { Detection } from './types';
import { add, lru, spend, type Track } from './window';

/** Twice within two minutes: once is bad luck, a repeat this soon is the user trying again and hitting the wall again. */
export const ERROR_LOOP_DEFAULTS: DetectorThresholds['error_loop'] = { windowMs: 120000, repeats: 2 };

export type ErrorKind = 'js' | 'network' | 'ui';

/** Long enough to tell errors apart, short enough to keep the signal (and any leftover free text) small. */
export const MAX_FINGERPRINT_LENGTH = 120;

/** Normalises an error message so the same error with different values, ids or URLs has one fingerprint. */
export function fingerprintError(message: string): string {
  // Order matters: URLs and quoted strings swallow the numbers inside them, and UUIDs must go before
  // their hex segments are taken one by one. Placeholders contain no digits, so later rules skip them.
  return (
    String(message ?? '')
      // Stops at quotes, brackets and parentheses, which wrap URLs in messages far more often than they occur in them.
      .replace(/\b[a-z][a-z\d+.-]*:\/\/[^\s'"`()<>[\]]*/gi, '<url>')
      // Opening quote not inside a word, so "can't" is left alone (no lookbehind: older Safari rejects it).
      .replace(/(^|\W)(['"`])[^'"`]*\2/g, '$1<str>')
      // A UUID is tried first at each place, so its segments are never taken as hex ids on their own.
      .replace(/\b([\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}|0x[\da-f]+|(?=[a-f]*\d)(?=\d*[a-f])[\da-f]{6,})\b/gi, '<id>')
      .replace(/\d+/g, '<n>')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAX_FINGERPRINT_LENGTH)
      .trim()
  );
}

export function createErrorLoopDetector(t: DetectorThresholds['error_loop'] = ERROR_LOOP_DEFAULTS): {
  error(e: { at: number; screen: string; fingerprint: string; kind: ErrorKind }): Detection | null;
  reset(): void;
} {
  const loops = new Map<string, Track>();

  return {
    error({ at, screen, fingerprint, kind }) {
      if (!isFinite(at)) return null;
      // Errors seen on a page are a handful of kinds; 50 bounds memory on a page that errors forever.
      const s = lru(loops, screen + '\0' + fingerprint, 50);
      const l = add(s, at, t.windowMs);
      return l && l.length >= t.repeats ? (spend(s, at), { at, detail: { fingerprint, kind, repeats: l.length } }) : null;
    },
    reset() {
      loops.clear();
    },
  };
}
