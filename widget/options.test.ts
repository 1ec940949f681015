import { describe, expect, it } from 'vitest';
import { fmt, readOptions, STRINGS } from './options';

const doc = (dir = '') => {
  document.documentElement.setAttribute('dir', dir);
  return document;
};

describe('readOptions', () => {
  it('defaults to English, bottom-right, the page direction, no theme', () => {
    expect(readOptions(undefined, doc())).toEqual({ strings: STRINGS, position: 'bottom-right', dir: 'ltr', theme: {} });
  });

  it('takes string overrides it knows, ignores others and wrong types', () => {
    const o = readOptions({ strings: { send: 'Senden', helped: 42, nope: 'x', close: '' } }, doc());
    expect(o.strings.send).toBe('Senden');
    expect(o.strings.helped).toBe(STRINGS.helped);
    expect(o.strings.close).toBe(STRINGS.close);
    expect('nope' in o.strings).toBe(false);
  });

  it('follows a right-to-left page into the bottom-left corner, unless told otherwise', () => {
    expect(readOptions({}, doc('rtl'))).toMatchObject({ dir: 'rtl', position: 'bottom-left' });
    expect(readOptions({ dir: 'ltr', position: 'top-right' }, doc('rtl'))).toMatchObject({ dir: 'ltr', position: 'top-right' });
    expect(readOptions({ position: 'middle' }, doc())).toMatchObject({ position: 'bottom-right' });
    doc();
  });

  it('keeps only the theme values it can set', () => {
    expect(readOptions({ theme: { accent: '#c00', radius: '4px', color: 'red', font: 3 } }, doc()).theme).toEqual({ accent: '#c00', radius: '4px' });
  });

  it('never throws on junk', () => {
    for (const junk of [null, 'x', 42, [], { strings: null, theme: 'x' }]) expect(() => readOptions(junk, doc())).not.toThrow();
  });
});

describe('fmt', () => {
  it('fills known placeholders and leaves the rest', () => {
    expect(fmt('{n} of {total} {x}', { n: 2, total: 5 })).toBe('2 of 5 {x}');
  });
});
