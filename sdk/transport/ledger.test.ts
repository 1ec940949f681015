// The cross-tab ledger in localStorage: the bounded delivered list, the send claim and lease, and storage that throws or holds garbage.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SENT_IDS_KEPT, SENT_KEY, claim, ls, markSent, othersInFlight, release, sentIds } from './ledger';

// window.localStorage may be an own accessor of the window: tests replace it, and this puts it back.
const storageDescriptor = Object.getOwnPropertyDescriptor(window, 'localStorage');
const restoreStorage = () =>
  storageDescriptor
    ? Object.defineProperty(window, 'localStorage', storageDescriptor)
    : delete (window as unknown as Record<string, unknown>).localStorage;

/** Replaces window.localStorage (happy-dom binds Storage methods per instance, so prototype spies miss). */
function stubStorage(storage: Partial<Storage> | (() => never)) {
  Object.defineProperty(window, 'localStorage', { configurable: true, get: typeof storage === 'function' ? storage : () => storage });
}
const denied = () => {
  throw new DOMException('denied', 'SecurityError');
};

beforeEach(() => localStorage.clear());
afterEach(() => {
  restoreStorage();
  vi.restoreAllMocks();
});

describe('the delivered list', () => {
  it('records ids once each, oldest first, keeping the newest SENT_IDS_KEPT', () => {
    markSent(['a', 'b']);
    markSent(['b', 'c']);
    expect(JSON.parse(localStorage.getItem(SENT_KEY)!)).toEqual(['a', 'b', 'c']);
    markSent(Array.from({ length: SENT_IDS_KEPT }, (_, i) => `id${i}`));
    const ids = sentIds();
    expect(ids.size).toBe(SENT_IDS_KEPT);
    expect(ids.has('c')).toBe(false);
    expect(ids.has(`id${SENT_IDS_KEPT - 1}`)).toBe(true);
  });

  it('reads garbage as empty and then overwrites it', () => {
    for (const junk of ['{', '"x"', '{"a":1}', '[1,[2],null,"ok"]']) {
      localStorage.setItem(SENT_KEY, junk);
      expect([...sentIds()]).toEqual(junk.includes('ok') ? ['ok'] : []);
    }
    markSent(['z']);
    expect([...sentIds()]).toEqual(['ok', 'z']);
  });
});

describe('the send claim', () => {
  it('is taken when free, lapsed or ours, and refused while another tab holds it', () => {
    expect(claim('A', 0, 30, ['1'])).toBe(true);
    expect(claim('B', 10, 40, [])).toBe(false);
    expect([...othersInFlight('B', 10)]).toEqual(['1']);
    expect([...othersInFlight('A', 10)]).toEqual([]);
    expect(claim('A', 20, 50, [])).toBe(true);
    expect([...othersInFlight('B', 20)]).toEqual([]);
    expect(claim('B', 50, 80, ['2'])).toBe(true); // lapsed at 50
    expect([...othersInFlight('A', 79)]).toEqual(['2']);
    expect([...othersInFlight('A', 80)]).toEqual([]);
  });

  it('force overwrites another tab’s claim (the Web Lock already decided)', () => {
    claim('A', 0, 30, ['1']);
    expect(claim('B', 10, 40, ['2'], true)).toBe(true);
    expect([...othersInFlight('A', 10)]).toEqual(['2']);
  });

  it('is released only by its holder', () => {
    claim('A', 0, 30, []);
    release('B');
    expect(claim('B', 1, 31, [])).toBe(false);
    release('A');
    expect(claim('B', 1, 31, [])).toBe(true);
  });

  it('loses to a tab that wrote last (read-back)', () => {
    const data = new Map<string, string>();
    stubStorage({
      getItem: (k) => data.get(k) ?? null,
      // another tab's write lands between this tab's write and its read-back
      setItem: (k) => void data.set(k, JSON.stringify(['B', 99, []])),
      removeItem: (k) => void data.delete(k),
    });
    expect(claim('A', 0, 30, [])).toBe(false);
    expect(claim('B', 0, 30, [])).toBe(true);
  });
});

describe('storage that throws', () => {
  it.each([
    ['every method throws', () => stubStorage({ getItem: denied, setItem: denied, removeItem: denied })],
    ['reading window.localStorage throws', () => stubStorage(denied)],
  ])('%s: degrades to nothing recorded, and lets the tab send', (_, stub) => {
    markSent(['old']);
    stub();
    expect(() => markSent(['a'])).not.toThrow();
    expect(sentIds().size).toBe(0);
    expect(claim('A', 0, 30, [])).toBe(true);
    expect(claim('B', 0, 30, [])).toBe(true);
    expect(() => release('A')).not.toThrow();
    expect(othersInFlight('A', 0).size).toBe(0);
    expect(ls('k')).toBeNull();
    expect(ls('k', 1)).toBe(false);
  });
});
