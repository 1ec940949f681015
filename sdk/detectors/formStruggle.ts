// Form struggle: one form submitted again and again while it is still invalid.
import type { DetectorThresholds } from '../wire';
import type { Detection } from './types';

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

// Pages have a handful of forms and thresholds are single digits; the caps bound memory regardless.
const MAX_FORMS = 20;
const MAX_ATTEMPTS = 64;

interface Form {
  /** The latest attempt: a submit, or a submit the browser blocked (its first `invalid`). */
  at: number;
  submitted: boolean;
  /** The latest attempt has already been counted as invalid. */
  counted: boolean;
  /** Invalid attempts in the window, by attempt time. */
  times: number[];
  /** Latest event of any kind, to forget forms nobody touches. */
  last: number;
  /** The latest invalid attempt of the episode that fired; NaN while armed. */
  episodeAt: number;
}

export function createFormStruggleDetector(t: DetectorThresholds['form_struggle'] = FORM_STRUGGLE_DEFAULTS): {
  /** A `submit` event. Never fires by itself: it opens FAILURE_AFTER_SUBMIT_MS for a failure to follow. */
  submit(at: number, form: string): Detection | null;
  /** A native `invalid` event on a field of the form. */
  invalid(at: number, form: string): Detection | null;
  /** An error element appeared or a request failed; without a form, it answers the latest submit. */
  failure(at: number, form?: string): Detection | null;
  reset(): void;
} {
  const forms = new Map<string, Form>();
  let latestSubmit: string | undefined;

  // Drops forms idle for longer than the window and its answer delay (their attempts no longer count),
  // and forms whose events are in the future of a clock that went back.
  const forget = (at: number) => {
    for (const [k, f] of forms) {
      if (!(at >= f.last && at - f.last <= t.windowMs + FAILURE_AFTER_SUBMIT_MS)) forms.delete(k);
    }
  };

  const touch = (at: number, form: string): Form => {
    forget(at);
    let f = forms.get(form);
    if (!f) {
      if (forms.size >= MAX_FORMS) forms.delete(forms.keys().next().value!);
      forms.set(form, (f = { at: NaN, submitted: false, counted: false, times: [], last: at, episodeAt: NaN }));
    }
    f.last = at;
    return f;
  };

  // Counts the form's latest attempt as invalid, at the attempt's time: the window is about submits.
  const count = (at: number, form: string, f: Form): Detection | null => {
    const a = f.at;
    f.counted = true;
    // The episode lasts while invalid attempts keep coming within windowMs of each other.
    if (a >= f.episodeAt && a - f.episodeAt <= t.windowMs) {
      f.episodeAt = a;
      return null;
    }
    f.episodeAt = NaN;
    f.times = f.times.filter((x) => a >= x && a - x <= t.windowMs);
    f.times.push(a);
    if (f.times.length > MAX_ATTEMPTS) f.times.shift();
    if (!(f.times.length >= t.invalidSubmits)) return null;
    // No need to clear the attempts: the episode only ends once they have all left the window.
    f.episodeAt = a;
    return { at, detail: { form, invalidSubmits: f.times.length } };
  };

  return {
    submit(at, form) {
      if (!Number.isFinite(at)) return null;
      const f = touch(at, form);
      f.at = at;
      f.submitted = true;
      f.counted = false;
      latestSubmit = form;
      return null;
    },
    invalid(at, form) {
      if (!Number.isFinite(at)) return null;
      const f = touch(at, form);
      // Part of the latest attempt: the rest of a blocked submit's burst, or a script validating after
      // a submit (reportValidity in the submit handler). Otherwise it is a new attempt the browser blocked.
      if (at >= f.at && at - f.at <= (f.submitted ? FAILURE_AFTER_SUBMIT_MS : INVALID_BURST_MS)) {
        if (f.counted) return null;
      } else {
        f.at = at;
        f.submitted = false;
      }
      return count(at, form, f);
    },
    failure(at, form) {
      if (!Number.isFinite(at)) return null;
      const name = form ?? latestSubmit;
      forget(at);
      const f = name == null ? undefined : forms.get(name);
      // One answer per submit: an error element and the failed request behind it are one invalid attempt.
      if (!f || !f.submitted || f.counted || !(at >= f.at && at - f.at <= FAILURE_AFTER_SUBMIT_MS)) return null;
      f.last = at;
      return count(at, name!, f);
    },
    reset() {
      forms.clear();
      latestSubmit = undefined;
    },
  };
}
