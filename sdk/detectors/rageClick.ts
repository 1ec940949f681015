// Rage click: the user hammering one spot that does not respond, told apart from clicking fast on purpose.
import type { DetectorThresholds } from '../wire';
import type { ClickInput, Detection, ElementInfo } from './types';

/**
 * Three clicks, each within a second of the last and a fingertip (30 px) away: two is a double-click,
 * and slower or wider clicking is ordinary use. PostHog ships the same numbers; Datadog also counts 3 a second.
 */
export const RAGE_CLICK_DEFAULTS: DetectorThresholds['rage_click'] = { clicks: 3, intervalMs: 1000, radiusPx: 30 };

// Matched against "tag:inputType:role". Text controls: textarea, select, text-like roles, and inputs of
// every type but those whose click is one discrete action. Every other type (text, email, number, date,
// range, unknown types, which browsers treat as text, and a missing type, read as "undefined") takes
// double and triple clicks to select text or repeated clicks to adjust a value, which is not friction.
const TEXT = /^(textarea|select|input:(?!(checkbox|radio|button|submit|reset|image|file|color):))|:(textbox|searchbox|spinbutton|slider)$/;

// Pagers and steppers are clicked fast on purpose; their visible text or their aria-label says so.
// Beyond the design's words (next, previous, prev, >, <, +, and "-", "−", "–" as minus) we accept the
// other arrow glyphs pagers use (‹ › « » ← →), "page" suffixes, "go to …" aria-labels and a glyph
// beside the word ("« Previous", "Next ›"). Whole label only: "Next step" or "Add +1 seat" stay watched.
// \s is exactly what trim() removes; a missing label is tested as "undefined", which is no pager.
const PAGER = /^\s*([<‹«←]?\s*(go to\s+)?(next|prev(ious)?)(\s+page)?\s*[>›»→]?|[<>‹›«»←→+\-−–])\s*$/i;

/** True for clicks that are never part of a rage chain. */
export const isRageExcluded = (e: ElementInfo): boolean =>
  e.ignored ||
  e.editable ||
  TEXT.test(e.tag + ':' + e.inputType + ':' + e.role) ||
  PAGER.test(e.label) ||
  PAGER.test(e.ariaLabel!);

export const createRageClickDetector = (
  t: DetectorThresholds['rage_click'] = RAGE_CLICK_DEFAULTS,
): {
  click(c: ClickInput): Detection | null;
  reset(): void;
} => {
  // NaN means "no previous click": every comparison with it is false, so the next click starts a chain.
  let lastAt = NaN;
  let lastX = 0;
  let lastY = 0;
  // NaN once the chain has fired, so it fires once: NaN + 1 is never >= clicks.
  let count = 0;
  const reset = () => {
    lastAt = NaN;
  };

  return {
    click(c) {
      const { at, x, y } = c;
      let d: Detection | null = null;
      // A sum is finite only if every term is (coordinates and times are far from overflowing).
      if (isFinite(at + x + y)) {
        // Modifier clicks are deliberate (open in new tab, extend a selection, multi-select), and an
        // excluded click means the user moved on to something else: both end the chain.
        if (c.modifier || isRageExcluded(c.target)) reset();
        else {
          // Compared with the previous click, not the first, as the design says; a clock going back breaks the chain.
          count =
            at >= lastAt && at - lastAt <= t.intervalMs && Math.abs(x - lastX) + Math.abs(y - lastY) <= t.radiusPx
              ? count + 1
              : 1;
          lastAt = at;
          lastX = x;
          lastY = y;
          // Written so a NaN threshold never fires rather than always fires.
          if (count >= t.clicks) {
            d = { at, detail: { clicks: count, label: c.target.label || '' } };
            count = NaN;
          }
        }
      }
      return d;
    },
    reset,
  };
};
