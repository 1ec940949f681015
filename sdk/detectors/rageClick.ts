// Rage click: the user hammering one spot that does not respond, told apart from clicking fast on purpose.
import type { DetectorThresholds } from '../wire';
import type { ClickInput, Detection, ElementInfo } from './types';

/**
 * Three clicks, each within a second of the last and a fingertip (30 px) away: two is a double-click,
 * and slower or wider clicking is ordinary use. PostHog ships the same numbers; Datadog also counts 3 a second.
 */
export const RAGE_CLICK_DEFAULTS: DetectorThresholds['rage_click'] = { clicks: 3, intervalMs: 1000, radiusPx: 30 };

// Input types whose click is one discrete action. Every other type (text, email, number, date, range,
// unknown types, which browsers treat as text) takes double and triple clicks to select text or
// repeated clicks to adjust a value, which is not friction.
const ACTION_INPUT = /^(checkbox|radio|button|submit|reset|image|file|color)$/;
const TEXT_ROLE = /^(textbox|searchbox|spinbutton|slider)$/;

// Pagers and steppers are clicked fast on purpose; their visible text or their aria-label says so.
// Beyond the design's words (next, previous, prev, >, <, +, and "-", "−", "–" as minus) we accept the
// other arrow glyphs pagers use (‹ › « » ← →), "page" suffixes, "go to …" aria-labels and a glyph
// beside the word ("« Previous", "Next ›"). Whole label only: "Next step" or "Add +1 seat" stay watched.
const PAGER = /^(([<‹«←]\s*)?(go to\s+)?(next|prev|previous)(\s+page)?(\s*[>›»→])?|[<>‹›«»←→+\-−–])$/;
const isPager = (label?: string) => PAGER.test((label || '').trim().toLowerCase());

/** True for clicks that are never part of a rage chain. */
export function isRageExcluded(e: ElementInfo): boolean {
  return !!(
    e.ignored ||
    e.editable ||
    e.tag == 'textarea' ||
    e.tag == 'select' ||
    (e.tag == 'input' && !ACTION_INPUT.test(e.inputType || 'text')) ||
    TEXT_ROLE.test(e.role || '') ||
    isPager(e.label) ||
    isPager(e.ariaLabel)
  );
}

export function createRageClickDetector(t: DetectorThresholds['rage_click'] = RAGE_CLICK_DEFAULTS): {
  click(c: ClickInput): Detection | null;
  reset(): void;
} {
  // NaN means "no previous click": every comparison with it is false, so the next click starts a chain.
  let lastAt = NaN;
  let lastX = 0;
  let lastY = 0;
  let count = 0;
  let fired = false;

  return {
    click(c) {
      const { at, x, y } = c;
      if (!(Number.isFinite(at) && Number.isFinite(x) && Number.isFinite(y))) return null;
      // Modifier clicks are deliberate (open in new tab, extend a selection, multi-select), and an
      // excluded click means the user moved on to something else: both end the chain.
      if (c.modifier || isRageExcluded(c.target)) {
        lastAt = NaN;
        return null;
      }
      // Compared with the previous click, not the first, as the design says; a clock going back breaks the chain.
      const chained =
        at >= lastAt && at - lastAt <= t.intervalMs && Math.abs(x - lastX) + Math.abs(y - lastY) <= t.radiusPx;
      count = chained ? count + 1 : 1;
      if (!chained) fired = false;
      lastAt = at;
      lastX = x;
      lastY = y;
      // Written so a NaN threshold never fires rather than always fires.
      if (fired || !(count >= t.clicks)) return null;
      fired = true;
      return { at, detail: { clicks: count, label: c.target.label || '' } };
    },
    reset() {
      lastAt = NaN;
      count = 0;
      fired = false;
    },
  };
}
