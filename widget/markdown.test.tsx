import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_MARKDOWN_CHARS, MAX_MARKDOWN_NODES, Markdown } from './markdown';

const html = (source: unknown) => {
  const el = document.createElement('div');
  render(<Markdown source={source} />, el);
  return el;
};
const nodes = (el: Element) => el.querySelectorAll('*').length;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('markdown subset', () => {
  it('renders paragraphs, bold, italic, code, links and lists', () => {
    const el = html('Enter your **VAT ID** with its *country* prefix, e.g. `DE123`.\nSecond line.\n\n- one\n- two **b**\n\n1. first\n2) second\n\nSee [the guide](/help/vat).');
    expect(el.querySelector('.md')!.innerHTML).toBe(
      '<p dir="auto">Enter your <strong>VAT ID</strong> with its <em>country</em> prefix, e.g. <code>DE123</code>.\nSecond line.</p>' +
        '<ul><li dir="auto">one</li><li dir="auto">two <strong>b</strong></li></ul>' +
        '<ol><li dir="auto">first</li><li dir="auto">second</li></ol>' +
        `<p dir="auto">See <a href="${location.origin}/help/vat" target="_blank" rel="noopener noreferrer">the guide</a>.</p>`,
    );
  });

  it('continues list items on indented lines, and nests emphasis in links', () => {
    const el = html('- item\n  continued\n- [**bold** link](https://a.example)');
    expect([...el.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['item continued', 'bold link']);
    expect(el.querySelector('a strong')!.textContent).toBe('bold');
  });

  it('keeps what is not markup as typed', () => {
    const el = html('2 * 3 * 4, snake_case_name, __dunder__, a \\*star\\*, `unclosed, [no link], *open');
    expect(el.textContent).toBe('2 * 3 * 4, snake_case_name, __dunder__, a *star*, `unclosed, [no link], *open');
    expect(el.querySelectorAll('em, strong, code, a')).toHaveLength(0);
  });
});

describe('hostile bodies', () => {
  it('shows HTML as text: no script, no image, no handler', () => {
    const body = '<script>window.__pwned = 1</script>\n\n<img src=x onerror="window.__pwned = 2"> <b onclick=alert(1)>hi</b>';
    const el = html(body);
    expect(el.querySelectorAll('script, img, b, [onerror], [onclick]')).toHaveLength(0);
    expect(el.textContent).toContain('<script>window.__pwned = 1</script>');
    expect(el.textContent).toContain('<img src=x onerror="window.__pwned = 2">');
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows entities literally', () => {
    expect(html('&lt;b&gt; &amp; &#106;avascript &quot;').textContent).toBe('&lt;b&gt; &amp; &#106;avascript &quot;');
  });

  it.each([
    '[x](javascript:alert(1))',
    '[x](JAVASCRIPT:alert(1))',
    '[x]( javascript:alert(1))',
    '[x](java\tscript:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](javascript&#58;alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](vbscript:msgbox(1))',
    '[x](\u0000javascript:alert(1))',
  ])('renders %j as plain text, not a link', (body) => {
    const el = html(body);
    expect(el.querySelectorAll('a')).toHaveLength(0);
    expect(el.textContent!.startsWith('x')).toBe(true);
  });

  it('only ever emits http(s) hrefs', () => {
    const el = html('[a](https://ok.example) [b](/rel) [c](javascript:x) [d](data:x) ![img](https://t.example/p.png)');
    const hrefs = [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
    expect(hrefs).toEqual(['https://ok.example/', `${location.origin}/rel`, 'https://t.example/p.png']);
    for (const h of hrefs) expect(h).toMatch(/^https?:\/\//);
    expect(el.querySelectorAll('img')).toHaveLength(0);
  });

  it('bounds 100 KB of text', () => {
    const el = html('word '.repeat(20_480));
    expect(el.textContent!.length).toBeLessThanOrEqual(MAX_MARKDOWN_CHARS + 2);
    expect(el.textContent!.endsWith('…')).toBe(true);
  });

  it('bounds the number of nodes, however the markup multiplies', () => {
    for (const body of ['**a** '.repeat(5000), '- x\n'.repeat(3000), '`a` '.repeat(3000), '\n\n'.repeat(2000) + 'x\n\ny\n\n'.repeat(1000), '*'.repeat(4000)]) {
      const started = performance.now();
      const el = html(body);
      expect(nodes(el)).toBeLessThanOrEqual(MAX_MARKDOWN_NODES + 4);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('renders unicode and right-to-left text intact, with dir=auto', () => {
    const body = 'مرحبا **بالعالم** — 你好 👋🏽 e\u0301 \u202Eevil\u202C';
    const el = html(body);
    expect(el.textContent).toBe('مرحبا بالعالم — 你好 👋🏽 e\u0301 \u202Eevil\u202C');
    expect(el.querySelector('p')!.getAttribute('dir')).toBe('auto');
  });

  it('renders nothing for bodies that are not strings', () => {
    for (const v of [undefined, null, 42, { a: 1 }]) expect(html(v).textContent).toBe('');
  });
});
