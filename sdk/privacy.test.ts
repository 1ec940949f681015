// What the SDK may read off the page: exact inputs and the redacted, capped text that leaves it.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_LABEL, redact, redactEndpoint, redactPath, shortLabel } from './privacy';
import { describeClickTarget } from './collectors/element';

/** Builds `html` into a fresh body and returns the element matching `selector`. */
function dom(html: string, selector: string): Element {
  document.body.innerHTML = html;
  return document.querySelector(selector)!;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('redact', () => {
  it.each([
    ['mail jo.doe+tag@example.co.uk now', 'mail [email] now'],
    ['a@b.io', '[email]'],
    ['two: a@x.com, b@y.org', 'two: [email], [email]'],
  ])('replaces emails: %j → %j', (input, out) => {
    expect(redact(input)).toBe(out);
  });

  it.each([
    ['card 4111 1111 1111 1111', 'card [number]'],
    ['card 4111-1111-1111-1111', 'card [number]'],
    ['call 555-123-4567', 'call [number]'],
    ['Order #1234567 failed', 'Order #[number] failed'],
    ['user_id=12345678&x', 'user_id=[number]&x'],
  ])('replaces numbers of seven or more digits, spaces and dashes inside: %j → %j', (input, out) => {
    expect(redact(input)).toBe(out);
  });

  it('keeps six digits and stops a number at a double separator', () => {
    expect(redact('code 123456')).toBe('code 123456');
    expect(redact('123-456')).toBe('123-456');
    expect(redact('1234  5678')).toBe('1234  5678');
  });

  it.each([
    ['Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'Bearer [token]'],
    ['key sk_live_4eC39HqLyjWDarjtT1zdp7dc!', 'key [token]!'],
    ['session 550e8400-e29b-41d4-a716-446655440000', 'session [token]'],
  ])('replaces tokens and JWT-like runs: %j → %j', (input, out) => {
    expect(redact(input)).toBe(out);
  });

  it.each([
    'Save',
    'Step 2 of 3',
    'Invoice 42',
    'Page 1 of 120',
    'Next ›',
    'Add to cart (3)',
    '50% off',
    'internationalization',
    "TypeError: Cannot read properties of undefined (reading 'x')",
    'v2.10.3',
    '',
  ])('leaves an ordinary label alone: %j', (label) => {
    expect(redact(label)).toBe(label);
  });
});

describe('redactPath', () => {
  it('drops the query and the hash', () => {
    expect(redactPath('/orders/42?email=a@b.com#top')).toBe('/orders/42');
    expect(redactPath('https://shop.example/cart?session=abc#x')).toBe('/cart');
  });

  it('redacts what is left in the path', () => {
    expect(redactPath('https://x.example/users/jo@doe.com/orders/12345678')).toBe('/users/[email]/orders/[number]');
  });

  it('redacts percent-encoded emails and numbers (paths come back from URL encoded)', () => {
    expect(redactPath('/users/jo%40example.com')).toBe('/users/[email]');
    expect(redactPath('/users/' + encodeURIComponent('jo+x@example.com') + '/edit')).toBe('/users/[email]/edit');
    expect(redactPath('/cards/4111 1111 1111 1111')).toBe('/cards/[number]');
  });

  it('resolves relative URLs against the page, or the base given', () => {
    expect(location.pathname).toBe('/');
    expect(redactPath('orders/7')).toBe('/orders/7');
    expect(redactPath('../x')).toBe('/x');
    expect(redactPath('items/3', 'https://x.example/shop/')).toBe('/shop/items/3');
    expect(redactPath('?q=1')).toBe('/');
    expect(redactPath('#frag')).toBe('/');
    expect(redactPath('')).toBe('/');
  });

  it('never throws on garbage, and never keeps its query', () => {
    expect(redactPath('http://[::1/a?b=jo@x.com')).toBe('http://[::1/a');
    expect(redactPath(undefined as unknown as string)).toBe('/undefined');
    expect(redactPath(null as unknown as string)).toBe('/null');
    expect(redactPath(5 as unknown as string)).toBe('/5');
    expect(redactPath({} as unknown as string)).toBe('/[object%20Object]');
    expect(() => redactPath(Symbol('x') as unknown as string)).not.toThrow();
  });
});

describe('redactEndpoint', () => {
  it('gives a same-origin endpoint as its path, without the query', () => {
    expect(redactEndpoint('/api/orders/12345678?token=abc')).toBe('/api/orders/[number]');
    expect(redactEndpoint('http://localhost:3000/api/x#y')).toBe('/api/x');
  });

  it('keeps the origin of another origin, never its credentials', () => {
    expect(redactEndpoint('https://api.example.com/v1/users/jo@x.com?k=1')).toBe('https://api.example.com/v1/users/[email]');
    expect(redactEndpoint('https://user:pass@api.example.com/v1')).toBe('https://api.example.com/v1');
    expect(redactEndpoint('//cdn.example.com/a.js')).toBe('http://cdn.example.com/a.js');
  });

  it('never throws on garbage', () => {
    expect(redactEndpoint('http://[::1/a?q')).toBe('http://[::1/a');
    expect(redactEndpoint('')).toBe('/');
    expect(redactEndpoint(undefined as unknown as string)).toBe('/undefined');
    expect(() => redactEndpoint(Symbol('x') as unknown as string)).not.toThrow();
  });
});

describe('shortLabel', () => {
  it('trims and collapses whitespace of every kind', () => {
    expect(shortLabel('  Save \n\t changes\u00a0 now ')).toBe('Save changes now');
  });

  it('gives "" for nothing', () => {
    expect(shortLabel(null)).toBe('');
    expect(shortLabel(undefined)).toBe('');
    expect(shortLabel('   ')).toBe('');
  });

  it('keeps 40 characters and cuts 41 to 39 and an ellipsis', () => {
    const forty = 'a'.repeat(40);
    expect(MAX_LABEL).toBe(40);
    expect(shortLabel(forty)).toBe(forty);
    expect(shortLabel(forty + 'b')).toBe('a'.repeat(39) + '…');
    expect(shortLabel('x'.repeat(500))).toHaveLength(40);
  });

  it('redacts before cutting, so a cut never leaves part of a number', () => {
    expect(shortLabel('Pay with card 4111 1111 1111 1111 today please')).toBe('Pay with card [number] today please');
    expect(shortLabel('Contact '.repeat(4) + 'jo@example.com')).toBe('Contact Contact Contact Contact [email]');
  });
});

/** The label a click on `el` gets: masking and editable regions are ruled out on the click's path. */
function label(el: Element, mask: string): string {
  const path: EventTarget[] = [];
  for (let n: Node | null = el; n; n = n.parentNode) path.push(n);
  return describeClickTarget([...path, window], mask)!.info.label;
}

describe('element labels (elementLabel, with masking read off the click path)', () => {
  it('prefers aria-label, then title, then the text', () => {
    expect(label(dom('<button aria-label="Close dialog" title="Close">×</button>', 'button'), '')).toBe('Close dialog');
    expect(label(dom('<a href="/h" title="Help center">?</a>', 'a'), '')).toBe('Help center');
    expect(label(dom('<button>\n  Save <b>changes</b>\n</button>', 'button'), '')).toBe('Save changes');
    expect(label(dom('<div></div>', 'div'), '')).toBe('');
  });

  it('caps and redacts text and aria-labels alike', () => {
    expect(label(dom('<button aria-label="Email jo@x.com">@</button>', 'button'), '')).toBe('Email [email]');
    const long = 'Download the quarterly report for every region';
    expect(label(dom(`<a href="/r">${long}</a>`, 'a'), '')).toBe(long.slice(0, 39) + '…');
  });

  it('reads only the start of a big container', () => {
    const items = Array.from({ length: 20 }, (_, i) => `<li>Item ${i}</li>`).join('');
    expect(label(dom(`<ul>${items}</ul>`, 'ul'), '')).toBe('Item 0 Item 1 Item 2 Item 3 Item 4 Item…');
  });

  it('masks under [data-forestall-mask], on the element or an ancestor', () => {
    expect(label(dom('<button data-forestall-mask>Jo Doe</button>', 'button'), '')).toBe('[masked]');
    expect(label(dom('<div data-forestall-mask=""><p><button>Jo Doe</button></p></div>', 'button'), '')).toBe('[masked]');
    expect(label(dom('<div data-forestall-mask><button aria-label="Account of Jo">J</button></div>', 'button'), '')).toBe('[masked]');
  });

  it('masks under the host page’s own selectors', () => {
    const el = dom('<section class="profile"><button id="b">Jo Doe</button></section><i id="c">Other</i>', '#b');
    expect(label(el, '.profile')).toBe('[masked]');
    expect(label(el, '.x,.profile')).toBe('[masked]');
    expect(label(el, '.other')).toBe('Jo Doe');
    expect(label(document.querySelector('#c')!, '.profile')).toBe('Other');
  });

  it('treats an invalid mask selector as masked, and does not throw', () => {
    const el = dom('<button>Jo Doe</button>', 'button');
    expect(label(el, '##bad[')).toBe('[masked]');
    expect(label(el, ',')).toBe('[masked]');
    expect(el.textContent).toBe('Jo Doe');
  });

  it('never reads what a user typed into an input', () => {
    for (const type of ['text', 'email', 'password', 'search', 'tel', 'number', 'hidden', 'checkbox']) {
      const el = dom(`<input type="${type}">`, 'input') as HTMLInputElement;
      el.value = type === 'checkbox' ? 'on' : 'jo@example.com secret';
      expect([type, label(el, '')]).toEqual([type, '']);
    }
    const untyped = dom('<input value="typed">', 'input');
    expect(label(untyped, '')).toBe('');
  });

  it('reads the caption of button-like inputs, which the page wrote', () => {
    expect(label(dom('<input type="submit" value="Send order">', 'input'), '')).toBe('Send order');
    expect(label(dom('<input type="button" value="  Add\nrow ">', 'input'), '')).toBe('Add row');
    expect(label(dom('<input type="reset" value="Clear">', 'input'), '')).toBe('Clear');
    expect(label(dom('<input type="image" alt="Search" src="s.png">', 'input'), '')).toBe('Search');
    expect(label(dom('<input type="button">', 'input'), '')).toBe('');
  });

  it('reads nothing from textarea, select or contenteditable', () => {
    const ta = dom('<textarea>draft: my card is 4111</textarea>', 'textarea') as HTMLTextAreaElement;
    ta.value = 'typed text';
    expect(label(ta, '')).toBe('');
    expect(label(dom('<select><option>Jo Doe</option><option>Al</option></select>', 'select'), '')).toBe('');
    expect(label(dom('<div contenteditable="true">My private note</div>', 'div'), '')).toBe('');
    expect(label(dom('<div contenteditable>My <b>private</b> note</div>', 'b'), '')).toBe('');
    expect(label(dom('<div contenteditable="plaintext-only">note</div>', 'div'), '')).toBe('');
  });

  it('reads an element whose contenteditable is false', () => {
    expect(label(dom('<div contenteditable="false">Fixed</div>', 'div'), '')).toBe('Fixed');
  });
});
