// The widget chunk the SDK loads when something must be shown: a <forestall-widget> element whose open shadow root
// holds the Preact UI (tip card, help panel, handoff form) and a constructable stylesheet, safe under a strict CSP.
import { h, render } from 'preact';
import type { WidgetBridge, WidgetInstance } from '../sdk/widget-contract';
import { browserDeps, resendPending, type SendDeps } from './delivery';
import { readOptions } from './options';
import { createApp, Root } from './Root';
import { adoptStyles } from './styles';

export const TAG = 'forestall-widget';

export function mount(bridge: WidgetBridge, deps: SendDeps = browserDeps()): WidgetInstance {
  if (typeof customElements !== 'undefined' && !customElements.get(TAG)) customElements.define(TAG, class extends HTMLElement {});
  const options = readOptions(bridge.options);
  const host = document.createElement(TAG);
  // The SDK's detectors must not read clicks on the widget as friction in the host page.
  host.setAttribute('data-forestall-ignore', '');
  host.setAttribute('data-position', options.position);
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, options.theme);

  let back: HTMLElement | null = null;
  const focus = {
    remember() {
      const a = document.activeElement;
      back = a != host && a instanceof HTMLElement ? a : null;
    },
    // Only when focus is in the widget: a tip closing must not pull focus from where the user is typing.
    restore: () => root.activeElement && back && back.focus(),
  };
  const app = createApp(bridge, options, focus, deps, bridge.log);
  render(h(Root, { app }), root);
  (document.body || document.documentElement).appendChild(host);

  let stopped = false;
  void resendPending(
    bridge.endpoint,
    bridge.key,
    deps,
    (created, request) => {
      bridge.record('handoff_sent', { props: { caseId: created.caseId, reference: created.reference, requestId: request.id, resent: true } });
      bridge.handedOff(created);
    },
    () => stopped,
  );

  return {
    showTip: (tip) => app.showTip(tip),
    openHelp: () => void app.openHelp(),
    openHandoff: () => void app.openHandoff(),
    destroy() {
      stopped = true;
      const handoff = app.handoff();
      handoff && handoff.stop();
      render(null, root);
      host.remove();
    },
  };
}
