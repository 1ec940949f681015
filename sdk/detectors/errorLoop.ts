// Error loop: the same error again on the same screen, the user retrying something that keeps failing.
import type { DetectorThresholds } from '../wire';
import type { Detection } from './types';

/** Twice within two minutes: once is bad luck, a repeat this soon is the user trying again and hitting the wall again. */
export const ERROR_LOOP_DEFAULTS: DetectorThresholds['error_loop'] = { windowMs: 120000, repeats: 2 };

export type ErrorKind = 'js' | 'network' | 'ui';

/** Long enough to tell errors apart, short enough to keep the signal (and any leftover free text) small. */
export const MAX_FINGERPRINT_LENGTH = 120;

// Order matters: URLs and quoted strings swallow the numbers inside them, and UUIDs must go before
// their hex segments are taken one by one. Placeholders contain no digits, so later rules skip them.
const NORMALISE: Array<[RegExp, string]> = [
  // Stops at quotes, brackets and parentheses, which wrap URLs in messages far more often than they occur in them.
  [/\b[a-z][a-z\d+.-]*:\/\/[^\s'"`()<>[\]]*/gi, '<url>'],
  // Opening quote not inside a word, so "can't" is left alone (no lookbehind: older Safari rejects it).
  [/(^|\W)(['"`])[^'"`]*\2/g, '$1<str>'],
  [/\b[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}\b/gi, '<id>'],
  [/\b(0x[\da-f]+|(?=[a-f]*\d)(?=\d*[a-f])[\da-f]{6,})\b/gi, '<id>'],
  [/\d+/g, '<n>'],
  [/\s+/g, ' '],
];

/** Normalises an error message so the same error with different values, ids or URLs has one fingerprint. */
export function fingerprintError(message: string): string {
  let s = String(message ?? '');
  for (const [re, to] of NORMALISE) s = s.replace(re, to);
  return s.trim().slice(0, MAX_FINGERPRINT_LENGTH).trim();
}

// Errors seen on a page are a handful of kinds; the caps bound memory on a page that errors forever.
const MAX_LOOPS = 50;
const MAX_REPEATS = 64;

interface Loop {
  times: number[];
  /** Latest occurrence, repeat or not. */
  last: number;
  /** The loop has fired; it stays quiet until windowMs passes without the error. */
  fired: boolean;
}

export function createErrorLoopDetector(t: DetectorThresholds['error_loop'] = ERROR_LOOP_DEFAULTS): {
  error(e: { at: number; screen: string; fingerprint: string; kind: ErrorKind }): Detection | null;
  reset(): void;
} {
  const loops = new Map<string, Loop>();

  return {
    error({ at, screen, fingerprint, kind }) {
      if (!Number.isFinite(at)) return null;
      // A loop quiet for a whole window is over (episode included); one from a clock that went back is void.
      for (const [k, l] of loops) if (!(at >= l.last && at - l.last <= t.windowMs)) loops.delete(k);
      const key = screen + '\u0000' + fingerprint;
      let l = loops.get(key);
      if (!l) {
        if (loops.size >= MAX_LOOPS) loops.delete(loops.keys().next().value!);
        loops.set(key, (l = { times: [], last: at, fired: false }));
      }
      l.last = at;
      if (l.fired) return null;
      l.times = l.times.filter((x) => at - x <= t.windowMs);
      l.times.push(at);
      if (l.times.length > MAX_REPEATS) l.times.shift();
      if (!(l.times.length >= t.repeats)) return null;
      l.fired = true;
      return { at, detail: { fingerprint, kind, repeats: l.times.length } };
    },
    reset() {
      loops.clear();
    },
  };
}
