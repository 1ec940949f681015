import { afterEach, describe, expect, it } from 'vitest';
import { STRINGS as s } from './options';
import { emptyTrail, renderInto } from './test/dom';
import { TrailView } from './TrailView';

afterEach(() => void (document.body.innerHTML = ''));

describe('TrailView', () => {
  it('lists each kind of entry the handoff will carry, open for the user to read', async () => {
    const trail = {
      screens: [{ screen: '/invoices', at: 1 }, { screen: '/invoices/:id', at: 2 }],
      signals: [{ id: 's1', type: 'screen_cycling' as const, screen: '/invoices', at: 3, detail: {} }],
      errors: [{ fingerprint: 'GET /api/invoices 500', at: 4, screen: '/invoices' }],
      tips: [{ tipId: 'find-invoice', at: 5, outcome: 'unhelpful' as const }],
      articles: [{ articleId: 'a1', title: 'Finding invoices', at: 6 }, { articleId: 'a2', at: 7 }],
    };
    const el = await renderInto(<TrailView trail={trail} s={s} tipTitle={(id) => (id == 'find-invoice' ? 'Looking for an invoice?' : undefined)} />);
    expect(el.querySelector('details')!.open).toBe(true);
    expect(el.querySelector('summary')!.textContent).toBe(s.trail);
    const sections = [...el.querySelectorAll('h3')].map((h3) => [h3.textContent, [...h3.nextElementSibling!.querySelectorAll('li')].map((li) => li.textContent)]);
    expect(sections).toEqual([
      [s.screens, ['/invoices', '/invoices/:id']],
      [s.signals, ['screen_cycling · /invoices']],
      [s.errors, ['GET /api/invoices 500']],
      [s.tips, ['Looking for an invoice? · unhelpful']],
      [s.articles, ['Finding invoices', 'a2']],
    ]);
  });

  it('says so when a kind is empty', async () => {
    const el = await renderInto(<TrailView trail={emptyTrail()} s={s} tipTitle={() => undefined} />);
    expect([...el.querySelectorAll('p')].map((p) => p.textContent)).toEqual(Array(5).fill(s.none));
  });
});
