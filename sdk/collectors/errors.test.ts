// Uncaught errors and unhandled rejections: the message reported, the event left exactly as the page would see it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectErrors } from './errors';

let stops: Array<() => void> = [];

function start() {
  const seen: string[] = [];
  stops.push(collectErrors((m) => seen.push(m)));
  return seen;
}

/** happy-dom has no PromiseRejectionEvent: an Event carrying `reason` is what the listener reads. */
const rejection = (reason: unknown) => Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason, promise: null });

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe('collectErrors', () => {
  it('reports an ErrorEvent’s message', () => {
    const seen = start();
    dispatchEvent(new ErrorEvent('error', { message: 'TypeError: x is undefined', error: new TypeError('x is undefined') }));
    expect(seen).toEqual(['TypeError: x is undefined']);
  });

  it('falls back to the error, then to "Script error."', () => {
    const seen = start();
    dispatchEvent(new ErrorEvent('error', { message: '', error: new RangeError('too far') }));
    dispatchEvent(new ErrorEvent('error', { message: '' }));
    dispatchEvent(new ErrorEvent('error', { message: '', error: 'a string' }));
    expect(seen).toEqual(['RangeError: too far', 'Script error.', 'a string']);
  });

  it('reports an unhandled rejection’s reason', () => {
    const seen = start();
    dispatchEvent(rejection(new Error('fetch failed')));
    dispatchEvent(rejection('plain'));
    dispatchEvent(rejection(undefined));
    dispatchEvent(rejection(null));
    dispatchEvent(rejection(42));
    dispatchEvent(rejection({ message: 7 }));
    dispatchEvent(rejection({ code: 1 }));
    expect(seen).toEqual([
      'Unhandled rejection: fetch failed',
      'Unhandled rejection: plain',
      'Unhandled rejection: undefined',
      'Unhandled rejection: null',
      'Unhandled rejection: 42',
      'Unhandled rejection: 7',
      'Unhandled rejection: [object Object]',
    ]);
  });

  it('never throws for a reason or error that cannot become text, and the page’s listeners still run', () => {
    const seen = start();
    const pageSaw: unknown[] = [];
    const page = (e: Event) => pageSaw.push(e.type);
    addEventListener('unhandledrejection', page);
    addEventListener('error', page);
    const nullProto = Object.create(null);
    const hostile = { toString: () => { throw new Error('no'); } };
    expect(() => dispatchEvent(rejection(nullProto))).not.toThrow();
    expect(() => dispatchEvent(rejection({ message: hostile }))).not.toThrow();
    expect(() => dispatchEvent(new ErrorEvent('error', { message: '', error: nullProto }))).not.toThrow();
    removeEventListener('unhandledrejection', page);
    removeEventListener('error', page);
    expect(pageSaw).toEqual(['unhandledrejection', 'unhandledrejection', 'error']);
    expect(seen).toEqual(['Unhandled rejection: object', 'Unhandled rejection: object', 'object']);
  });

  it('never calls preventDefault, and the page’s own listeners before and after still run', () => {
    const order: string[] = [];
    const before = () => order.push('page before');
    addEventListener('error', before);
    const seen = start();
    const after = (e: Event) => order.push('page after ' + e.defaultPrevented);
    addEventListener('error', after);
    addEventListener('unhandledrejection', after);

    const err = new ErrorEvent('error', { message: 'boom', cancelable: true });
    const prevent = vi.spyOn(err, 'preventDefault');
    const rej = rejection('nope');
    const preventRej = vi.spyOn(rej, 'preventDefault');
    expect(dispatchEvent(err)).toBe(true);
    expect(dispatchEvent(rej)).toBe(true);

    removeEventListener('error', before);
    removeEventListener('error', after);
    removeEventListener('unhandledrejection', after);
    expect(prevent).not.toHaveBeenCalled();
    expect(preventRej).not.toHaveBeenCalled();
    expect([err.defaultPrevented, rej.defaultPrevented]).toEqual([false, false]);
    expect(order).toEqual(['page before', 'page after false', 'page after false']);
    expect(seen).toEqual(['boom', 'Unhandled rejection: nope']);
  });

  it('reports nothing after teardown', () => {
    const seen = start();
    stops.pop()!();
    dispatchEvent(new ErrorEvent('error', { message: 'late' }));
    dispatchEvent(rejection('late'));
    expect(seen).toEqual([]);
  });
});
