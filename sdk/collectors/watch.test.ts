// The short watch after a click or submit: signs of life and error elements while open, nothing before or after.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWatcher, type LifeKind } from './watch';

let lives: Array<[LifeKind, unknown?]>;
let errors: Element[];
let watchers: Array<ReturnType<typeof createWatcher>> = [];

function watcher(selector = '[role=alert]') {
  const w = createWatcher(
    {
      life: (kind, detail) => lives.push(detail === undefined ? [kind] : [kind, detail]),
      errorElement: (el) => errors.push(el),
    },
    selector,
  );
  watchers.push(w);
  return w;
}

/** MutationObserver callbacks run after the current task's microtasks. */
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  lives = [];
  errors = [];
  document.body.innerHTML = '<main><form><div id="msg" role="alert"></div><p id="p">Hello</p></form></main>';
});

afterEach(() => {
  for (const w of watchers.splice(0)) w.stop();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('createWatcher', () => {
  it('observes nothing until opened', async () => {
    watcher();
    document.body.append(document.createElement('div'));
    document.querySelector('#p')!.setAttribute('role', 'alert');
    dispatchEvent(new Event('scroll'));
    document.dispatchEvent(new Event('selectionchange'));
    document.querySelector('#p')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    await settle();
    expect([lives, errors]).toEqual([[], []]);
  });

  it('reports one mutation life per batch of changes', async () => {
    watcher().open(1000);
    const p = document.querySelector('#p')!;
    p.textContent = 'Saved';
    p.className = 'done';
    document.body.append(document.createElement('div'));
    await settle();
    expect(lives).toEqual([['mutation']]);
    expect(errors).toEqual([]);
  });

  it('finds an alert added, on its own or deep inside added nodes', async () => {
    watcher().open(1000);
    const alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    alert.textContent = 'Card declined';
    document.body.append(alert);
    await settle();
    const wrapper = document.createElement('section');
    wrapper.innerHTML = '<div><span role="alert">Name is required</span></div>';
    document.body.append(wrapper);
    await settle();
    expect(errors).toEqual([alert, wrapper.querySelector('span')]);
  });

  it('finds an element that becomes an alert through an attribute change', async () => {
    watcher().open(1000);
    const p = document.querySelector('#p')!;
    p.setAttribute('role', 'alert');
    await settle();
    expect(errors).toEqual([p]);
  });

  it('ignores attribute changes on elements that are not alerts, even inside one', async () => {
    document.querySelector('#msg')!.innerHTML = '<b>Old</b>';
    watcher().open(1000);
    document.querySelector('#p')!.setAttribute('data-x', '1');
    document.querySelector('#msg b')!.setAttribute('class', 'x');
    await settle();
    expect(errors).toEqual([]);
    expect(lives).toEqual([['mutation']]);
  });

  it('finds an alert whose text changes', async () => {
    const msg = document.querySelector('#msg')!;
    msg.innerHTML = 'Try <b>again</b>';
    watcher().open(1000);
    (msg.firstChild as Text).data = 'Try once more ';
    await settle();
    (msg.querySelector('b')!.firstChild as Text).data = 'later';
    await settle();
    expect(errors).toEqual([msg, msg]);
  });

  it('finds an empty live region being filled (text or elements put into an alert already there)', async () => {
    const msg = document.querySelector('#msg')!;
    watcher().open(1000);
    msg.textContent = 'Payment failed';
    await settle();
    msg.textContent = '';
    await settle();
    msg.innerHTML = '<span>Payment failed again</span>';
    await settle();
    expect(errors).toEqual([msg, msg]);
  });

  it('reports an alert once per batch, however many changes made it', async () => {
    watcher().open(1000);
    const div = document.createElement('div');
    document.body.append(div);
    div.setAttribute('role', 'alert');
    div.textContent = 'Card declined';
    const msg = document.querySelector('#msg')!;
    msg.textContent = 'Also this';
    msg.setAttribute('aria-live', 'assertive');
    await settle();
    expect(errors).toEqual([div, msg]);
  });

  it('ignores text changes outside alerts', async () => {
    watcher().open(1000);
    (document.querySelector('#p')!.firstChild as Text).data = 'Bye';
    document.querySelector('#p')!.append(' there');
    await settle();
    expect(errors).toEqual([]);
    expect(lives).toEqual([['mutation']]);
  });

  it('takes the configured error selectors too', async () => {
    watcher('[role=alert],.field-error').open(1000);
    const err = document.createElement('p');
    err.className = 'field-error';
    document.body.append(err);
    await settle();
    expect(errors).toEqual([err]);
  });

  it('survives an invalid selector: life still reported, no error element, no throw', async () => {
    watcher('[[nope').open(1000);
    const alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    document.body.append(alert);
    await settle();
    expect(lives).toEqual([['mutation']]);
    expect(errors).toEqual([]);
  });

  it('reports scroll, on the window or any element, while open', () => {
    watcher().open(1000);
    dispatchEvent(new Event('scroll'));
    document.querySelector('#p')!.dispatchEvent(new Event('scroll'));
    expect(lives).toEqual([['scroll'], ['scroll']]);
  });

  it('reports a selection change, telling a collapsed caret from a real selection', async () => {
    watcher().open(1000);
    const selection = getSelection()!;
    selection.removeAllRanges();
    await settle();
    lives = [];
    document.dispatchEvent(new Event('selectionchange'));
    expect(lives).toEqual([['selection', { collapsedCaret: true }]]);

    const range = document.createRange();
    range.selectNodeContents(document.querySelector('#p')!);
    selection.addRange(range);
    await settle();
    lives = [];
    document.dispatchEvent(new Event('selectionchange'));
    expect(lives).toEqual([['selection', { collapsedCaret: false }]]);
    selection.removeAllRanges();
  });

  it('reports focus with the element focused, also inside a shadow root', () => {
    watcher().open(1000);
    const p = document.querySelector('#p')!;
    p.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    const host = document.createElement('x-field');
    document.body.append(host);
    const input = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('input'));
    input.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(lives).toEqual([
      ['focus', { focused: p }],
      ['focus', { focused: input }],
    ]);
  });

  it('stop() disconnects everything, and a second stop() is harmless', async () => {
    const w = watcher();
    w.open(1000);
    w.stop();
    w.stop();
    document.body.append(document.createElement('div'));
    document.querySelector('#p')!.setAttribute('role', 'alert');
    dispatchEvent(new Event('scroll'));
    document.dispatchEvent(new Event('selectionchange'));
    document.querySelector('#p')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await settle();
    expect([lives, errors]).toEqual([[], []]);
  });

  it('can be opened again after stop()', async () => {
    const w = watcher();
    w.open(1000);
    w.stop();
    w.open(1000);
    dispatchEvent(new Event('scroll'));
    document.body.append(document.createElement('div'));
    await settle();
    expect(lives).toEqual([['scroll'], ['mutation']]);
  });

  it('closes by itself when the longest open() runs out', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
    const w = watcher();
    w.open(100);
    vi.advanceTimersByTime(50);
    w.open(500); // now open until 550
    w.open(10); // never shortens
    vi.advanceTimersByTime(499); // t = 549
    dispatchEvent(new Event('scroll'));
    vi.advanceTimersByTime(2); // t = 551
    dispatchEvent(new Event('scroll'));
    expect(lives).toEqual([['scroll']]);
  });

  it('does nothing when MutationObserver is missing', () => {
    vi.stubGlobal('MutationObserver', undefined);
    try {
      const w = watcher();
      expect(() => w.open(1000)).not.toThrow();
      dispatchEvent(new Event('scroll'));
      expect(lives).toEqual([]);
      expect(() => w.stop()).not.toThrow();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
