// SPA navigation: each same-document route change notifies once, after it happened; the teardown undoes the patch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectNavigation } from './navigation';

const originalPush = history.pushState;
const originalReplace = history.replaceState;
let stops: Array<() => void> = [];

/** Starts a collector that records the path it sees at each notification. */
function start(onChange?: () => void) {
  const seen: string[] = [];
  const stop = collectNavigation(() => {
    seen.push(location.pathname + location.hash);
    onChange?.();
  });
  stops.push(stop);
  return { seen, stop };
}

beforeEach(() => {
  history.replaceState(null, '', '/');
});

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  history.pushState = originalPush;
  history.replaceState = originalReplace;
  delete (globalThis as { navigation?: unknown }).navigation;
});

describe('collectNavigation', () => {
  it('notifies after pushState and replaceState, with the new location in place', () => {
    const { seen } = start();
    history.pushState({ a: 1 }, '', '/orders/1');
    history.replaceState({ b: 2 }, '', '/orders/2');
    history.pushState(null, '', '/orders/3#items');
    expect(seen).toEqual(['/orders/1', '/orders/2', '/orders/3#items']);
    expect(history.state).toBe(null);
  });

  it('passes the arguments and result through untouched', () => {
    start();
    const state = { step: 2 };
    expect(history.pushState(state, '', '/wizard?step=2')).toBeUndefined();
    expect(history.state).toEqual(state);
    expect(location.pathname + location.search).toBe('/wizard?step=2');
  });

  it('still throws what the browser throws for a bad pushState, and notifies nothing', () => {
    const { seen } = start();
    expect(() => history.pushState(null, '', 'https://elsewhere.example/x')).toThrow();
    expect(seen).toEqual([]);
  });

  it('notifies on popstate and hashchange', () => {
    const { seen } = start();
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
    dispatchEvent(new HashChangeEvent('hashchange'));
    expect(seen).toEqual(['/', '/']);
  });

  it('notifies on the Navigation API’s navigatesuccess where present', () => {
    const navigation = new EventTarget();
    (globalThis as { navigation?: EventTarget }).navigation = navigation;
    const { seen, stop } = start();
    navigation.dispatchEvent(new Event('navigatesuccess'));
    expect(seen).toEqual(['/']);
    stop();
    navigation.dispatchEvent(new Event('navigatesuccess'));
    expect(seen).toEqual(['/']);
  });

  it('keeps the page’s navigation working when the callback throws', () => {
    start(() => {
      throw new Error('ours');
    });
    expect(() => history.pushState(null, '', '/after')).not.toThrow();
    expect(location.pathname).toBe('/after');
  });

  it('restores history methods on teardown and stays quiet after it', () => {
    const { seen, stop } = start();
    expect(history.pushState).not.toBe(originalPush);
    stop();
    expect(history.pushState).toBe(originalPush);
    expect(history.replaceState).toBe(originalReplace);
    history.pushState(null, '', '/x');
    dispatchEvent(new PopStateEvent('popstate'));
    dispatchEvent(new HashChangeEvent('hashchange'));
    expect(seen).toEqual([]);
    expect(location.pathname).toBe('/x');
  });

  it('leaves a later wrapper in place on teardown: goes quiet, and the later wrapper keeps working', () => {
    const { seen, stop } = start();
    const ours = history.pushState;
    const theirs: string[] = [];
    const wrapper = function (this: History, ...args: Parameters<History['pushState']>) {
      theirs.push(String(args[2]));
      return ours.apply(this, args);
    };
    history.pushState = wrapper;

    history.pushState(null, '', '/a');
    expect(seen).toEqual(['/a']);
    stop();
    expect(history.pushState).toBe(wrapper);
    history.pushState(null, '', '/b');
    expect(theirs).toEqual(['/a', '/b']);
    expect(location.pathname).toBe('/b');
    expect(seen).toEqual(['/a']);
    // replaceState nobody wrapped after us: that one is restored.
    expect(history.replaceState).toBe(originalReplace);
  });

  it('runs two collectors side by side, each notified once and each torn down alone', () => {
    const one = start();
    const two = start();
    history.pushState(null, '', '/p');
    expect([one.seen, two.seen]).toEqual([['/p'], ['/p']]);
    two.stop();
    history.pushState(null, '', '/q');
    expect([one.seen, two.seen]).toEqual([['/p', '/q'], ['/p']]);
    one.stop();
    expect(history.pushState).toBe(originalPush);
  });

  it('a second teardown does nothing more', () => {
    const { stop } = start();
    stop();
    const later = () => undefined;
    history.pushState = later as History['pushState'];
    stop();
    expect(history.pushState).toBe(later);
  });
});
