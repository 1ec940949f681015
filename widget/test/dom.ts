// Test helpers for the widget's happy-dom tests: render into a fresh container, let signals and effects settle, fake a bridge.
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import type { WidgetBridge } from '../../sdk/widget-contract';
import type { DiagnosticTrail } from '../../sdk/wire';

export async function renderInto(node: ComponentChild): Promise<HTMLElement> {
  const el = document.createElement('div');
  document.body.appendChild(el);
  await act(() => render(node, el));
  return el;
}

/** Lets queued renders, effects and promise chains run. */
export const settle = (ms = 0) => act(() => new Promise((r) => setTimeout(r, ms)));

export const emptyTrail = (): DiagnosticTrail => ({ screens: [], signals: [], errors: [], tips: [], articles: [] });

export function fakeBridge(over: Partial<WidgetBridge> = {}, ctx: Partial<ReturnType<WidgetBridge['context']>> = {}) {
  return {
    endpoint: 'https://edge.test',
    key: 'pk_test',
    options: {},
    record: vi.fn(),
    dismissed: vi.fn(),
    handedOff: vi.fn(),
    trail: vi.fn(emptyTrail),
    context: vi.fn(() => ({ anonymousId: 'anon-1', sessionId: 'sess-1', screen: '/billing', traits: {}, ...ctx })),
    ...over,
  } satisfies WidgetBridge;
}

export const click = (el: Element | null | undefined) => act(() => void (el as HTMLElement).click());
export const key = (el: Element | null | undefined, k: string) =>
  act(() => void el!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true })));
export const type = (el: Element | null | undefined, value: string) =>
  act(() => {
    (el as HTMLInputElement).value = value;
    el!.dispatchEvent(new Event('input', { bubbles: true }));
  });

/** Settles until `ready()` is truthy (the panels chunk loads asynchronously); fails after `ms`. */
export async function settleUntil(ready: () => unknown, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error('settleUntil: still not ready after ' + ms + ' ms');
    await settle(5);
  }
}
