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

// Clicks awaiting a verdict are few (they clear within waitMs); the cap only guards a host that never ticks.
const MAX_PENDING = 20;

interface Pending {
  at: number;
  key: string;
  label: string;
  clicks: number;
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
  let pending: Pending[] = [];
  // Inclusive both ends: activity in the same millisecond as the click, or exactly waitMs later, is an answer.
  const within = (at: number, p: Pending) => at >= p.at && at - p.at <= t.waitMs;

  return {
    click(c) {
      const e = c.target;
      // A modifier click opens the link elsewhere or means something other than a plain press (a context
      // menu, a range selection), like target=_blank and download links: this page rightly shows nothing.
      // Ignored elements are the host telling us not to watch.
      if (!Number.isFinite(c.at) || !e.actionable || e.opensElsewhere || e.ignored || c.modifier) return false;
      // Clicking the same unresponsive target again joins the pending click rather than starting a wait of
      // its own: the first click's wait decides, and the repeat is counted as evidence in the detail.
      const same = pending.find((p) => p.key === e.key && within(c.at, p));
      if (same) same.clicks++;
      else {
        if (pending.length >= MAX_PENDING) pending.shift();
        pending.push({ at: c.at, key: e.key, label: e.label || '', clicks: 1 });
      }
      return true;
    },
    activity(a) {
      // The caret a click puts in text, and focus landing on the clicked element, are the browser's
      // doing, not the page answering.
      if ((a.kind == 'focus' && a.onTarget) || (a.kind == 'selection' && a.collapsedCaret)) return;
      pending = pending.filter((p) => !within(a.at, p));
    },
    tick(now) {
      const dead: Detection[] = [];
      pending = pending.filter((p) => {
        if (!(now - p.at > t.waitMs)) return true;
        // Reported at the click, which is when the friction happened.
        dead.push({ at: p.at, detail: { label: p.label, clicks: p.clicks } });
        return false;
      });
      return dead;
    },
    nextDeadline() {
      let d = Infinity;
      for (const p of pending) d = Math.min(d, p.at + t.waitMs + 1);
      // A non-finite deadline would make setTimeout fire at once; better no timer at all.
      return Number.isFinite(d) ? d : null;
    },
    reset() {
      pending = [];
    },
  };
}
