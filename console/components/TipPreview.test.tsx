// The tip preview mounts the widget module it is given with a bridge that records nothing and a network that sends
// nothing, moves it into the stage, and shows the draft as it changes.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { WidgetBridge } from '../../sdk/widget-contract';
import type { Tip } from '../../sdk/wire';
import type { SendDeps } from '../../widget/delivery';
import { renderInto, settle, settleUntil } from '../../widget/test/dom';
import { previewNetwork } from '../widgetPreview';
import { TipPreview } from './TipPreview';

const tip = (title: string): Tip => ({ id: 't', title, body: 'b', when: { signal: 'rage_click' }, priority: 1, cooldownMs: 0 });

function fakeWidget() {
  const shown: string[] = [];
  const got: { bridge?: WidgetBridge; deps?: SendDeps } = {};
  const destroy = vi.fn();
  const mount = vi.fn((bridge: WidgetBridge, deps?: SendDeps) => {
    got.bridge = bridge;
    got.deps = deps;
    document.body.appendChild(document.createElement('forestall-widget'));
    return { showTip: (t: Tip) => shown.push(t.title), openHelp() {}, openHandoff() {}, destroy };
  });
  return { load: () => Promise.resolve({ mount }), mount, shown, got, destroy };
}

describe('TipPreview', () => {
  it('mounts the widget in the stage and redraws the draft', async () => {
    const w = fakeWidget();
    const first = tip('First');
    const el = await renderInto(<TipPreview tip={first} load={w.load} />);
    await settleUntil(() => w.shown.length === 1, 2000);
    expect(w.shown).toEqual(['First']);
    expect(el.querySelector('.stage forestall-widget')).not.toBeNull();
    // What the widget records is listed, never sent.
    w.got.bridge!.record('tip_helpful', { tipId: 't' });
    await settle(5);
    expect(el.textContent).toContain('Would record: tip helpful.');
    expect(w.got.bridge!.key).toBe('preview');
    await act(() => render(<TipPreview tip={tip('Second')} load={w.load} />, el));
    await settleUntil(() => w.shown.length === 2, 2000);
    expect(w.shown.at(-1)).toBe('Second');
    expect(w.mount).toHaveBeenCalledTimes(1);
    await act(() => render(null, el));
    expect(w.destroy).toHaveBeenCalled();
  });

  it('answers a handoff from the preview itself, so no case is filed', async () => {
    const res = await previewNetwork().fetch('/v1/handoff', { method: 'POST', body: JSON.stringify({ id: 'h1' }) });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ caseId: 'preview-h1', reference: 'PREVIEW' });
  });

  it('says when the widget chunk cannot load', async () => {
    const el = await renderInto(<TipPreview tip={tip('x')} load={() => Promise.reject(new Error('404'))} />);
    await settleUntil(() => el.querySelector('[role=alert]'));
    expect(el.querySelector('[role=alert]')!.textContent).toContain('npm run build');
  });
});
