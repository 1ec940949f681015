// The contract between the SDK and its lazily loaded widget chunk: types only.
import type { DiagnosticTrail, EventType, HandoffCreated, PropValue, Tip } from './wire';

/** What the SDK hands the widget when it mounts it. */
export interface WidgetBridge {
  endpoint: string;
  key: string;
  /** Records an event through the SDK's transport (tip_clicked, tip_helpful, handoff_started…). */
  record(type: EventType, fields?: { tipId?: string; props?: Record<string, PropValue> }): void;
  /** Tells the SDK a tip was dismissed (emits `tip:dismissed`, records tip_dismissed). */
  dismissed(tipId: string): void;
  /** The diagnostic trail a handoff would attach. */
  trail(): DiagnosticTrail;
  /** Who and where: the ids a handoff carries, and the identified user's traits for prefilling. */
  context(): {
    anonymousId: string;
    sessionId: string;
    screen: string;
    userId?: string;
    accountId?: string;
    traits: Record<string, unknown>;
  };
  /** Tells the SDK a handoff created a case (emits `handoff` to the host's listeners). */
  handedOff(created: HandoffCreated): void;
  /** Logs to the console when the host set `debug` (a chunk that failed to load, …). */
  log?(what: unknown): void;
  /** Host-provided text overrides and theme. */
  options: Record<string, unknown>;
}

/** What the widget module exports. */
export interface WidgetModule {
  mount(bridge: WidgetBridge): WidgetInstance;
}

export interface WidgetInstance {
  showTip(tip: Tip): void;
  openHelp(): void;
  /** Opens the handoff form ("talk to a human") directly. */
  openHandoff(): void;
  destroy(): void;
}
