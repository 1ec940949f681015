// Dead click: a click on something that looks actionable after which the page does nothing visible.
import type { DetectorThresholds } from '../wire';
import type { ClickInput, Detection } from './types';

/**
 * 2.5 s: long enough for a slow request to show a spinner or any change at all, short enough that the
 * user has already started to wonder whether the click registered.
 */
export const DEAD_CLICK_DEFAULTS: DetectorThresholds['dead_click'] = { waitMs: 2500 };

export type ActivityKind = 'mutation' | 'navigation' | 'scroll' | 'selection' | 'focus' | 'dialog' | 'network';

export interface Activity {
  at: number;
  kind: ActivityKind;
  /** Focus moved to the clicked element itself. */
  onTarget?: boolean;
  /** A selection change that is only a collapsed caret. */
  collapsedCaret?: boolean;
}

export function createDeadClickDetector(t: DetectorThresholds['dead_click'] = DEAD_CLICK_DEFAULTS): {
  /** True if the click now awaits a verdict (alone or joined to a pending click on the same target). */
  click(c: ClickInput): boolean;
  activity(a: Activity): void;
  /** The clicks whose wait has fully elapsed without activity; each is reported once. */
  tick(now: number): Detection[];
  /** The earliest time at which tick() can report something, or null when nothing is pending. */
  nextDeadline(): number | null;
  reset(): void;
} {
  // Clicks awaiting a verdict: time, target key, label, clicks joined.
  let pending: [number, string, string, number][] = [];
  // Inclusive both ends: activity in the same millisecond as the click, or exactly waitMs later, is an answer.
  const within = (at: number, p: [number, ...unknown[]]) => at >= p[0] && at - p[0] <= t.waitMs;

  return {
    click(c) {
      const e = c.target;
      // A modifier click opens the link elsewhere or means something other than a plain press (a context
      // menu, a range selection), like target=_blank and download links: this page rightly shows nothing.
      // Ignored elements are the host telling us not to watch.
      if (!isFinite(c.at) || !e.actionable || e.opensElsewhere || e.ignored || c.modifier) return false;
      // Clicking the same unresponsive target again joins the pending click rather than starting a wait of
      // its own: the first click's wait decides, and the repeat is counted as evidence in the detail.
      const same = pending.find((p) => p[1] == e.key && within(c.at, p));
      if (same) same[3]++;
      // Clicks awaiting a verdict are few (they clear within waitMs); the cap of 20 only guards a host that never ticks.
      else if (pending.push([c.at, e.key, e.label || '', 1]) > 20) pending.shift();
      return true;
    },
    activity(a) {
      // The caret a click puts in text, and focus landing on the clicked element, are the browser's
      // doing, not the page answering.
      if (!a[({ focus: 'onTarget', selection: 'collapsedCaret' } as const)[a.kind as 'focus']])
        pending = pending.filter((p) => !within(a.at, p));
    },
    tick(now) {
      const dead: Detection[] = [];
      // Reported at the click, which is when the friction happened.
      pending = pending.filter((p) => !(now - p[0] > t.waitMs && dead.push({ at: p[0], detail: { label: p[2], clicks: p[3] } })));
      return dead;
    },
    nextDeadline() {
      const d = Math.min(...pending.map((p) => p[0])) + t.waitMs + 1;
      // A non-finite deadline (nothing pending, or an infinite or NaN wait) would make setTimeout fire at once; better no timer at all.
      return isFinite(d) ? d : null;
    },
    reset() {
      pending = [];
    },
  };
}
