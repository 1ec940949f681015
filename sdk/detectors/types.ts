// What the collectors tell the detectors: plain data read off the DOM, so every detector stays pure and DOM-free.

/** A plain description of a clicked element (and the actionable ancestor the click belongs to). */
export interface ElementInfo {
  /** Lower-case tag name, e.g. 'button', 'a', 'input'. */
  tag: string;
  /** The `role` attribute, lower-case, if any. */
  role?: string;
  /** For inputs: the lower-case `type` attribute ('text' when absent). */
  inputType?: string;
  /** Trimmed visible text or aria-label, ≤ 40 chars, already masked under [data-forestall-mask]. */
  label: string;
  /**
   * The aria-label when `label` came from the visible text and the two differ (≤ 40 chars, masked like label).
   * Rage-click exclusions match either, so "›" labelled "Next page" and "Next" labelled "Go forward" both count as pagers.
   */
  ariaLabel?: string;
  /** The element is contenteditable. */
  editable?: boolean;
  /** The element or an ancestor has [data-forestall-ignore]. */
  ignored?: boolean;
  /** For links: the link opens in a new tab (target=_blank) or is a download. */
  opensElsewhere?: boolean;
  /** The element (or its closest actionable ancestor) is actionable per the design's list. */
  actionable: boolean;
  /** A stable-enough key for "the same target": e.g. a short CSS path. */
  key: string;
}

export interface ClickInput {
  /** Epoch or monotonic ms: only differences matter. */
  at: number;
  x: number;
  y: number;
  target: ElementInfo;
  /** Any of ctrl, meta, shift, alt held. */
  modifier: boolean;
}

/** What a detector reports; the client wraps it into a FrictionSignal (id, screen). */
export interface Detection {
  at: number;
  detail: Record<string, string | number | boolean | string[]>;
}
