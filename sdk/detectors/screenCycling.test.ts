import { describe, it, expect } from 'vitest';
import { createScreenCyclingDetector, SCREEN_CYCLING_DEFAULTS } from './screenCycling';

type Step = [at: number, screen: string];

/** Feeds the visits in order and returns, for each, the detail it fired with or null. */
function walk(steps: Step[], d = createScreenCyclingDetector()) {
  return steps.map(([at, screen]) => d.visit(at, screen)?.detail ?? null);
}

/** Visits the screens in turn, `every` ms apart, starting at `from`. */
const steps = (screens: string, every = 5000, from = 0): Step[] =>
  screens.split(' ').map((s, i) => [from + i * every, s]);

const nulls = (n: number) => Array<null>(n).fill(null);

describe('screen cycling', () => {
  it('fires on A→B→A→B→A: three returns among two screens', () => {
    const d = createScreenCyclingDetector();
    const results = steps('A B A B').map(([at, s]) => d.visit(at, s));
    expect(results).toEqual(nulls(4));
    expect(d.visit(20000, 'A')).toEqual({
      at: 20000,
      detail: { returns: 3, screens: ['A', 'B'], medianDwellMs: 5000 },
    });
  });

  it('needs three returns, not two', () => {
    expect(walk(steps('A B A B'))).toEqual(nulls(4));
  });

  it('does not fire on list→item 1→list→item 2→list→item 3→list (four screens)', () => {
    expect(walk(steps('list item1 list item2 list item3 list item4 list', 2000))).toEqual(nulls(9));
  });

  it('fires among three screens and not among four', () => {
    expect(walk(steps('A B C A B C'))).toEqual([
      ...nulls(5),
      { returns: 3, screens: ['A', 'B', 'C'], medianDwellMs: 5000 },
    ]);
    expect(walk(steps('A B C D A B C D A B C D'))).toEqual(nulls(12));
  });

  it('looks only at the latest run among at most three screens', () => {
    // X and Y are where the user came from; the loop is Z, A and B.
    expect(walk(steps('X Y Z A B A B A'))).toEqual([
      ...nulls(7),
      { returns: 3, screens: ['Z', 'A', 'B'], medianDwellMs: 5000 },
    ]);
  });

  it('needs a median visit under 20 s: 19 999 ms fires, 20 000 ms does not', () => {
    expect(walk(steps('A B A B A', 19999))[4]).toEqual({ returns: 3, screens: ['A', 'B'], medianDwellMs: 19999 });
    expect(walk(steps('A B A B A', 20000))).toEqual(nulls(5));
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    // Dwells 1000, 1000, 38 998, 39 000 → median 19 999; with 39 000, 39 000 → 20 000.
    expect(walk([[0, 'A'], [1000, 'B'], [2000, 'A'], [40998, 'B'], [79998, 'A']])[4]).toEqual({
      returns: 3,
      screens: ['A', 'B'],
      medianDwellMs: 19999,
    });
    expect(walk([[0, 'A'], [1000, 'B'], [2000, 'A'], [41000, 'B'], [80000, 'A']])).toEqual(nulls(5));
  });

  it('does not count the current, unfinished visit as a dwell', () => {
    // Finished dwells 19 000, 19 000, 21 000, 21 000: median 20 000. Counting the current visit as 0 would make it 19 000.
    expect(walk([[0, 'A'], [19000, 'B'], [38000, 'A'], [59000, 'B'], [80000, 'A']])).toEqual(nulls(5));
  });

  it('counts only visits within 3 minutes: 180 000 ms apart is inside, 180 001 ms is not', () => {
    const loop: Step[] = [[0, 'A'], [1000, 'B'], [2000, 'A'], [3000, 'B']];
    expect(walk([...loop, [180000, 'A']])[4]).toEqual({ returns: 3, screens: ['A', 'B'], medianDwellMs: 1000 });
    expect(walk([...loop, [180001, 'A']])).toEqual(nulls(5));
  });

  it('treats the same screen twice in a row as no navigation', () => {
    expect(walk([[0, 'A'], [10, 'A'], [1000, 'B'], [1500, 'B'], [2000, 'A'], [3000, 'B'], [3001, 'B'], [4000, 'A']])).toEqual([
      ...nulls(7),
      { returns: 3, screens: ['A', 'B'], medianDwellMs: 1000 },
    ]);
  });

  it('fires once per episode while the user stays among those screens', () => {
    const results = walk(steps('A B A B A B A B A B A B A B A B A B A B A B A B A B A B A B A B A B A B A B A B', 10000));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(results[4]).not.toBeNull();
  });

  it('re-arms when the user leaves the episode for another screen', () => {
    expect(walk(steps('A B A B A B C A C A C'))).toEqual([
      ...nulls(4),
      { returns: 3, screens: ['A', 'B'], medianDwellMs: 5000 },
      ...nulls(5),
      { returns: 3, screens: ['C', 'A'], medianDwellMs: 5000 },
    ]);
  });

  it('re-arms when more than the window passes between visits, and counts afresh', () => {
    const d = createScreenCyclingDetector();
    expect(walk(steps('A B A B A'), d)[4]).not.toBeNull();
    // 20 000 + 180 000 is still the episode.
    expect(walk([[200000, 'B']], d)).toEqual([null]);
    // 180 001 ms after that: a new start, which needs three new returns.
    expect(walk(steps('A B A B A', 5000, 380001), d)).toEqual([
      ...nulls(4),
      { returns: 3, screens: ['A', 'B'], medianDwellMs: 5000 },
    ]);
  });

  it('honours custom thresholds', () => {
    const t = { windowMs: 10000, returns: 1, maxScreens: 2, maxMedianDwellMs: 1000 };
    expect(walk([[0, 'A'], [500, 'B'], [1000, 'A']], createScreenCyclingDetector(t))[2]).toEqual({
      returns: 1,
      screens: ['A', 'B'],
      medianDwellMs: 500,
    });
    expect(walk([[0, 'A'], [1000, 'B'], [2000, 'A']], createScreenCyclingDetector(t))).toEqual(nulls(3));
    expect(walk([[0, 'A'], [100, 'B'], [200, 'C'], [300, 'A']], createScreenCyclingDetector(t))).toEqual(nulls(4));
    expect(walk([[0, 'A'], [100, 'B'], [10101, 'A']], createScreenCyclingDetector(t))).toEqual(nulls(3));
  });

  it('has the design defaults', () => {
    expect(SCREEN_CYCLING_DEFAULTS).toEqual({ windowMs: 180000, returns: 3, maxScreens: 3, maxMedianDwellMs: 20000 });
  });

  it('forgets everything on reset', () => {
    const d = createScreenCyclingDetector();
    walk(steps('A B A B'), d);
    d.reset();
    expect(walk(steps('A', 0, 20000), d)).toEqual([null]);
    expect(walk(steps('B A B A', 5000, 25000), d)[3]).toEqual({ returns: 3, screens: ['A', 'B'], medianDwellMs: 5000 });
  });

  it('does not hand out its own state in the detail', () => {
    const d = createScreenCyclingDetector();
    const fired = walk(steps('A B A B A'), d)[4] as { screens: string[] };
    fired.screens.push('C');
    // Had the episode taken C in, this visit would not end it and the next loop would stay silent.
    expect(walk(steps('C A C A C', 5000, 25000), d)[4]).toEqual({ returns: 3, screens: ['C', 'A'], medianDwellMs: 5000 });
  });

  describe('robustness', () => {
    it('ignores visits at non-finite times, leaving the state as it was', () => {
      const d = createScreenCyclingDetector();
      walk(steps('A B A B'), d);
      expect(d.visit(NaN, 'C')).toBeNull();
      expect(d.visit(Infinity, 'A')).toBeNull();
      expect(d.visit(20000, 'A')?.detail).toEqual({ returns: 3, screens: ['A', 'B'], medianDwellMs: 5000 });
    });

    it('takes negative times as times', () => {
      expect(walk(steps('A B A B A', 5000, -100000))[4]).toEqual({ returns: 3, screens: ['A', 'B'], medianDwellMs: 5000 });
    });

    it('starts afresh when the clock goes back', () => {
      expect(walk([[100000, 'A'], [101000, 'B'], [102000, 'A'], [103000, 'B'], [1000, 'A'], [2000, 'B']])).toEqual(nulls(6));
    });

    it('never fires with NaN thresholds and does not throw on absurd ones', () => {
      const loop = steps('A B A B A B A');
      for (const t of [
        { windowMs: NaN, returns: 3, maxScreens: 3, maxMedianDwellMs: 20000 },
        { windowMs: 180000, returns: NaN, maxScreens: 3, maxMedianDwellMs: 20000 },
        { windowMs: 180000, returns: 3, maxScreens: NaN, maxMedianDwellMs: 20000 },
        { windowMs: 180000, returns: 3, maxScreens: 3, maxMedianDwellMs: NaN },
        { windowMs: -1, returns: 3, maxScreens: 3, maxMedianDwellMs: 20000 },
        { windowMs: 180000, returns: 3, maxScreens: 0, maxMedianDwellMs: 20000 },
        { windowMs: 180000, returns: 3, maxScreens: 3, maxMedianDwellMs: -1 },
      ]) {
        expect(walk(loop, createScreenCyclingDetector(t))).toEqual(nulls(7));
      }
      const zero = { windowMs: 180000, returns: 0, maxScreens: 3, maxMedianDwellMs: 20000 };
      expect(walk([[0, 'A']], createScreenCyclingDetector(zero))).toEqual([null]);
      const huge = { windowMs: Infinity, returns: 1e308, maxScreens: Infinity, maxMedianDwellMs: Infinity };
      expect(walk(loop, createScreenCyclingDetector(huge))).toEqual(nulls(7));
    });

    it('keeps working over a long session with an endless window', () => {
      const t = { ...SCREEN_CYCLING_DEFAULTS, windowMs: Infinity, maxScreens: Infinity, returns: Infinity };
      const d = createScreenCyclingDetector(t);
      for (let i = 0; i < 20000; i++) expect(d.visit(i * 1000, `S${i % 7}`)).toBeNull();
    });
  });
});
