// The widget's frame and its one piece of shared state, the open view: a tip, the help panel or the handoff form.
// It owns the close button, Escape, where focus goes, and the live region that announces tips.
import { signal, useWatch } from './signals';
import type { WidgetBridge } from '../sdk/widget-contract';
import type { HelpArticleHit, Tip } from '../sdk/wire';
import type { SendDeps } from './delivery';
import { safeHref } from './links';
import type { WidgetOptions } from './options';
import type * as PanelsModule from './panels';
import { TipCard } from './TipCard';
import { createTrail } from './trail';

export type View = { tip: Tip } | 'help' | 'handoff' | null;

/** Where focus was before the widget took it, and how to give it back. */
export interface FocusKeeper {
  remember(): void;
  restore(): void;
}

export type App = ReturnType<typeof createApp>;

export type Panels = typeof PanelsModule;
export type Handoff = PanelsModule.Handoff;

export function createApp(bridge: WidgetBridge, options: WidgetOptions, focus: FocusKeeper, deps?: SendDeps, log: (e: unknown) => void = () => {}) {
  const view = signal<View>(null);
  const trail = createTrail(bridge);
  /** The help panel and handoff form, once their chunk has loaded; the handoff's state lives as long as the widget. */
  let panels: Promise<Panels | null> | undefined;
  let handoff: Handoff | null = null;
  const loadPanels = () =>
    (panels ||= import('./panels').then(
      (m) => ((handoff ||= m.createHandoff(bridge, trail, options.strings, deps)), m),
      (e) => {
        // Offline or blocked: the next open tries again.
        log(e);
        panels = undefined;
        return null;
      },
    ));
  const titles: Record<string, string> = {};
  const show = (v: View) => {
    // Focus to give back is what the user had before the widget opened, not a control of the widget.
    if (!view.value || typeof view.value == 'object') focus.remember();
    view.value = v;
  };
  const hide = () => {
    focus.restore();
    view.value = null;
  };
  const app = {
    view,
    options,
    bridge,
    /** Set once the panels chunk is in: Root renders the help panel and form from it. */
    panels: signal<Panels | null>(null),
    handoff: (): Handoff | null => handoff,
    loadPanels: () => loadPanels().then((m) => (m && (app.panels.value = m), m)),
    tipTitle: (id: string): string | undefined => titles[id],
    showTip(tip: Tip) {
      titles[tip.id] = tip.title;
      // A tip never replaces a message the user is writing to a human.
      if (view.value == 'handoff') return;
      show({ tip });
      // "Still stuck?" and "Help" should open at once.
      setTimeout(app.loadPanels, 0);
    },
    openHelp: () => app.loadPanels().then((m) => m && show('help')),
    openHandoff: (fromTip?: string) =>
      app.loadPanels().then((m) => {
        if (!m || !handoff) return;
        handoff.open(fromTip);
        show('handoff');
      }),
    /** Closes the open view; a tip closed this way (×, Escape) counts as dismissed. */
    close() {
      const v = view.value;
      if (v && typeof v == 'object') bridge.dismissed(v.tip.id);
      if (handoff && handoff.status.value == 'sent') handoff.reset();
      hide();
    },
    helped(tip: Tip) {
      bridge.record('tip_helpful', { tipId: tip.id });
      trail.tip(tip.id, 'helpful');
      hide();
    },
    stuck(tip: Tip) {
      bridge.record('tip_unhelpful', { tipId: tip.id });
      trail.tip(tip.id, 'unhelpful');
      void app.openHandoff(tip.id);
    },
    shownMe(tip: Tip) {
      bridge.record('tip_clicked', { tipId: tip.id });
      trail.tip(tip.id, 'clicked');
    },
    openArticle(hit: HelpArticleHit) {
      const url = safeHref(hit.url);
      const articleId = ('' + (hit.id || hit.title)).slice(0, 120) || 'article';
      const title = ('' + hit.title).slice(0, 300);
      bridge.record('help_opened', { props: { articleId, title, url: url && url.split(/[?#]/)[0]!.slice(0, 300) } });
      trail.article(articleId, title);
      url && window.open(url, '_blank', 'noopener');
    },
  };
  return app;
}

export function Root({ app }: { app: App }) {
  useWatch(app.view, app.panels);
  const v = app.view.value;
  const p = app.panels.value;
  const handoff = app.handoff();
  const s = app.options.strings;
  const tip = v && typeof v == 'object' ? v.tip : null;
  const frame = v && (tip || p) && (
    <section
      class="w"
      role={tip ? undefined : 'dialog'}
      aria-labelledby="t"
      onKeyDown={(e) => {
        if (e.key != 'Escape') return;
        e.stopPropagation();
        app.close();
      }}
    >
      <button type="button" class="x" aria-label={tip ? s.dismissTip : s.close} onClick={app.close}>
        ×
      </button>
      {tip ? (
        <TipCard tip={tip} s={s} onShowMe={() => app.shownMe(tip)} onHelped={() => app.helped(tip)} onStuck={() => app.stuck(tip)} />
      ) : !p ? null : v == 'help' ? (
        <p.HelpPanel endpoint={app.bridge.endpoint} apiKey={app.bridge.key} s={s} onOpen={app.openArticle} onContact={() => void app.openHandoff()} />
      ) : (
        handoff && <p.HandoffForm model={handoff} s={s} tipTitle={app.tipTitle} onDone={app.close} />
      )}
    </section>
  );
  // A tip arrives unasked, so it is rendered into a live region that is always there and screen readers read it
  // out; panels the user opened take focus instead, and stay out of the live region so typing is not announced.
  return (
    <div dir={app.options.dir}>
      <div aria-live="polite">{tip && frame}</div>
      {!tip && frame}
    </div>
  );
}
