import { describe, it, expect } from 'vitest';
import { createDeadClickDetector, DEAD_CLICK_DEFAULTS, type ActivityKind } from './deadClick';
import type { ClickInput, ElementInfo } from './types';

const target = (label = 'Save', more: Partial<ElementInfo> = {}): ElementInfo => ({
  tag: 'button',
  label,
  actionable: true,
  key: `button:${label}`,
  ...more,
});

const click = (at: number, t = target(), modifier = false): ClickInput => ({ at, x: 10, y: 10, target: t, modifier });

const dead = (at: number, label = 'Save', clicks = 1) => ({ at, detail: { label, clicks } });

describe('dead click', () => {
  it('reports a click with no activity once its 2500 ms have fully passed, once', () => {
    const d = createDeadClickDetector();
    expect(d.nextDeadline()).toBeNull();
    expect(d.click(click(1000))).toBe(true);
    expect(d.nextDeadline()).toBe(3501);
    expect(d.tick(3499)).toEqual([]);
    expect(d.tick(3500)).toEqual([]);
    expect(d.tick(3501)).toEqual([dead(1000)]);
    expect(d.tick(10000)).toEqual([]);
    expect(d.nextDeadline()).toBeNull();
  });

  it('is answered by activity at 2499 ms and 2500 ms, not at 2501 ms', () => {
    for (const [after, expected] of [
      [2499, []],
      [2500, []],
      [2501, [dead(0)]],
    ] as const) {
      const d = createDeadClickDetector();
      d.click(click(0));
      d.activity({ at: after, kind: 'mutation' });
      expect(d.tick(5000)).toEqual(expected);
    }
  });

  it('is answered by activity in the same millisecond as the click, not by activity before it', () => {
    const same = createDeadClickDetector();
    same.click(click(100));
    same.activity({ at: 100, kind: 'mutation' });
    expect(same.tick(5000)).toEqual([]);

    const before = createDeadClickDetector();
    before.click(click(100));
    before.activity({ at: 99, kind: 'mutation' });
    expect(before.tick(5000)).toEqual([dead(100)]);
  });

  it('judges activity by its time, not by when it is reported', () => {
    const d = createDeadClickDetector();
    d.click(click(0));
    // A network entry observed late but stamped inside the wait still answers the click.
    d.activity({ at: 2400, kind: 'network' });
    expect(d.tick(2600)).toEqual([]);
  });

  const kinds: ActivityKind[] = ['mutation', 'navigation', 'scroll', 'selection', 'focus', 'dialog', 'network'];
  for (const kind of kinds) {
    it(`is answered by ${kind}`, () => {
      const d = createDeadClickDetector();
      d.click(click(0));
      d.activity({ at: 1000, kind });
      expect(d.tick(5000)).toEqual([]);
      expect(d.nextDeadline()).toBeNull();
    });
  }

  it('is not answered by focus landing on the clicked element itself', () => {
    const d = createDeadClickDetector();
    d.click(click(0));
    d.activity({ at: 10, kind: 'focus', onTarget: true });
    expect(d.tick(2501)).toEqual([dead(0)]);
  });

  it('is not answered by the collapsed caret the click placed', () => {
    const d = createDeadClickDetector();
    d.click(click(0));
    d.activity({ at: 10, kind: 'selection', collapsedCaret: true });
    expect(d.tick(2501)).toEqual([dead(0)]);
  });

  it('reads onTarget only for focus and collapsedCaret only for selection', () => {
    const a = createDeadClickDetector();
    a.click(click(0));
    a.activity({ at: 10, kind: 'mutation', onTarget: true });
    expect(a.tick(2501)).toEqual([]);

    const b = createDeadClickDetector();
    b.click(click(0));
    b.activity({ at: 10, kind: 'focus', collapsedCaret: true });
    expect(b.tick(2501)).toEqual([]);

    const c = createDeadClickDetector();
    c.click(click(0));
    c.activity({ at: 10, kind: 'focus', onTarget: false });
    expect(c.tick(2501)).toEqual([]);
  });

  describe('does not wait on clicks that rightly show nothing here', () => {
    const cases: Array<[string, ClickInput]> = [
      ['a non-actionable element', click(0, target('Some text', { tag: 'p', actionable: false }))],
      ['a target=_blank link', click(0, target('Docs', { tag: 'a', opensElsewhere: true }))],
      ['a download link', click(0, target('report.pdf', { tag: 'a', opensElsewhere: true }))],
      ['a [data-forestall-ignore] element', click(0, target('Save', { ignored: true }))],
      ['a click with a modifier key', click(0, target(), true)],
    ];
    for (const [name, c] of cases) {
      it(name, () => {
        const d = createDeadClickDetector();
        expect(d.click(c)).toBe(false);
        expect(d.nextDeadline()).toBeNull();
        expect(d.tick(10000)).toEqual([]);
      });
    }
  });

  it('joins repeated clicks on the same pending target and counts them; the first click decides', () => {
    const d = createDeadClickDetector();
    expect(d.click(click(0))).toBe(true);
    expect(d.click(click(1000))).toBe(true);
    expect(d.click(click(2500))).toBe(true);
    expect(d.nextDeadline()).toBe(2501);
    expect(d.tick(2501)).toEqual([dead(0, 'Save', 3)]);
    expect(d.nextDeadline()).toBeNull();
  });

  it('lets one activity answer a click and its repeats', () => {
    const d = createDeadClickDetector();
    d.click(click(0));
    d.click(click(1000));
    d.activity({ at: 1200, kind: 'dialog' });
    expect(d.tick(10000)).toEqual([]);
  });

  it('starts a new wait for a repeat after the first wait ran out, even before the tick', () => {
    const d = createDeadClickDetector();
    d.click(click(0));
    d.click(click(2501));
    expect(d.tick(5002)).toEqual([dead(0), dead(2501)]);
  });

  it('keeps clicks on different targets apart', () => {
    const d = createDeadClickDetector();
    d.click(click(0, target('Save')));
    d.click(click(1000, target('Cancel')));
    expect(d.nextDeadline()).toBe(2501);
    // Activity at 2600 is too late for Save (0–2500) but answers Cancel (1000–3500).
    d.activity({ at: 2600, kind: 'mutation' });
    expect(d.tick(2500)).toEqual([]);
    expect(d.tick(2501)).toEqual([dead(0, 'Save')]);
    expect(d.tick(10000)).toEqual([]);
  });

  it('reports several dead clicks in one tick, oldest first', () => {
    const d = createDeadClickDetector();
    d.click(click(0, target('A')));
    d.click(click(100, target('B')));
    expect(d.tick(2601)).toEqual([dead(0, 'A'), dead(100, 'B')]);
  });

  it('honours a custom wait', () => {
    const d = createDeadClickDetector({ waitMs: 100 });
    d.click(click(0));
    expect(d.nextDeadline()).toBe(101);
    expect(d.tick(100)).toEqual([]);
    expect(d.tick(101)).toEqual([dead(0)]);

    const e = createDeadClickDetector({ waitMs: 100 });
    e.click(click(0));
    e.activity({ at: 101, kind: 'scroll' });
    expect(e.tick(101)).toEqual([dead(0)]);
  });

  it('uses the defaults when given none', () => {
    expect(DEAD_CLICK_DEFAULTS).toEqual({ waitMs: 2500 });
  });

  it('forgets pending clicks on reset', () => {
    const d = createDeadClickDetector();
    d.click(click(0));
    d.reset();
    expect(d.nextDeadline()).toBeNull();
    expect(d.tick(10000)).toEqual([]);
  });

  describe('robustness', () => {
    it('ignores a click at a non-finite time', () => {
      const d = createDeadClickDetector();
      expect(d.click(click(NaN))).toBe(false);
      expect(d.click(click(Infinity))).toBe(false);
      expect(d.nextDeadline()).toBeNull();
    });

    it('ignores activity and ticks at non-finite times, leaving pending clicks as they were', () => {
      const d = createDeadClickDetector();
      d.click(click(0));
      d.activity({ at: NaN, kind: 'mutation' });
      expect(d.tick(NaN)).toEqual([]);
      expect(d.tick(-Infinity)).toEqual([]);
      expect(d.nextDeadline()).toBe(2501);
      expect(d.tick(2501)).toEqual([dead(0)]);
    });

    it('takes negative times as times and does not report a tick from before the click', () => {
      const d = createDeadClickDetector();
      d.click(click(-5000));
      expect(d.tick(-6000)).toEqual([]);
      expect(d.tick(-2499)).toEqual([dead(-5000)]);
    });

    it('never fires nor arms a timer with a NaN or infinite wait', () => {
      for (const waitMs of [NaN, Infinity]) {
        const d = createDeadClickDetector({ waitMs });
        expect(d.click(click(0))).toBe(true);
        expect(d.nextDeadline()).toBeNull();
        expect(d.tick(1e15)).toEqual([]);
      }
    });

    it('does not throw on a negative wait', () => {
      const d = createDeadClickDetector({ waitMs: -10 });
      expect(d.click(click(0))).toBe(true);
      expect(d.tick(0)).toEqual([dead(0)]);
    });

    it('keeps at most 20 clicks pending when nobody ticks, dropping the oldest', () => {
      const d = createDeadClickDetector();
      for (let i = 0; i < 25; i++) d.click(click(i, target(`B${i}`)));
      const out = d.tick(1e6);
      expect(out).toHaveLength(20);
      expect(out[0]).toEqual(dead(5, 'B5'));
    });
  });
});

describe('dead click, more', () => {
  it('gives the earliest deadline even when clicks arrive out of order', () => {
    const d = createDeadClickDetector();
    d.click(click(5000, target('A')));
    d.click(click(1000, target('B')));
    expect(d.nextDeadline()).toBe(3501);
    expect(d.tick(3501)).toEqual([dead(1000, 'B')]);
    expect(d.nextDeadline()).toBe(7501);
  });
});
