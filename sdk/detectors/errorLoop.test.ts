import { describe, it, expect } from 'vitest';
import { createErrorLoopDetector, ERROR_LOOP_DEFAULTS, fingerprintError, MAX_FINGERPRINT_LENGTH, type ErrorKind } from './errorLoop';

type Err = [at: number, screen?: string, fingerprint?: string, kind?: ErrorKind];

/** Feeds the errors in order and returns, for each, the detail it fired with or null. */
function run(errors: Err[], d = createErrorLoopDetector()) {
  return errors.map(([at, screen = '/billing', fingerprint = 'Request <n> failed', kind = 'network']) =>
    d.error({ at, screen, fingerprint, kind })?.detail ?? null,
  );
}

const LOOP = { fingerprint: 'Request <n> failed', kind: 'network', repeats: 2 };

describe('fingerprintError', () => {
  it('makes the same message one error wherever it is thrown', () => {
    const m = "Cannot read properties of undefined (reading 'x')";
    expect(fingerprintError(m)).toBe(fingerprintError(m));
    expect(fingerprintError(m)).toBe('Cannot read properties of undefined (reading <str>)');
  });

  it('collapses numbers', () => {
    expect(fingerprintError('Request 123 failed')).toBe('Request <n> failed');
    expect(fingerprintError('Request 456 failed')).toBe(fingerprintError('Request 123 failed'));
    expect(fingerprintError('Unexpected token in JSON at position 17')).toBe('Unexpected token in JSON at position <n>');
  });

  it('collapses URLs, stopping at the brackets and quotes around them', () => {
    expect(fingerprintError('Failed to fetch https://api.example.com/v1/items/42?x=1&y=2')).toBe('Failed to fetch <url>');
    expect(fingerprintError('Failed to fetch https://api.example.com/v1/items/43')).toBe('Failed to fetch <url>');
    expect(fingerprintError('Failed to load (https://cdn.example.io/a.js) now')).toBe('Failed to load (<url>) now');
  });

  it('collapses quoted strings of every kind', () => {
    expect(fingerprintError('Unexpected token "}" in JSON')).toBe('Unexpected token <str> in JSON');
    expect(fingerprintError('Value `abc` is wrong')).toBe('Value <str> is wrong');
    expect(fingerprintError("Can't find 'foo'")).toBe("Can't find <str>");
    expect(fingerprintError("Can't find variable: foo")).toBe("Can't find variable: foo");
  });

  it('collapses UUIDs and hex ids', () => {
    expect(fingerprintError('Order 550e8400-e29b-41d4-a716-446655440000 not found')).toBe('Order <id> not found');
    expect(fingerprintError('Order 6BA7B810-9DAD-11D1-80B4-00C04FD430C8 not found')).toBe('Order <id> not found');
    expect(fingerprintError('Object 0x7fff5fbff8a8 freed')).toBe('Object <id> freed');
    expect(fingerprintError('Session 5f3a9c2b1e0d expired')).toBe(fingerprintError('Session 9d8c7b6a5f4e expired'));
    expect(fingerprintError('Session 5f3a9c2b1e0d expired')).toBe('Session <id> expired');
  });

  it('leaves words alone, even when they are made of hex letters', () => {
    expect(fingerprintError('DEADBEEF cafe facade')).toBe('DEADBEEF cafe facade');
  });

  it('collapses whitespace and trims', () => {
    expect(fingerprintError('  lots   of\n\twhitespace  ')).toBe('lots of whitespace');
  });

  it('keeps at most 120 characters', () => {
    expect(MAX_FINGERPRINT_LENGTH).toBe(120);
    expect(fingerprintError('x'.repeat(500))).toBe('x'.repeat(120));
    expect(fingerprintError(`${'y'.repeat(119)}   z`)).toBe('y'.repeat(119));
  });

  it('does not throw on what is not a string', () => {
    expect(fingerprintError('')).toBe('');
    expect(fingerprintError(undefined as unknown as string)).toBe('');
    expect(fingerprintError(null as unknown as string)).toBe('');
    expect(fingerprintError(404 as unknown as string)).toBe('<n>');
  });
});

describe('error loop', () => {
  it('fires on the same error twice on one screen, at the second', () => {
    const d = createErrorLoopDetector();
    expect(d.error({ at: 0, screen: '/billing', fingerprint: 'Request <n> failed', kind: 'network' })).toBeNull();
    expect(d.error({ at: 3000, screen: '/billing', fingerprint: 'Request <n> failed', kind: 'network' })).toEqual({
      at: 3000,
      detail: LOOP,
    });
  });

  it('counts repeats within 120 000 ms, not 120 001 ms', () => {
    expect(run([[0], [120000]])).toEqual([null, LOOP]);
    expect(run([[0], [120001]])).toEqual([null, null]);
  });

  it('keeps screens and fingerprints apart', () => {
    expect(run([[0, '/billing'], [1000, '/settings'], [2000, '/billing', 'Other'], [3000, '/settings', 'Other']])).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('reports the kind of the error that closed the loop', () => {
    expect(run([[0, '/a', 'Boom', 'js'], [1000, '/a', 'Boom', 'ui']])[1]).toEqual({ fingerprint: 'Boom', kind: 'ui', repeats: 2 });
  });

  it('fires once per episode, which lasts while the error keeps coming within the window', () => {
    expect(run([[0], [1000], [60000], [170000], [290000]])).toEqual([null, LOOP, null, null, null]);
  });

  it('re-arms after a whole window without the error, and counts afresh', () => {
    expect(run([[0], [1000], [121001], [122000]])).toEqual([null, LOOP, null, LOOP]);
    expect(run([[0], [1000], [121000], [241001]])).toEqual([null, LOOP, null, null]);
  });

  it('runs one episode per screen and fingerprint', () => {
    expect(run([[0, '/a'], [10, '/a'], [20, '/b'], [30, '/a'], [40, '/b'], [50, '/b']])).toEqual([
      null,
      { ...LOOP },
      null,
      null,
      { ...LOOP },
      null,
    ]);
  });

  it('honours custom thresholds', () => {
    const t = { windowMs: 1000, repeats: 3 };
    expect(run([[0], [500], [1000]], createErrorLoopDetector(t))).toEqual([null, null, { ...LOOP, repeats: 3 }]);
    expect(run([[0], [500], [1001]], createErrorLoopDetector(t))).toEqual([null, null, null]);
    expect(run([[0], [500]], createErrorLoopDetector(t))).toEqual([null, null]);
  });

  it('has the design defaults', () => {
    expect(ERROR_LOOP_DEFAULTS).toEqual({ windowMs: 120000, repeats: 2 });
  });

  it('forgets everything on reset', () => {
    const d = createErrorLoopDetector();
    run([[0]], d);
    d.reset();
    expect(run([[1000]], d)).toEqual([null]);
    expect(run([[2000]], d)).toEqual([LOOP]);
    d.reset();
    expect(run([[3000], [4000]], d)).toEqual([null, LOOP]);
  });

  describe('robustness', () => {
    it('ignores errors at non-finite times, leaving the state as it was', () => {
      const d = createErrorLoopDetector();
      expect(run([[0], [NaN], [Infinity]], d)).toEqual([null, null, null]);
      expect(run([[1000]], d)).toEqual([LOOP]);
    });

    it('takes negative times as times', () => {
      expect(run([[-5000], [-4000]])).toEqual([null, LOOP]);
    });

    it('forgets errors from the future when the clock goes back', () => {
      expect(run([[100000], [1000], [2000]])).toEqual([null, null, LOOP]);
    });

    it('never fires with NaN thresholds and does not throw on absurd ones', () => {
      const errors: Err[] = [[0], [1], [2], [3]];
      for (const t of [
        { windowMs: NaN, repeats: 2 },
        { windowMs: 120000, repeats: NaN },
        { windowMs: -1, repeats: 2 },
        { windowMs: Infinity, repeats: Infinity },
        { windowMs: 1e308, repeats: 1e308 },
      ]) {
        expect(run(errors, createErrorLoopDetector(t))).toEqual([null, null, null, null]);
      }
    });

    it('keeps working with endless distinct errors and an endless window', () => {
      const d = createErrorLoopDetector({ windowMs: Infinity, repeats: 2 });
      for (let i = 0; i < 20000; i++) expect(d.error({ at: i, screen: '/a', fingerprint: `E${i}`, kind: 'js' })).toBeNull();
      // The latest errors are still remembered.
      expect(d.error({ at: 20000, screen: '/a', fingerprint: 'E19999', kind: 'js' })?.detail).toEqual({
        fingerprint: 'E19999',
        kind: 'js',
        repeats: 2,
      });
    });
  });
});

describe('error loop over a long session', () => {
  it('fires once for an error that keeps recurring among endless other errors', () => {
    const d = createErrorLoopDetector();
    const fired: string[] = [];
    for (let i = 0; i < 200; i++) {
      const at = i * 60000;
      if (d.error({ at, screen: '/a', fingerprint: 'Recurring', kind: 'js' })) fired.push('Recurring');
      if (d.error({ at: at + 1, screen: '/a', fingerprint: `Once ${i}`, kind: 'js' })) fired.push(`Once ${i}`);
    }
    expect(fired).toEqual(['Recurring']);
  });
});

describe('fingerprintError, more', () => {
  it('collapses a UUID and hex ids side by side', () => {
    expect(fingerprintError('ids 550e8400-e29b-41d4-a716-446655440000/deadbeef12 and 0xFF')).toBe('ids <id>/<id> and <id>');
  });
});
