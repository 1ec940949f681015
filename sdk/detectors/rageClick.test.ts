import { describe, it, expect } from 'vitest';
import { createRageClickDetector, RAGE_CLICK_DEFAULTS } from './rageClick';
import type { ClickInput, ElementInfo } from './types';

const button = (label = 'Save', more: Partial<ElementInfo> = {}): ElementInfo => ({
  tag: 'button',
  label,
  actionable: true,
  key: 'main > button',
  ...more,
});

const click = (at: number, x = 100, y = 100, target = button(), modifier = false): ClickInput => ({
  at,
  x,
  y,
  target,
  modifier,
});

/** Feeds the clicks in order and returns, for each, the detail it fired with or null. */
function run(clicks: ClickInput[], t = RAGE_CLICK_DEFAULTS) {
  const d = createRageClickDetector(t);
  return clicks.map((c) => d.click(c)?.detail ?? null);
}

const FIRED = { clicks: 3, label: 'Save' };

describe('rage click', () => {
  it('fires on the third quick click on one spot, at that click', () => {
    const d = createRageClickDetector();
    expect(d.click(click(0))).toBeNull();
    expect(d.click(click(200))).toBeNull();
    expect(d.click(click(400))).toEqual({ at: 400, detail: { clicks: 3, label: 'Save' } });
  });

  it('needs three clicks, not two', () => {
    expect(run([click(0), click(100)])).toEqual([null, null]);
  });

  it('accepts 1000 ms between clicks and not 1001 ms', () => {
    expect(run([click(0), click(1000), click(2000)])).toEqual([null, null, FIRED]);
    expect(run([click(0), click(1000), click(2001)])).toEqual([null, null, null]);
  });

  it('starts a new chain after a gap, which can fire on its own', () => {
    expect(run([click(0), click(500), click(1501), click(1600), click(1700)])).toEqual([null, null, null, null, FIRED]);
  });

  it('accepts 30 px (|dx|+|dy|) from the previous click and not 31 px', () => {
    expect(run([click(0, 100, 100), click(100, 120, 110), click(200, 100, 100)])).toEqual([null, null, FIRED]);
    expect(run([click(0, 100, 100), click(100, 120, 111), click(200, 120, 111)])).toEqual([null, null, null]);
    expect(run([click(0, 100, 100), click(100, 100, 100), click(200, 131, 100)])).toEqual([null, null, null]);
  });

  it('measures the distance from the previous click, so a chain may drift', () => {
    expect(run([click(0, 0, 0), click(100, 30, 0), click(200, 60, 0)])).toEqual([null, null, FIRED]);
  });

  it('fires once per chain', () => {
    expect(run([click(0), click(100), click(200), click(300), click(400), click(500)])).toEqual([
      null,
      null,
      FIRED,
      null,
      null,
      null,
    ]);
  });

  it('fires again after a gap or a jump starts a new chain', () => {
    const afterGap = [click(0), click(100), click(200), click(300), click(1301), click(1400), click(1500)];
    expect(run(afterGap)).toEqual([null, null, FIRED, null, null, null, FIRED]);
    const afterJump = [click(0), click(100), click(200), click(300, 200, 100), click(400, 200, 100), click(500, 200, 100)];
    expect(run(afterJump)).toEqual([null, null, FIRED, null, null, FIRED]);
  });

  it('breaks the chain when the clock goes back', () => {
    expect(run([click(1000), click(1100), click(900)])).toEqual([null, null, null]);
  });

  it('reports the label of the click that completed the chain', () => {
    const clicks = [click(0, 100, 100, button('Sav')), click(100), click(200, 100, 100, button('Save all'))];
    expect(run(clicks)).toEqual([null, null, { clicks: 3, label: 'Save all' }]);
  });

  describe('never on text inputs and other controls clicked repeatedly on purpose', () => {
    const excluded: Array<[string, ElementInfo]> = [
      ...['text', 'email', 'password', 'search', 'tel', 'url', 'number', 'date', 'datetime-local', 'month', 'week', 'time', 'range', 'some-future-type'].map(
        (type): [string, ElementInfo] => [`input type=${type}`, button('', { tag: 'input', inputType: type })],
      ),
      ['input without a type', button('', { tag: 'input' })],
      ['textarea', button('', { tag: 'textarea' })],
      ['select', button('Country', { tag: 'select' })],
      ['contenteditable', button('Notes', { tag: 'div', editable: true })],
      ['[data-forestall-ignore]', button('Save', { ignored: true })],
      ['role=textbox', button('', { tag: 'div', role: 'textbox' })],
      ['role=searchbox', button('', { tag: 'div', role: 'searchbox' })],
      ['role=spinbutton', button('3', { tag: 'div', role: 'spinbutton' })],
      ['role=slider', button('', { tag: 'div', role: 'slider' })],
    ];
    for (const [name, target] of excluded) {
      it(name, () => {
        expect(run([click(0, 100, 100, target), click(100, 100, 100, target), click(200, 100, 100, target)])).toEqual([
          null,
          null,
          null,
        ]);
      });
    }

    for (const type of ['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'file', 'color']) {
      it(`but on input type=${type}`, () => {
        const target = button('Go', { tag: 'input', inputType: type });
        expect(run([click(0, 100, 100, target), click(100, 100, 100, target), click(200, 100, 100, target)])).toEqual([
          null,
          null,
          { clicks: 3, label: 'Go' },
        ]);
      });
    }
  });

  describe('never on pager and stepper controls', () => {
    const labels = [
      'next',
      'previous',
      'prev',
      '>',
      '<',
      '+',
      '-', // hyphen-minus
      '−', // U+2212 minus sign
      '–', // U+2013 en dash
      '›',
      '‹',
      '»',
      '«',
      '→',
      '←',
      'next page',
      'previous page',
      'Go to next page',
      'Go to previous page',
      '« Previous',
      'Next ›',
      'Next >',
      // case and whitespace variants
      'NEXT',
      'Next',
      'PrEvIoUs',
      'Prev',
      '  next  ',
      '\n\tprevious\n',
      ' + ',
      '\t−\n',
      'Next   Page',
    ];
    for (const label of labels) {
      it(JSON.stringify(label), () => {
        const target = button(label);
        expect(run([click(0, 100, 100, target), click(100, 100, 100, target), click(200, 100, 100, target)])).toEqual([
          null,
          null,
          null,
        ]);
      });
    }

    it('whose aria-label says so when the text does not', () => {
      for (const [label, ariaLabel] of [['Load more', 'Next'], ['>>', 'Go to next page'], ['1', '−']]) {
        const target = button(label, { ariaLabel });
        expect(run([click(0, 100, 100, target), click(100, 100, 100, target), click(200, 100, 100, target)])).toEqual([
          null,
          null,
          null,
        ]);
      }
    });

    it('but on a control whose aria-label is not a pager word either', () => {
      const target = button('Load more', { ariaLabel: 'Load more results' });
      expect(run([click(0, 100, 100, target), click(100, 100, 100, target), click(200, 100, 100, target)])).toEqual([
        null,
        null,
        { clicks: 3, label: 'Load more' },
      ]);
    });

    for (const label of ['Next step', 'Add +1 seat', '++', '+ Add', 'Prevent', 'Save', '']) {
      it(`but on a label that only contains one: ${JSON.stringify(label)}`, () => {
        const target = button(label);
        expect(run([click(0, 100, 100, target), click(100, 100, 100, target), click(200, 100, 100, target)])).toEqual([
          null,
          null,
          { clicks: 3, label },
        ]);
      });
    }
  });

  it('lets an excluded click end the chain', () => {
    const input = button('', { tag: 'input', inputType: 'text' });
    expect(run([click(0), click(100), click(200, 100, 100, input), click(300)])).toEqual([null, null, null, null]);
    expect(run([click(0), click(100), click(200, 100, 100, input), click(300), click(400), click(500)])).toEqual([
      null,
      null,
      null,
      null,
      null,
      FIRED,
    ]);
  });

  it('ignores clicks with modifier keys, which are deliberate, and lets them end the chain', () => {
    expect(run([click(0, 100, 100, button(), true), click(100, 100, 100, button(), true), click(200, 100, 100, button(), true)])).toEqual([
      null,
      null,
      null,
    ]);
    expect(run([click(0), click(100), click(200, 100, 100, button(), true), click(300)])).toEqual([null, null, null, null]);
  });

  it('honours custom thresholds', () => {
    const t = { clicks: 5, intervalMs: 200, radiusPx: 5 };
    const five = [0, 200, 400, 600, 800].map((at) => click(at));
    expect(run(five, t)).toEqual([null, null, null, null, { clicks: 5, label: 'Save' }]);
    expect(run(five.slice(0, 4), t)).toEqual([null, null, null, null]);
    expect(run([click(0), click(200), click(400), click(601), click(800)], t)).toEqual([null, null, null, null, null]);
    expect(run([click(0), click(100), click(200), click(300), click(400, 106, 100)], t)).toEqual([null, null, null, null, null]);
    expect(run([click(0), click(100), click(200), click(300), click(400, 105, 100)], t)).toEqual([
      null,
      null,
      null,
      null,
      { clicks: 5, label: 'Save' },
    ]);
  });

  it('forgets the chain on reset', () => {
    const d = createRageClickDetector();
    d.click(click(0));
    d.click(click(100));
    d.reset();
    expect(d.click(click(200))).toBeNull();
    expect(d.click(click(300))).toBeNull();
    expect(d.click(click(400))?.detail).toEqual(FIRED);
  });

  describe('robustness', () => {
    it('ignores clicks with non-finite time or position and keeps the chain as it was', () => {
      const d = createRageClickDetector();
      expect(d.click(click(0))).toBeNull();
      expect(d.click(click(100))).toBeNull();
      expect(d.click(click(NaN))).toBeNull();
      expect(d.click(click(Infinity))).toBeNull();
      expect(d.click(click(150, NaN, 100))).toBeNull();
      expect(d.click(click(150, 100, -Infinity))).toBeNull();
      expect(d.click(click(200))?.detail).toEqual(FIRED);
    });

    it('takes negative times as times (only differences matter)', () => {
      expect(run([click(-3000), click(-2500), click(-2000)])).toEqual([null, null, FIRED]);
    });

    it('never fires with NaN thresholds and does not throw on absurd ones', () => {
      const clicks = [click(0), click(1), click(2), click(3)];
      expect(run(clicks, { clicks: NaN, intervalMs: 1000, radiusPx: 30 })).toEqual([null, null, null, null]);
      expect(run(clicks, { clicks: 3, intervalMs: NaN, radiusPx: 30 })).toEqual([null, null, null, null]);
      expect(run(clicks, { clicks: 3, intervalMs: 1000, radiusPx: NaN })).toEqual([null, null, null, null]);
      expect(run(clicks, { clicks: 3, intervalMs: -1, radiusPx: -1 })).toEqual([null, null, null, null]);
      expect(run(clicks, { clicks: Infinity, intervalMs: Infinity, radiusPx: Infinity })).toEqual([null, null, null, null]);
      expect(run(clicks, { clicks: 1e308, intervalMs: 1e308, radiusPx: 1e308 })).toEqual([null, null, null, null]);
    });

    it('copes with a missing label', () => {
      const target = { tag: 'button', actionable: true, key: 'b' } as unknown as ElementInfo;
      expect(run([click(0, 0, 0, target), click(1, 0, 0, target), click(2, 0, 0, target)])).toEqual([
        null,
        null,
        { clicks: 3, label: '' },
      ]);
    });

    it('keeps working over a long session', () => {
      const d = createRageClickDetector();
      let fired = 0;
      for (let i = 0; i < 30000; i++) if (d.click(click(i * 400, (i % 3) * 40, 0))) fired++;
      expect(fired).toBe(0);
      for (let i = 0; i < 300; i++) if (d.click(click(1e7 + i * 2000, 0, 0))) fired++;
      expect(fired).toBe(0);
      expect([d.click(click(2e7)), d.click(click(2e7 + 1)), d.click(click(2e7 + 2))?.detail]).toEqual([null, null, FIRED]);
    });
  });
});

describe('rage click, more exclusions', () => {
  it('reads a text role even on an input of an action type, and an action type whatever its label case', () => {
    const slider = button('', { tag: 'input', inputType: 'checkbox', role: 'slider' });
    expect(run([click(0, 0, 0, slider), click(1, 0, 0, slider), click(2, 0, 0, slider)])).toEqual([null, null, null]);
    const pagerInput = button('Next', { tag: 'input', inputType: 'submit' });
    expect(run([click(0, 0, 0, pagerInput), click(1, 0, 0, pagerInput), click(2, 0, 0, pagerInput)])).toEqual([null, null, null]);
  });
});
