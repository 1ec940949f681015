import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HelpArticleHit } from '../sdk/wire';
import { HelpPanel, SEARCH_DEBOUNCE_MS } from './HelpPanel';
import { STRINGS as s, fmt } from './options';
import { click, key, renderInto, settle, type } from './test/dom';

const hits: HelpArticleHit[] = [
  { id: 'vat', title: 'VAT ID formats', url: '/help/vat', excerpt: 'Country prefixes', score: 2 },
  { id: 'tax', title: 'Taxes on invoices', excerpt: 'How tax is computed', score: 1 },
  { id: 'refund', title: 'Refunds', url: 'javascript:alert(1)', excerpt: '', score: 0.5 },
];
let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fetchMock = vi.fn(async () => new Response(JSON.stringify({ results: hits }), { status: 200 }));
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function panel() {
  const onOpen = vi.fn();
  const onContact = vi.fn();
  const el = await renderInto(<HelpPanel endpoint="https://edge.test" apiKey="pk_test" s={s} onOpen={onOpen} onContact={onContact} />);
  const input = el.querySelector('input')!;
  return { el, input, onOpen, onContact };
}

describe('HelpPanel', () => {
  it('is a labelled combobox that takes focus', async () => {
    const { input } = await panel();
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-label')).toBe(s.search);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(input);
  });

  it('searches once per pause in typing, with the public key, and lists the hits', async () => {
    const { el, input } = await panel();
    await type(input, 'v');
    await type(input, 'va');
    await type(input, 'vat ');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(el.querySelector('[role=status]')!.textContent).toBe(s.searching);
    await settle(SEARCH_DEBOUNCE_MS + 20);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]![0]).toBe('https://edge.test/v1/help/search?q=vat');
    expect(fetchMock.mock.calls[0]![1]).toMatchObject({ headers: { authorization: 'Bearer pk_test' } });
    const options = [...el.querySelectorAll('[role=option]')];
    expect(options.map((o) => o.firstChild!.textContent)).toEqual(['VAT ID formats', 'Taxes on invoices', 'Refunds']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-controls')).toBe(el.querySelector('[role=listbox]')!.id);
    expect(el.querySelector('[role=status]')!.textContent).toBe(fmt(s.results, { n: 3 }));
  });

  it('moves through the results with the arrow keys, wrapping, and opens with Enter', async () => {
    const { el, input, onOpen } = await panel();
    await type(input, 'tax');
    await settle(SEARCH_DEBOUNCE_MS + 20);
    const selected = () => [...el.querySelectorAll('[role=option]')].map((o) => o.getAttribute('aria-selected'));
    expect(selected()).toEqual(['false', 'false', 'false']);
    await key(input, 'ArrowDown');
    expect(selected()).toEqual(['true', 'false', 'false']);
    expect(input.getAttribute('aria-activedescendant')).toBe(el.querySelectorAll('[role=option]')[0]!.id);
    await key(input, 'ArrowUp');
    expect(selected()).toEqual(['false', 'false', 'true']);
    await key(input, 'ArrowDown');
    await key(input, 'ArrowDown');
    expect(selected()).toEqual(['false', 'true', 'false']);
    await key(input, 'Enter');
    expect(onOpen).toHaveBeenCalledWith(hits[1]);
    await click(el.querySelectorAll('[role=option]')[0]);
    expect(onOpen).toHaveBeenLastCalledWith(hits[0]);
  });

  it('says when nothing matches', async () => {
    fetchMock.mockImplementation(async () => new Response('{"results":[]}', { status: 200 }));
    const { el, input } = await panel();
    await type(input, 'zzz');
    await settle(SEARCH_DEBOUNCE_MS + 20);
    expect(el.querySelector('[role=status]')!.textContent).toBe(s.noResults);
    expect(el.querySelector('[role=listbox]')).toBeNull();
  });

  it('says help is offline when the edge cannot be reached or fails', async () => {
    for (const fail of [async () => Promise.reject(new TypeError('Failed to fetch')), async () => new Response('', { status: 503 })]) {
      fetchMock.mockImplementation(fail);
      const { el, input } = await panel();
      await type(input, 'vat');
      await settle(SEARCH_DEBOUNCE_MS + 20);
      expect(el.querySelector('[role=status]')!.textContent).toBe(s.offline);
      document.body.innerHTML = '';
    }
  });

  it('ignores an answer that arrives after a newer search started', async () => {
    let release!: () => void;
    fetchMock.mockImplementationOnce(() => new Promise<Response>((r) => (release = () => r(new Response(JSON.stringify({ results: [hits[2]] }))))));
    const { el, input } = await panel();
    await type(input, 'old');
    await settle(SEARCH_DEBOUNCE_MS + 20);
    await type(input, 'vat');
    await settle(SEARCH_DEBOUNCE_MS + 20);
    release();
    await settle();
    expect([...el.querySelectorAll('[role=option]')].map((o) => o.firstChild!.textContent)).toEqual(['VAT ID formats', 'Taxes on invoices', 'Refunds']);
  });

  it('offers a way to a human', async () => {
    const { el, onContact } = await panel();
    const button = [...el.querySelectorAll('button')].find((b) => b.textContent == s.contact);
    await click(button);
    expect(onContact).toHaveBeenCalledTimes(1);
  });
});
