// Form struggle: one form submitted again and again while it is still invalid.
import type { DetectorThresholds } from '../wire';
import type { Detection } from './types';
import { add, lru, spend, type Track } from './window';

/**
 * Three rejected submits in five minutes: one or two is a typo caught, three is a user who cannot see
 * what the form wants.
 */
export const FORM_STRUGGLE_DEFAULTS: DetectorThresholds['form_struggle'] = { windowMs: 300000, invalidSubmits: 3 };

/**
 * A failure this soon after a submit is its answer (a round trip and an error rendered); later ones
 * are about something else.
 */
export const FAILURE_AFTER_SUBMIT_MS = 2000;

/**
 * The browser fires one `invalid` per bad field, all in the same task, and no `submit`. 50 ms absorbs
 * timer jitter while staying far below how fast a person can press submit again.
 */
export const INVALID_BURST_MS = 50;

export function createFormStruggleDetector(t: DetectorThresholds['form_struggle'] = FORM_STRUGGLE_DEFAULTS): {
  /** A `submit` event. Never fires by itself: it opens FAILURE_AFTER_SUBMIT_MS for a failure to follow. */
  submit(at: number, form: string): Detection | null;
  /** A native `invalid` event on a field of the form. */
  invalid(at: number, form: string): Detection | null;
  /** An error element appeared or a request failed; without a form, it answers the latest submit. */
  failure(at: number, form?: string): Detection | null;
  reset(): void;
} {
  // Per form: its invalid attempts (see window.ts), then its latest attempt: a submit, or a submit the
  // browser blocked (its first `invalid`), how long events after it still belong to it, and whether it
  // has been counted as invalid. A blocked attempt is counted at once, so only a submit awaits an answer.
  // Pages have a handful of forms; 20 bounds memory regardless.
  const forms = new Map<string, Track>();
  // No form is named '' while nothing was submitted: a failure then finds no submit to answer.
  let latest = '';

  // Part of the latest attempt: the rest of a blocked submit's burst, or the answer to a submit.
  const part = (at: number, f: Track) => at >= f[2]! && at - f[2]! <= f[3]!;

  // Counts the form's latest attempt as invalid, at the attempt's time: the window is about submits.
  const count = (at: number, form: string, f: Track): Detection | null => {
    f[4] = true;
    const l = add(f, f[2]!, t.windowMs);
    return l && l.length >= t.invalidSubmits ? (spend(f, f[2]!), { at, detail: { form, invalidSubmits: l.length } }) : null;
  };

  return {
    submit(at, form) {
      if (isFinite(at)) {
        const f = lru(forms, (latest = form), 20);
        f[2] = at;
        f[3] = FAILURE_AFTER_SUBMIT_MS;
        f[4] = false;
      }
      return null;
    },
    invalid(at, form) {
      if (!isFinite(at)) return null;
      const f = lru(forms, form, 20);
      // A script validating after a submit (reportValidity in the submit handler) answers it too.
      // Otherwise it is a new attempt the browser blocked.
      if (!part(at, f)) {
        f[2] = at;
        f[3] = INVALID_BURST_MS;
      } else if (f[4]) return null;
      return count(at, form, f);
    },
    failure(at, form = latest) {
      const f = forms.get(form);
      // One answer per submit: an error element and the failed request behind it are one invalid attempt.
      // A non-finite time is never within an attempt.
      return f && !f[4] && part(at, f) ? count(at, form, f) : null;
    },
    reset() {
      forms.clear();
      latest = '';
    },
  };
}
