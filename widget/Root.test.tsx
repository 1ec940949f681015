import { afterEach, describe, expect, it } from 'vitest';
import type { WidgetInstance } from '../sdk/widget-contract';
import type { Tip } from '../sdk/wire';
import { mount, TAG } from './index';
import { STRINGS as s } from './options';
import { click, fakeBridge, key, settle, settleUntil } from './test/dom';

const tip: Tip = { id: 'vat', title: 'VAT IDs start with a country code', body: 'Use **DE123**.', articleUrl: '/help/vat', when: { signal: 'form_struggle' }, priority: 1, cooldownMs: 0 };
let widget: WidgetInstance | undefined;

afterEach(() => {
  widget?.destroy();
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('dir');
});

async function setup(options = {}, ctx = {}) {
  const outside = document.body.appendChild(document.createElement('button'));
  outside.textContent = 'Help';
  outside.focus();
  const bridge = fakeBridge({ options }, ctx);
  widget = mount(bridge);
  await settle();
  const host = document.querySelector(TAG)!;
  const root = host.shadowRoot!;
  const q = (sel: string) => root.querySelector(sel) as HTMLElement | null;
  const button = (text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent == text) as HTMLElement;
  return { bridge, host, root, q, button, outside, widget: widget! };
}

describe('mount', () => {
  it('hosts the UI in an open shadow root styled by an adopted sheet: no <style>, no style attribute', async () => {
    const { host, root } = await setup();
    expect(customElements.get(TAG)).toBeDefined();
    expect(host.hasAttribute('data-forestall-ignore')).toBe(true);
    expect(host.getAttribute('data-position')).toBe('bottom-right');
    expect(root.mode).toBe('open');
    expect(root.adoptedStyleSheets).toHaveLength(1);
    widget!.showTip(tip);
    await settle();
    expect(document.querySelectorAll('style').length + root.querySelectorAll('style').length).toBe(0);
    expect(root.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('shows a tip without taking focus, announces it, and records its buttons', async () => {
    const { bridge, q, button, outside, widget } = await setup();
    widget.showTip(tip);
    await settle();
    expect(q('h2')!.textContent).toBe(tip.title);
    expect(q('section')!.parentElement!.getAttribute('aria-live')).toBe('polite');
    expect(document.activeElement).toBe(outside);
    q('a')!.addEventListener('click', (e) => e.preventDefault());
    await click(q('a'));
    expect(bridge.record).toHaveBeenCalledWith('tip_clicked', { tipId: 'vat' });
    await click(button(s.helped));
    expect(bridge.record).toHaveBeenCalledWith('tip_helpful', { tipId: 'vat' });
    expect(q('.w')).toBeNull();
    expect(bridge.dismissed).not.toHaveBeenCalled();
  });

  it('dismisses a tip with × or Escape', async () => {
    const { bridge, q, widget } = await setup();
    widget.showTip(tip);
    await settle();
    expect(q('.x')!.getAttribute('aria-label')).toBe(s.dismissTip);
    await click(q('.x'));
    expect(bridge.dismissed).toHaveBeenCalledWith('vat');
    widget.showTip(tip);
    await settle();
    await key(q('button'), 'Escape');
    expect(bridge.dismissed).toHaveBeenCalledTimes(2);
    expect(q('.w')).toBeNull();
  });

  it('"Still stuck?" records tip_unhelpful and opens the handoff form with focus in it', async () => {
    const { bridge, q, root, button, widget } = await setup();
    widget.showTip(tip);
    await settle();
    await click(button(s.stillStuck));
    await settleUntil(() => q('form'));
    expect(bridge.record).toHaveBeenCalledWith('tip_unhelpful', { tipId: 'vat' });
    expect(bridge.record).toHaveBeenCalledWith('handoff_started', { tipId: 'vat', props: { screen: '/billing' } });
    expect(q('section')!.getAttribute('role')).toBe('dialog');
    expect(q('form')).not.toBeNull();
    expect(root.activeElement).toBe(q('#tryingTo'));
    // A tip arriving now must not throw away what the user is writing.
    widget.showTip({ ...tip, id: 'other', title: 'Other' });
    await settle();
    expect(q('form')).not.toBeNull();
  });

  it('opens help with focus in the search, and Escape gives focus back to where it was', async () => {
    const { q, root, outside, widget } = await setup();
    widget.openHelp();
    await settleUntil(() => q('input'));
    expect(q('section')!.getAttribute('role')).toBe('dialog');
    expect(q('section')!.getAttribute('aria-labelledby')).toBe(q('h2')!.id);
    expect(root.activeElement).toBe(q('input'));
    await key(q('input'), 'Escape');
    expect(q('section')).toBeNull();
    expect(document.activeElement).toBe(outside);
  });

  it('opens the handoff form from the help panel, and directly', async () => {
    const { q, button, widget } = await setup();
    widget.openHelp();
    await settleUntil(() => q('input'));
    await click(button(s.contact));
    await settleUntil(() => q('form'));
    await click(q('.x'));
    expect(q('form')).toBeNull();
    widget.openHandoff();
    await settleUntil(() => q('form'));
  });

  it('takes strings, corner and direction from the options, and the direction from the page', async () => {
    const { host, q, widget } = await setup({ strings: { helped: 'Hat geholfen' }, position: 'top-left' });
    widget.showTip(tip);
    await settle();
    expect(q('.r')!.textContent).toContain('Hat geholfen');
    expect(host.getAttribute('data-position')).toBe('top-left');
    widget.destroy();
    document.documentElement.setAttribute('dir', 'rtl');
    const rtl = await setup();
    expect(rtl.host.getAttribute('data-position')).toBe('bottom-left');
    expect(rtl.root.firstElementChild!.getAttribute('dir')).toBe('rtl');
    expect(rtl.root.querySelector('[aria-live]')).not.toBeNull();
  });

  it('destroy removes everything', async () => {
    const { widget } = await setup();
    widget.showTip(tip);
    await settle();
    widget.destroy();
    expect(document.querySelector(TAG)).toBeNull();
  });

  it('never reads widget clicks as host friction: the host element opts out of the detectors', async () => {
    const { host } = await setup();
    expect(host.closest('[data-forestall-ignore]')).toBe(host);
  });
});
