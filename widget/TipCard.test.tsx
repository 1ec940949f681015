import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Tip } from '../sdk/wire';
import { STRINGS as s } from './options';
import { click, renderInto } from './test/dom';
import { TipCard } from './TipCard';

const tip = (over: Partial<Tip> = {}): Tip => ({ id: 'vat', title: 'VAT IDs start with a country code', body: 'Use **DE123**.', when: { signal: 'form_struggle' }, priority: 1, cooldownMs: 0, ...over });
const handlers = () => ({ onShowMe: vi.fn(), onHelped: vi.fn(), onStuck: vi.fn() });

afterEach(() => void (document.body.innerHTML = ''));

describe('TipCard', () => {
  it('shows the title, the body as markdown, and the three choices', async () => {
    const h = handlers();
    const el = await renderInto(<TipCard tip={tip({ articleUrl: '/help/vat' })} s={s} {...h} />);
    expect(el.querySelector('h2')!.textContent).toBe('VAT IDs start with a country code');
    expect(el.querySelector('strong')!.textContent).toBe('DE123');
    const link = el.querySelector('a')!;
    expect(link.textContent).toBe('Show me');
    expect(link.getAttribute('href')).toBe(location.origin + '/help/vat');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect([...el.querySelectorAll('button')].map((b) => [b.textContent, b.getAttribute('type')])).toEqual([
      ['That helped', 'button'],
      ['Still stuck?', 'button'],
    ]);
    el.addEventListener('click', (e) => e.preventDefault()); // no navigation in happy-dom
    await click(link);
    await click(el.querySelectorAll('button')[0]);
    await click(el.querySelectorAll('button')[1]);
    expect([h.onShowMe.mock.calls.length, h.onHelped.mock.calls.length, h.onStuck.mock.calls.length]).toEqual([1, 1, 1]);
  });

  it('has no "Show me" for a missing or unsafe article link', async () => {
    for (const articleUrl of [undefined, 'javascript:alert(1)', 'data:text/html,x']) {
      const el = await renderInto(<TipCard tip={tip({ articleUrl })} s={s} {...handlers()} />);
      expect(el.querySelector('a')).toBeNull();
    }
  });

  it('uses the host strings', async () => {
    const el = await renderInto(<TipCard tip={tip({ articleUrl: '/x' })} s={{ ...s, showMe: 'Zeig mir', helped: 'Hat geholfen' }} {...handlers()} />);
    expect(el.textContent).toContain('Zeig mir');
    expect(el.textContent).toContain('Hat geholfen');
  });
});
