// The wire contract between the SDK, the widget and the edge: types only, so nothing here ships to the page.
// The edge validates the same shapes with zod (edge/wire-schemas.ts) and checks its schemas against these types.

/** The friction signals the SDK detects. */
export type SignalType =
  | 'rage_click'
  | 'dead_click'
  | 'screen_cycling'
  | 'help_seeking'
  | 'error_loop'
  | 'form_struggle';

export const SIGNAL_TYPES: readonly SignalType[] = [
  'rage_click',
  'dead_click',
  'screen_cycling',
  'help_seeking',
  'error_loop',
  'form_struggle',
];

/** Threshold names, the same locally (`init({ detectors })`) and in remote config. */
export interface DetectorThresholds {
  rage_click: { clicks: number; intervalMs: number; radiusPx: number };
  dead_click: { waitMs: number };
  screen_cycling: { windowMs: number; returns: number; maxScreens: number; maxMedianDwellMs: number };
  help_seeking: { windowMs: number; opens: number; sameArticleOpens: number };
  error_loop: { windowMs: number; repeats: number };
  form_struggle: { windowMs: number; invalidSubmits: number };
}

/** Per-detector overrides: partial thresholds, or `false` to turn a detector off. */
export type DetectorOverrides = {
  [K in SignalType]?: Partial<DetectorThresholds[K]> | false;
};

/** A friction signal: what the detectors emit and what `on('friction')` receives. */
export interface FrictionSignal {
  /** UUID; also the id of the `friction` event that carries it. */
  id: string;
  type: SignalType;
  /** Route template name or concrete path (no query, no hash). */
  screen: string;
  /** Epoch milliseconds. */
  at: number;
  /** Why it fired: counts, element label (≤ 40 chars), screens cycled, error fingerprint. */
  detail: Record<string, string | number | boolean | string[]>;
}

/** Every event type the SDK and the widget send. */
export type EventType =
  | 'friction'
  | 'screen'
  | 'help_opened'
  | 'identify'
  | 'track'
  | 'tip_shown'
  | 'tip_held_out'
  | 'tip_clicked'
  | 'tip_helpful'
  | 'tip_unhelpful'
  | 'tip_dismissed'
  | 'handoff_started'
  | 'handoff_sent'
  | 'sdk_dropped';

export const EVENT_TYPES: readonly EventType[] = [
  'friction',
  'screen',
  'help_opened',
  'identify',
  'track',
  'tip_shown',
  'tip_held_out',
  'tip_clicked',
  'tip_helpful',
  'tip_unhelpful',
  'tip_dismissed',
  'handoff_started',
  'handoff_sent',
  'sdk_dropped',
];

export type PropValue = string | number | boolean | null | PropValue[] | { [key: string]: PropValue };

/** One SDK event. The edge deduplicates on (workspace, id). */
export interface SdkEvent {
  /** UUID, ≤ 64 chars. */
  id: string;
  type: EventType;
  /** Epoch milliseconds on the client's clock. */
  at: number;
  /** Stable per browser (localStorage), so events before identify() join the user later. */
  anonymousId: string;
  /** Per tab session. */
  sessionId: string;
  userId?: string;
  accountId?: string;
  /** The screen the event happened on. */
  screen?: string;
  /** For `track`: the event name. For tip events: unused (see tipId). */
  name?: string;
  /** For tip_* events. */
  tipId?: string;
  /** For `friction`: the signal. */
  signal?: FrictionSignal;
  /** Free-form, JSON only, ≤ 32 KB with the rest of the event. */
  props?: Record<string, PropValue>;
}

/** `POST /v1/events` body. The key may ride in the body because sendBeacon cannot set headers. */
export interface EventBatch {
  key?: string;
  /** Client clock when sent, so the edge can correct skew. */
  sentAt: number;
  events: SdkEvent[];
}

/** `202` answer to `POST /v1/events`. */
export interface EventBatchAccepted {
  accepted: number;
  duplicates: number;
}

/** A condition on the identified user's traits. */
export interface TraitCondition {
  trait: string;
  op: 'eq' | 'neq' | 'in' | 'nin' | 'gt' | 'gte' | 'lt' | 'lte' | 'exists' | 'contains';
  value?: string | number | boolean | Array<string | number | boolean>;
}

/** When a tip applies; all parts must hold. */
export interface TipWhen {
  /** The signal type(s) that trigger the tip. */
  signal: SignalType | SignalType[];
  /** Glob over the signal's screen: `*` within a path segment, `**` across segments. Default all. */
  screen?: string;
  /** Conditions on user traits (all must hold). */
  traits?: TraitCondition[];
  /** true: only users created within `newUserDays` (trait `createdAt`); false: only older users. */
  newUser?: boolean;
}

export interface Tip {
  id: string;
  title: string;
  /** A small markdown subset; the widget renders it to nodes, never innerHTML. */
  body: string;
  /** Optional "Show me" link, http(s) or relative. */
  articleUrl?: string;
  when: TipWhen;
  /** Higher wins. */
  priority: number;
  /** A tip is not shown again to the same user within this many ms. */
  cooldownMs: number;
  enabled?: boolean;
}

/** `GET /v1/config` body. */
export interface RemoteConfig {
  workspaceId: string;
  detectors: DetectorOverrides;
  tips: Tip[];
  limits: {
    maxTipsPerSession: number;
    /** How many days a user counts as new for `newUser` conditions. */
    newUserDays: number;
  };
  /** 0–100: share of (user, tip) pairs held out to measure what tips prevent. */
  holdoutPercent: number;
  /**
   * Tips a rule pushed to the identified user's account (`show_tip`), when the SDK asked with `?account=`: shown
   * on the next page load without waiting for friction, under the same cooldowns, session cap and holdout.
   */
  push?: string[];
}

export const DEFAULT_LIMITS: RemoteConfig['limits'] = { maxTipsPerSession: 3, newUserDays: 14 };
export const DEFAULT_HOLDOUT_PERCENT = 10;

/** A help article as the help search returns it. */
export interface HelpArticleHit {
  id: string;
  title: string;
  url?: string;
  excerpt: string;
  score: number;
}

/** The diagnostic trail the SDK keeps and the handoff carries. */
export interface DiagnosticTrail {
  screens: Array<{ screen: string; at: number }>;
  signals: FrictionSignal[];
  errors: Array<{ fingerprint: string; at: number; screen: string }>;
  tips: Array<{ tipId: string; at: number; outcome: 'shown' | 'held_out' | 'helpful' | 'unhelpful' | 'dismissed' | 'clicked' }>;
  articles: Array<{ articleId: string; title?: string; at: number }>;
}

/** `POST /v1/handoff` body. */
export interface HandoffRequest {
  /** UUID chosen by the client, so a retried handoff creates one case. */
  id: string;
  key?: string;
  anonymousId: string;
  sessionId: string;
  userId?: string;
  accountId?: string;
  screen?: string;
  answers: {
    tryingTo: string;
    expected: string;
    email?: string;
  };
  attachment?: { name: string; type: string; dataBase64: string };
  trail: DiagnosticTrail;
  at: number;
}

export interface HandoffCreated {
  caseId: string;
  reference: string;
}

/** Every edge error has this shape. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: Array<{ path: string; message: string }>;
  };
}
