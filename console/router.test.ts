// The console's path router: patterns, parameters, and which link clicks it takes over.
import { describe, expect, it } from 'vitest';
import { resolve } from './App';
import { current, href, match, navigate, startRouter } from './router';

describe('router', () => {
  it('matches patterns and decodes parameters', () => {
    expect(match('/accounts/:id', '/accounts/acme.com')).toEqual({ id: 'acme.com' });
    expect(match('/accounts/:id', '/accounts/a%2Fb')).toEqual({ id: 'a/b' });
    expect(match('/accounts/:id', '/accounts/%E0%A4%A')).toBeNull();
    expect(match('/accounts/:id', '/accounts')).toBeNull();
    expect(resolve('/triggers/trg_1')!.route.section).toBe('/triggers');
    expect(resolve('/nope')).toBeNull();
    expect(href('/')).toBe('/console');
  });

  it('navigates in place for console links, and leaves other links and modified clicks to the browser', () => {
    const stop = startRouter();
    navigate('/', { replace: true });
    const a = document.createElement('a');
    document.body.appendChild(a);
    a.href = '/console/rules?x=1';
    a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    expect(current.value.path).toBe('/rules');
    expect(current.value.query.get('x')).toBe('1');
    const other = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    a.href = '/demo/';
    a.dispatchEvent(other);
    expect(other.defaultPrevented).toBe(false);
    const newTab = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ctrlKey: true });
    a.href = '/console/tips';
    a.dispatchEvent(newTab);
    expect(newTab.defaultPrevented).toBe(false);
    expect(current.value.path).toBe('/rules');
    stop();
  });
});
