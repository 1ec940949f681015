import { describe, it, expect } from 'vitest';
import { createHelpSeekingDetector, HELP_REOPEN_DEDUPE_MS, HELP_SEEKING_DEFAULTS } from './helpSeeking';

type Open = [at: number, article: string];

const MIN = 60000;

/** Feeds the opens in order and returns, for each, the detail it fired with or null. */
function read(opens: Open[], d = createHelpSeekingDetector()) {
  return opens.map(([at, id]) => d.open(at, id)?.detail ?? null);
}

describe('help seeking', () => {
  it('fires on the third article opened within 30 minutes, at that open', () => {
    const d = createHelpSeekingDetector();
    expect(d.open(0, 'billing')).toBeNull();
    expect(d.open(5 * MIN, 'invoices')).toBeNull();
    expect(d.open(9 * MIN, 'export')).toEqual({
      at: 9 * MIN,
      detail: { opens: 3, articles: ['billing', 'invoices', 'export'], sameArticle: false },
    });
  });

  it('needs three opens of different articles, not two', () => {
    expect(read([[0, 'a'], [MIN, 'b']])).toEqual([null, null]);
  });

  it('counts opens within 1 800 000 ms, not 1 800 001 ms', () => {
    expect(read([[0, 'a'], [MIN, 'b'], [1800000, 'c']])[2]).toEqual({ opens: 3, articles: ['a', 'b', 'c'], sameArticle: false });
    expect(read([[0, 'a'], [MIN, 'b'], [1800001, 'c']])).toEqual([null, null, null]);
  });

  it('fires on the same article opened twice within 30 minutes, not 30 minutes and 1 ms', () => {
    expect(read([[0, 'a'], [1800000, 'a']])).toEqual([null, { opens: 2, articles: ['a'], sameArticle: true }]);
    expect(read([[0, 'a'], [1800001, 'a']])).toEqual([null, null]);
  });

  it('says sameArticle when a repeat completes the count', () => {
    expect(read([[0, 'a'], [MIN, 'b'], [2 * MIN, 'a']])[2]).toEqual({ opens: 3, articles: ['a', 'b'], sameArticle: true });
  });

  it('takes a reopen within 1000 ms as the same open (a double-click), and 1001 ms as a second look', () => {
    expect(HELP_REOPEN_DEDUPE_MS).toBe(1000);
    expect(read([[0, 'a'], [1000, 'a']])).toEqual([null, null]);
    expect(read([[0, 'a'], [1001, 'a']])).toEqual([null, { opens: 2, articles: ['a'], sameArticle: true }]);
    // The duplicate is not an open at all: it does not count towards three either.
    expect(read([[0, 'a'], [500, 'a'], [MIN, 'b']])).toEqual([null, null, null]);
  });

  it('fires once per episode while opens keep coming within the window of each other', () => {
    const everyTenMinutes: Open[] = Array.from({ length: 12 }, (_, i) => [i * 10 * MIN, `article-${i}`]);
    const results = read(everyTenMinutes);
    expect(results.filter(Boolean)).toEqual([
      { opens: 3, articles: ['article-0', 'article-1', 'article-2'], sameArticle: false },
    ]);
    expect(results[2]).not.toBeNull();
  });

  it('re-arms once 30 minutes pass without an open, and counts afresh', () => {
    const d = createHelpSeekingDetector();
    expect(read([[0, 'a'], [MIN, 'a']], d)[1]).not.toBeNull();
    // Still the episode at exactly the window after its last open.
    expect(read([[31 * MIN, 'b']], d)).toEqual([null]);
    // The episode's opens are spent: after the quiet window, one open is one open.
    expect(read([[31 * MIN + 1800001, 'a'], [62 * MIN, 'b']], d)).toEqual([null, null]);
    expect(read([[63 * MIN, 'c']], d)).toEqual([{ opens: 3, articles: ['a', 'b', 'c'], sameArticle: false }]);
  });

  it('honours custom thresholds', () => {
    const t = { windowMs: 10 * MIN, opens: 4, sameArticleOpens: 3 };
    expect(read([[0, 'a'], [MIN, 'b'], [2 * MIN, 'c']], createHelpSeekingDetector(t))).toEqual([null, null, null]);
    expect(read([[0, 'a'], [MIN, 'b'], [2 * MIN, 'c'], [10 * MIN, 'd']], createHelpSeekingDetector(t))[3]).toEqual({
      opens: 4,
      articles: ['a', 'b', 'c', 'd'],
      sameArticle: false,
    });
    expect(read([[0, 'a'], [MIN, 'b'], [2 * MIN, 'c'], [10 * MIN + 1, 'd']], createHelpSeekingDetector(t))).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(read([[0, 'a'], [MIN, 'a']], createHelpSeekingDetector(t))).toEqual([null, null]);
    expect(read([[0, 'x'], [MIN, 'x'], [2 * MIN, 'x']], createHelpSeekingDetector({ ...t, opens: 99 }))[2]).toEqual({
      opens: 3,
      articles: ['x'],
      sameArticle: true,
    });
  });

  it('has the design defaults', () => {
    expect(HELP_SEEKING_DEFAULTS).toEqual({ windowMs: 1800000, opens: 3, sameArticleOpens: 2 });
  });

  it('forgets everything on reset, episode included', () => {
    const d = createHelpSeekingDetector();
    read([[0, 'a'], [MIN, 'b']], d);
    d.reset();
    expect(read([[2 * MIN, 'c']], d)).toEqual([null]);
    read([[3 * MIN, 'x'], [4 * MIN, 'x']], d);
    d.reset();
    expect(read([[5 * MIN, 'y'], [6 * MIN, 'y']], d)).toEqual([null, { opens: 2, articles: ['y'], sameArticle: true }]);
  });

  describe('robustness', () => {
    it('ignores opens at non-finite times, leaving the state as it was', () => {
      const d = createHelpSeekingDetector();
      read([[0, 'a'], [MIN, 'b']], d);
      expect(d.open(NaN, 'c')).toBeNull();
      expect(d.open(-Infinity, 'd')).toBeNull();
      expect(d.open(2 * MIN, 'e')?.detail).toEqual({ opens: 3, articles: ['a', 'b', 'e'], sameArticle: false });
    });

    it('takes negative times as times', () => {
      expect(read([[-3 * MIN, 'a'], [-2 * MIN, 'b'], [-MIN, 'c']])[2]).toEqual({ opens: 3, articles: ['a', 'b', 'c'], sameArticle: false });
    });

    it('drops opens from the future when the clock goes back', () => {
      expect(read([[10 * MIN, 'a'], [11 * MIN, 'b'], [MIN, 'c']])).toEqual([null, null, null]);
    });

    it('does not fire again on the episode\'s own opens when the clock goes back mid-episode', () => {
      expect(read([[0, 'a'], [10 * MIN, 'b'], [20 * MIN, 'c'], [15 * MIN, 'd'], [16 * MIN, 'e']])).toEqual([
        null,
        null,
        { opens: 3, articles: ['a', 'b', 'c'], sameArticle: false },
        null,
        null,
      ]);
    });

    it('never fires with NaN thresholds and does not throw on absurd ones', () => {
      const opens: Open[] = [[0, 'a'], [MIN, 'a'], [2 * MIN, 'b'], [3 * MIN, 'c']];
      for (const t of [
        { windowMs: NaN, opens: 3, sameArticleOpens: 2 },
        { windowMs: 1800000, opens: NaN, sameArticleOpens: NaN },
        { windowMs: -1, opens: 3, sameArticleOpens: 2 },
        { windowMs: Infinity, opens: Infinity, sameArticleOpens: Infinity },
        { windowMs: 1800000, opens: 1e308, sameArticleOpens: 1e308 },
      ]) {
        expect(read(opens, createHelpSeekingDetector(t))).toEqual([null, null, null, null]);
      }
    });

    it('keeps working over a long session with an endless window', () => {
      const d = createHelpSeekingDetector({ windowMs: Infinity, opens: Infinity, sameArticleOpens: Infinity });
      for (let i = 0; i < 20000; i++) expect(d.open(i * 2000, `a${i}`)).toBeNull();
    });
  });
});

describe('help seeking, duplicates', () => {
  it('takes a reopen within 1000 ms as a duplicate even with another article opened in between', () => {
    expect(read([[0, 'a'], [300, 'b'], [600, 'a'], [MIN, 'c']])).toEqual([
      null,
      null,
      null,
      { opens: 3, articles: ['a', 'b', 'c'], sameArticle: false },
    ]);
  });
});
