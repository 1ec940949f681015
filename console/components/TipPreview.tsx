// A tip as users will see it: the real widget chunk mounted beside the editor, redrawn as the draft changes, with
// the events it would have recorded listed underneath (none leave the console).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WidgetInstance } from '../../sdk/widget-contract';
import type { Tip } from '../../sdk/wire';
import { humanize } from '../format';
import { loadWidgetChunk, previewBridge, previewNetwork, type PreviewableWidget, type RecordedEvent } from '../widgetPreview';

/** Typing redraws the card at most this often: a new card per keystroke would flicker. */
const REDRAW_MS = 150;

export function TipPreview({ tip, load = loadWidgetChunk }: { tip: Tip; load?: () => Promise<PreviewableWidget> }) {
  const stage = useRef<HTMLDivElement>(null);
  const widget = useRef<WidgetInstance | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [events, setEvents] = useState<RecordedEvent[]>([]);

  useEffect(() => {
    let gone = false;
    load().then(
      (m) => {
        if (gone || !stage.current) return;
        const before = new Set(document.querySelectorAll('forestall-widget'));
        widget.current = m.mount(
          previewBridge((e) => setEvents((list) => [e, ...list].slice(0, 5))),
          previewNetwork(),
        );
        // The widget puts itself at the page's corner; the preview wants it in the stage, where CSS places it.
        const host = [...document.querySelectorAll('forestall-widget')].find((el) => !before.has(el));
        if (host) stage.current.appendChild(host);
        setStatus('ready');
      },
      () => !gone && setStatus('failed'),
    );
    return () => {
      gone = true;
      widget.current?.destroy();
      widget.current = null;
    };
  }, []);

  useEffect(() => {
    if (status !== 'ready') return;
    const t = setTimeout(() => widget.current?.showTip(tip), REDRAW_MS);
    return () => clearTimeout(t);
  }, [status, tip]);

  return (
    <div class="tip-preview">
      <div class="row-between">
        <h3>Preview in the widget</h3>
        <button type="button" class="btn btn-small" disabled={status !== 'ready'} onClick={() => widget.current?.showTip(tip)}>
          Show again
        </button>
      </div>
      <div class="stage" ref={stage}>
        <div class="stage-page" aria-hidden="true">
          <span />
          <span />
          <span />
        </div>
        {status === 'loading' && <p class="muted small">Loading the widget…</p>}
        {status === 'failed' && (
          <p class="note error small" role="alert">
            The widget chunk could not load. Run <code>npm run build</code> and reload.
          </p>
        )}
      </div>
      <p class="muted small" aria-live="polite">
        {events.length ? `Would record: ${events.map((e) => humanize(e.type).toLowerCase()).join(', ')}.` : 'Buttons work as for users; nothing is recorded.'}
      </p>
    </div>
  );
}
