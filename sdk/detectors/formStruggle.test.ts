import { describe, it, expect } from 'vitest';
import {
  createFormStruggleDetector,
  FAILURE_AFTER_SUBMIT_MS,
  FORM_STRUGGLE_DEFAULTS,
  INVALID_BURST_MS,
} from './formStruggle';

type Step = ['submit' | 'invalid', number, string] | ['failure', number, string?];

const MIN = 60000;

/** Feeds the events in order and returns, for each, the detail it fired with or null. */
function run(events: Step[], d = createFormStruggleDetector()) {
  return events.map(([kind, at, form]) => d[kind](at, form as string)?.detail ?? null);
}

/** A submit the browser blocked: one `invalid` per bad field, in the same instant. */
const blocked = (at: number, form = 'signup', fields = 3): Step[] =>
  Array.from({ length: fields }, (): Step => ['invalid', at, form]);

/** A novalidate submit answered by a failure `after` ms later. */
const rejected = (at: number, form = 'signup', after = 300): Step[] => [
  ['submit', at, form],
  ['failure', at + after, form],
];

const fired = (form = 'signup', invalidSubmits = 3) => ({ form, invalidSubmits });

/** The results that are not null. */
const hits = (results: unknown[]) => results.filter(Boolean);

describe('form struggle', () => {
  it('fires on the third submit the browser blocks, at its first invalid event', () => {
    const d = createFormStruggleDetector();
    const before = run([...blocked(0), ...blocked(20000)], d);
    expect(before).toEqual([null, null, null, null, null, null]);
    expect(d.invalid(40000, 'signup')).toEqual({ at: 40000, detail: fired() });
    expect(d.invalid(40000, 'signup')).toBeNull();
  });

  it('needs three invalid submits, not two', () => {
    expect(hits(run([...blocked(0), ...blocked(MIN)]))).toEqual([]);
  });

  it('takes invalid events within 50 ms as one attempt, and 51 ms as two', () => {
    expect(INVALID_BURST_MS).toBe(50);
    expect(hits(run([['invalid', 0, 'f'], ['invalid', 50, 'f'], ['invalid', 1000, 'f'], ['invalid', 1050, 'f']]))).toEqual([]);
    expect(run([['invalid', 0, 'f'], ['invalid', 51, 'f'], ['invalid', 1000, 'f']])).toEqual([null, null, fired('f')]);
  });

  it('counts a novalidate submit answered by a failure within 2000 ms, not 2001 ms', () => {
    expect(FAILURE_AFTER_SUBMIT_MS).toBe(2000);
    expect(run([...rejected(0), ...rejected(MIN), ...rejected(2 * MIN, 'signup', 1999)])[5]).toEqual(fired());
    expect(run([...rejected(0), ...rejected(MIN), ...rejected(2 * MIN, 'signup', 2000)])[5]).toEqual(fired());
    expect(hits(run([...rejected(0), ...rejected(MIN), ...rejected(2 * MIN, 'signup', 2001)]))).toEqual([]);
  });

  it('does not count a failure before the submit', () => {
    expect(hits(run([...rejected(0), ...rejected(MIN), ['failure', 2 * MIN - 1, 'signup'], ['submit', 2 * MIN, 'signup']]))).toEqual([]);
  });

  it('does not count submits that nothing rejects', () => {
    expect(run([['submit', 0, 'f'], ['submit', 1000, 'f'], ['submit', 2000, 'f'], ['submit', 3000, 'f']])).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('counts one attempt once, however many failures answer it', () => {
    const answeredTwice = (at: number): Step[] => [
      ['submit', at, 'f'],
      ['failure', at + 200, 'f'],
      ['failure', at + 300],
      ['invalid', at + 400, 'f'],
    ];
    expect(hits(run([...answeredTwice(0), ...answeredTwice(MIN)]))).toEqual([]);
    expect(hits(run([...answeredTwice(0), ...answeredTwice(MIN), ...answeredTwice(2 * MIN)]))).toEqual([fired('f')]);
  });

  it('counts invalid events a script raises after the submit (reportValidity) as that attempt', () => {
    const validatedByScript = (at: number): Step[] => [['submit', at, 'f'], ['invalid', at + 5, 'f'], ['invalid', at + 6, 'f']];
    expect(run([...validatedByScript(0), ...validatedByScript(MIN), ...validatedByScript(2 * MIN)])).toEqual([
      ...[null, null, null],
      ...[null, null, null],
      ...[null, fired('f'), null],
    ]);
  });

  it('attributes a failure without a form to the latest submit', () => {
    const steps: Step[] = [
      ['submit', 0, 'a'],
      ['failure', 100],
      ['submit', MIN, 'b'],
      ['submit', MIN + 10, 'a'],
      ['failure', MIN + 100],
      ['submit', 2 * MIN, 'a'],
      ['failure', 2 * MIN + 100],
    ];
    expect(run(steps)).toEqual([null, null, null, null, null, null, fired('a')]);
    const bLast = (at: number): Step[] => [['submit', at, 'a'], ['submit', at + 10, 'b'], ['failure', at + 100]];
    expect(hits(run([...bLast(0), ...bLast(MIN), ...bLast(2 * MIN)]))).toEqual([fired('b')]);
  });

  it('ignores a failure with no submit to answer', () => {
    expect(run([['failure', 0], ['failure', 100, 'f'], ['submit', 1000, 'g'], ['failure', 1100, 'f']])).toEqual([null, null, null, null]);
  });

  it('counts a mix of blocked and rejected submits', () => {
    expect(run([...blocked(0, 'f', 1), ...rejected(MIN, 'f'), ...blocked(2 * MIN, 'f', 1)])).toEqual([null, null, null, fired('f')]);
  });

  it('counts submits within 300 000 ms, not 300 001 ms', () => {
    expect(run([...blocked(0, 'f', 1), ...blocked(150000, 'f', 1), ...blocked(300000, 'f', 1)])).toEqual([null, null, fired('f')]);
    expect(hits(run([...blocked(0, 'f', 1), ...blocked(150000, 'f', 1), ...blocked(300001, 'f', 1)]))).toEqual([]);
    // Measured from the submit, not from the failure that came 1.5 s later.
    expect(run([...rejected(0, 'f'), ...rejected(150000, 'f'), ...rejected(300000, 'f', 1500)])[5]).toEqual(fired('f'));
  });

  it('keeps forms apart', () => {
    expect(hits(run([...blocked(0, 'a'), ...blocked(1000, 'b'), ...blocked(2000, 'a'), ...blocked(3000, 'b')]))).toEqual([]);
  });

  it('fires once per episode per form, which lasts while invalid submits keep coming within the window', () => {
    const attempts = Array.from({ length: 10 }, (_, i) => blocked(i * 2 * MIN, 'f', 1)).flat();
    expect(hits(run(attempts))).toEqual([fired('f')]);
    const bothForms = [...blocked(0, 'a'), ...blocked(1000, 'a'), ...blocked(2000, 'a'), ...blocked(3000, 'b'), ...blocked(4000, 'b'), ...blocked(5000, 'b'), ...blocked(6000, 'a')];
    expect(hits(run(bothForms))).toEqual([fired('a'), fired('b')]);
  });

  it('re-arms after a whole window without an invalid submit, and counts afresh', () => {
    const d = createFormStruggleDetector();
    expect(hits(run([...blocked(0, 'f', 1), ...blocked(1000, 'f', 1), ...blocked(2000, 'f', 1)], d))).toEqual([fired('f')]);
    // Valid submits do not extend the episode, and do not count.
    expect(run([['submit', 100000, 'f'], ['submit', 200000, 'f']], d)).toEqual([null, null]);
    expect(run([...blocked(302001, 'f', 1), ...blocked(303000, 'f', 1)], d)).toEqual([null, null]);
    expect(run(blocked(304000, 'f', 1), d)).toEqual([fired('f')]);
  });

  it('still runs the episode at exactly the window after its last invalid submit', () => {
    expect(hits(run([...blocked(0, 'f', 1), ...blocked(1000, 'f', 1), ...blocked(2000, 'f', 1), ...blocked(302000, 'f', 1), ...blocked(303000, 'f', 1), ...blocked(304000, 'f', 1)]))).toEqual([fired('f')]);
  });

  it('never fires on a submit by itself', () => {
    const d = createFormStruggleDetector();
    run([...blocked(0, 'f', 1), ...blocked(1000, 'f', 1)], d);
    expect(d.submit(2000, 'f')).toBeNull();
    expect(d.failure(2100, 'f')).toEqual({ at: 2100, detail: fired('f') });
  });

  it('honours custom thresholds', () => {
    const t = { windowMs: MIN, invalidSubmits: 2 };
    expect(run([...blocked(0, 'f', 1), ...blocked(MIN, 'f', 1)], createFormStruggleDetector(t))).toEqual([null, fired('f', 2)]);
    expect(run([...blocked(0, 'f', 1), ...blocked(MIN + 1, 'f', 1)], createFormStruggleDetector(t))).toEqual([null, null]);
    const four = { windowMs: MIN, invalidSubmits: 4 };
    expect(hits(run([...blocked(0), ...blocked(100), ...blocked(200)], createFormStruggleDetector(four)))).toEqual([]);
    expect(hits(run([...blocked(0), ...blocked(100), ...blocked(200), ...blocked(300)], createFormStruggleDetector(four)))).toEqual([
      fired('signup', 4),
    ]);
  });

  it('has the design defaults', () => {
    expect(FORM_STRUGGLE_DEFAULTS).toEqual({ windowMs: 300000, invalidSubmits: 3 });
  });

  it('forgets everything on reset', () => {
    const d = createFormStruggleDetector();
    run([...blocked(0), ...blocked(1000), ['submit', 2000, 'signup']], d);
    d.reset();
    expect(run([['failure', 2100]], d)).toEqual([null]);
    expect(run([...blocked(3000, 'signup', 1)], d)).toEqual([null]);
  });

  describe('robustness', () => {
    it('ignores events at non-finite times, leaving the state as it was', () => {
      const d = createFormStruggleDetector();
      run([...blocked(0, 'f', 1), ...blocked(1000, 'f', 1), ['submit', 2000, 'f']], d);
      expect(run([['invalid', NaN, 'f'], ['submit', Infinity, 'f'], ['failure', NaN], ['failure', -Infinity, 'f']], d)).toEqual([
        null,
        null,
        null,
        null,
      ]);
      expect(run([['failure', 2100]], d)).toEqual([fired('f')]);
    });

    it('takes negative times as times', () => {
      expect(run([...blocked(-3000, 'f', 1), ...blocked(-2000, 'f', 1), ...rejected(-1000, 'f')])).toEqual([null, null, null, fired('f')]);
    });

    it('forgets attempts from the future when the clock goes back', () => {
      expect(hits(run([...blocked(100000, 'f', 1), ...blocked(101000, 'f', 1), ...blocked(1000, 'f', 1)]))).toEqual([]);
      expect(run([['submit', 100000, 'f'], ['failure', 1000]])).toEqual([null, null]);
    });

    it('never fires with NaN thresholds and does not throw on absurd ones', () => {
      const attempts: Step[] = [...blocked(0), ...rejected(1000), ...blocked(5000), ...blocked(6000)];
      for (const t of [
        { windowMs: NaN, invalidSubmits: 3 },
        { windowMs: 300000, invalidSubmits: NaN },
        { windowMs: -1e6, invalidSubmits: 3 },
        { windowMs: Infinity, invalidSubmits: Infinity },
        { windowMs: 1e308, invalidSubmits: 1e308 },
      ]) {
        expect(hits(run(attempts, createFormStruggleDetector(t)))).toEqual([]);
      }
    });

    it('keeps working with endless forms and an endless window', () => {
      const d = createFormStruggleDetector({ windowMs: Infinity, invalidSubmits: 2 });
      for (let i = 0; i < 20000; i++) expect(d.invalid(i * 100, `form${i}`)).toBeNull();
      expect(d.invalid(2000000, 'form19999')?.detail).toEqual(fired('form19999', 2));
    });
  });
});

describe('form struggle among many forms', () => {
  it('keeps counting a form that is in use while other forms come and go, more than twenty in all', () => {
    const d = createFormStruggleDetector();
    const out: unknown[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      for (let i = 0; i < 15; i++) out.push(d.submit(attempt * MIN + i, `other${attempt}-${i}`));
      out.push(d.invalid(attempt * MIN + 100, 'signup')?.detail ?? null);
    }
    expect(hits(out)).toEqual([fired()]);
  });
});
