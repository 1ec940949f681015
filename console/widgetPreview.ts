// The tip preview runs the real widget: the same content-hashed chunk the SDK loads (its name comes from the build,
// through sdk/chunks.ts), mounted with a bridge that records nothing and a network that sends nothing.
import { CHUNKS } from '../sdk/chunks';
import type { WidgetBridge, WidgetInstance } from '../sdk/widget-contract';
import type { HandoffRequest, PropValue } from '../sdk/wire';
import type { SendDeps } from '../widget/delivery';

/** What widget/index.ts exports: mount takes the network it sends handoffs through, which the preview replaces. */
export interface PreviewableWidget {
  mount(bridge: WidgetBridge, deps?: SendDeps): WidgetInstance;
}

/** The widget chunk, where the edge serves the SDK's chunks (the SDK's default assetsUrl). */
export const loadWidgetChunk = (): Promise<PreviewableWidget> => import(/* @vite-ignore */ `/sdk/${CHUNKS.widget}`) as Promise<PreviewableWidget>;

/** A preview never files a case: the handoff form answers as if support had it. */
export const previewNetwork = (): SendDeps => ({
  fetch: async (_url, init) => {
    const request = JSON.parse(String(init?.body ?? '{}')) as Partial<HandoffRequest>;
    return new Response(JSON.stringify({ caseId: `preview-${request.id ?? 'case'}`, reference: 'PREVIEW' }), { status: 201, headers: { 'content-type': 'application/json' } });
  },
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  random: Math.random,
  now: Date.now,
});

export interface RecordedEvent {
  type: string;
  tipId?: string;
  props?: Record<string, PropValue>;
}

/** The bridge the SDK would give the widget, telling the console what the widget would have recorded. */
export function previewBridge(onRecord: (e: RecordedEvent) => void): WidgetBridge {
  return {
    // The key matches nothing the SDK stored, so a real visitor's pending handoff is never resent from here.
    endpoint: location.origin,
    key: 'preview',
    record: (type, fields) => onRecord({ type, ...fields }),
    dismissed: (tipId) => onRecord({ type: 'tip_dismissed', tipId }),
    trail: () => ({ screens: [{ screen: '/settings/billing', at: Date.now() - 60_000 }], signals: [], errors: [], tips: [], articles: [] }),
    context: () => ({ anonymousId: 'preview', sessionId: 'preview', screen: '/settings/billing', traits: {} }),
    handedOff: () => onRecord({ type: 'handoff_sent' }),
    options: {},
  };
}
