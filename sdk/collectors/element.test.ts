// What a click belongs to: real DOM trees in, the ElementInfo the detectors get out.
import { afterEach, describe, expect, it } from 'vitest';
import { describeClickTarget } from './element';

/** The composed path a click on `el` has, as the browser builds it. */
function pathOf(el: Element): EventTarget[] {
  let path: EventTarget[] = [];
  // The default action is prevented: happy-dom would follow links (and open target=_blank ones).
  const grab = (e: Event) => {
    path = e.composedPath();
    e.preventDefault();
  };
  window.addEventListener('click', grab, true);
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
  window.removeEventListener('click', grab, true);
  return path;
}

function click(html: string, selector: string, mask = '') {
  document.body.innerHTML = html;
  const hit = document.querySelector(selector)!;
  return describeClickTarget(pathOf(hit), mask);
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('describeClickTarget', () => {
  it('gives a click on an icon inside a button to the button', () => {
    document.body.innerHTML = '<button id="save"><svg><path d="M0 0"></path></svg><i class="icon"></i> Save</button>';
    const button = document.querySelector('button')!;
    for (const icon of [document.querySelector('path')!, document.querySelector('i')!]) {
      const found = describeClickTarget(pathOf(icon), '');
      expect(found).toEqual({ el: button, info: { tag: 'button', label: 'Save', actionable: true, key: 'button#save:Save' } });
    }
  });

  it('gives a click on a plain element to that element, not actionable', () => {
    const found = click('<main><p id="t">Just text</p></main>', '#t');
    expect(found!.el).toBe(document.querySelector('#t'));
    expect(found!.info).toEqual({ tag: 'p', label: 'Just text', actionable: false, key: 'p#t:Just text' });
  });

  it('counts a link with href, and not one without', () => {
    expect(click('<a href="/orders"><span>Orders</span></a>', 'span')!.info).toMatchObject({ tag: 'a', actionable: true, label: 'Orders' });
    expect(click('<a href="">Here</a>', 'a')!.info.actionable).toBe(true);
    const noHref = click('<div><a name="top"><span>Top</span></a></div>', 'span')!;
    expect(noHref.info).toEqual({ tag: 'span', label: 'Top', actionable: false, key: 'span#:Top' });
  });

  it('counts summary and label, and the actionable roles', () => {
    expect(click('<details><summary>More</summary></details>', 'summary')!.info.actionable).toBe(true);
    expect(click('<label>Remember me</label>', 'label')!.info.actionable).toBe(true);
    for (const role of ['button', 'link', 'tab', 'menuitem', 'checkbox']) {
      const found = click(`<div role="${role}"><span>Go</span></div>`, 'span')!;
      expect(found.info).toMatchObject({ tag: 'div', role, actionable: true, label: 'Go' });
    }
    for (const role of ['presentation', 'listitem', '']) {
      expect(click(`<div role="${role}"><span>Go</span></div>`, 'span')!.info).toMatchObject({ tag: 'span', actionable: false });
    }
  });

  it('reports role in lower case', () => {
    expect(click('<a href="#" role="TAB">One</a>', 'a')!.info.role).toBe('tab');
  });

  it('knows which input types are actionable, and reports the type', () => {
    const cases: Array<[string, boolean]> = [
      ['submit', true],
      ['button', true],
      ['checkbox', true],
      ['radio', true],
      ['image', true],
      ['reset', true],
      ['text', false],
      ['email', false],
      ['password', false],
      ['number', false],
      ['date', false],
    ];
    for (const [type, actionable] of cases) {
      const info = click(`<input type="${type}" value="Go">`, 'input')!.info;
      expect([type, info.tag, info.inputType, info.actionable]).toEqual([type, 'input', type, actionable]);
    }
    expect(click('<input>', 'input')!.info).toMatchObject({ inputType: 'text', actionable: false, label: '' });
  });

  it('gives a click in a text input inside a label to the input, not actionable', () => {
    const found = click('<label id="l">Name <input id="n" type="text"></label>', '#n')!;
    expect(found.el).toBe(document.querySelector('#n'));
    expect(found.info).toEqual({ tag: 'input', inputType: 'text', label: '', actionable: false, key: 'input#n:' });
  });

  it('gives a click on a checkbox inside a label to the checkbox, actionable', () => {
    const found = click('<label>Agree <input id="c" type="checkbox"></label>', '#c')!;
    expect(found.el).toBe(document.querySelector('#c'));
    expect(found.info).toMatchObject({ tag: 'input', inputType: 'checkbox', actionable: true });
  });

  it('gives a click in a textarea or select inside a clickable row to the field', () => {
    expect(click('<div role="button"><textarea id="t">draft</textarea></div>', 'textarea')!.info).toEqual({
      tag: 'textarea',
      label: '',
      actionable: false,
      key: 'textarea#t:',
    });
    expect(click('<label>Size <select><option>XL</option></select></label>', 'select')!.info).toMatchObject({ tag: 'select', label: '', actionable: false });
  });

  it('marks contenteditable, reads no label there, and never gives it to an enclosing button', () => {
    expect(click('<div id="ed" contenteditable="true"><p><b>My note</b></p></div>', 'b')!.info).toEqual({
      tag: 'b',
      label: '',
      actionable: false,
      editable: true,
      key: 'b#:',
    });
    expect(click('<div role="button"><span contenteditable>Rename me</span></div>', 'span')!.info).toMatchObject({
      tag: 'span',
      actionable: false,
      editable: true,
    });
    expect(click('<div contenteditable="false"><button>Ok</button></div>', 'button')!.info).toMatchObject({ tag: 'button', actionable: true, label: 'Ok' });
    expect(click('<div contenteditable="false"><button>Ok</button></div>', 'button')!.info.editable).toBeUndefined();
  });

  it('marks [data-forestall-ignore] on the element or any ancestor, and only then', () => {
    expect(click('<section data-forestall-ignore><div><button>Play</button></div></section>', 'button')!.info).toMatchObject({ tag: 'button', ignored: true });
    expect(click('<button data-forestall-ignore>Play</button>', 'button')!.info.ignored).toBe(true);
    expect(click('<section data-forestall-ignore></section><button>Play</button>', 'button')!.info.ignored).toBeUndefined();
  });

  it('marks links that open elsewhere: target=_blank and download', () => {
    expect(click('<a href="/a" target="_blank"><b>Docs</b></a>', 'b')!.info.opensElsewhere).toBe(true);
    expect(click('<a href="/r.pdf" download>Report</a>', 'a')!.info.opensElsewhere).toBe(true);
    expect(click('<a href="/r.pdf" download="r.pdf">Report</a>', 'a')!.info.opensElsewhere).toBe(true);
    expect(click('<a href="/a" target="_self">Docs</a>', 'a')!.info.opensElsewhere).toBeUndefined();
    expect(click('<a href="/a">Docs</a>', 'a')!.info.opensElsewhere).toBeUndefined();
    expect(click('<button formtarget="_blank">Go</button>', 'button')!.info.opensElsewhere).toBeUndefined();
  });

  it('masks the label under [data-forestall-mask] and the host’s selectors', () => {
    expect(click('<div data-forestall-mask><button>Jo Doe</button></div>', 'button')!.info).toMatchObject({ label: '[masked]', key: 'button#:[masked]' });
    expect(click('<div class="pii"><button>Jo Doe</button></div>', 'button', '.pii')!.info.label).toBe('[masked]');
    expect(click('<button>Jo Doe</button>', 'button', '[[bad')!.info.label).toBe('[masked]');
  });

  it('follows the composed path into an open shadow root', () => {
    document.body.innerHTML = '<section data-forestall-ignore><x-widget></x-widget></section>';
    const host = document.querySelector('x-widget')!;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<div><button id="in" aria-label="Close"><span>×</span></button></div>';
    const span = root.querySelector('span')!;
    const button = root.querySelector('button')!;
    const section = document.querySelector('section')!;

    const expected = { el: button, info: { tag: 'button', label: 'Close', actionable: true, ignored: true, key: 'button#in:Close' } };
    expect(describeClickTarget(pathOf(span), '')).toEqual(expected);
    // The same path built by hand, as a browser gives it: across the shadow root to the window.
    const byHand: EventTarget[] = [span, button, root.firstElementChild!, root, host, section, document.body, document.documentElement, document, window];
    expect(describeClickTarget(byHand, '')).toEqual(expected);
  });

  it('gives a click on a shadow host’s light-DOM text to the host’s actionable ancestor', () => {
    document.body.innerHTML = '<a href="/x"><x-icon></x-icon></a>';
    const host = document.querySelector('x-icon')!;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<svg></svg>';
    const found = describeClickTarget(pathOf(root.querySelector('svg')!), '');
    expect(found!.el).toBe(document.querySelector('a'));
    expect(found!.info.actionable).toBe(true);
  });

  it('gives null for a path with no element, and skips what is not an element', () => {
    expect(describeClickTarget([], '')).toBeNull();
    expect(describeClickTarget([document, window], '')).toBeNull();
    document.body.innerHTML = '<button>Ok</button>';
    const button = document.querySelector('button')!;
    const text = button.firstChild!;
    expect(describeClickTarget([text, button, document.body, document, window], '')!.el).toBe(button);
  });
});
