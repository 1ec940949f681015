// Tip matching as exact inputs and expected decisions: globs, trait ops, new users, cooldowns, caps, priority and holdout.
import { describe, expect, it } from 'vitest';
import type { FrictionSignal, SignalType, Tip, TraitCondition } from '../wire';
import { createdAtMs, holds, isHeldOut, isNewUser, matchTip, pushedTip, screenMatches, type TipState, type TipUser } from './match';

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const DAY = 86_400_000;

const signal = (type: SignalType = 'rage_click', screen = '/billing'): FrictionSignal => ({
  id: 's1',
  type,
  screen,
  at: NOW,
  detail: {},
});
const tip = (id: string, over: Partial<Tip> = {}, when: Partial<Tip['when']> = {}): Tip => ({
  id,
  title: id,
  body: '',
  priority: 0,
  cooldownMs: 0,
  ...over,
  when: { signal: 'rage_click', ...when },
});
const user = (traits: Record<string, unknown> = {}, userId?: string): TipUser => ({ anonymousId: 'anon-1', userId, traits });
const fresh = (): TipState => ({ shownThisSession: 0, lastShown: {} });
// Holdout 0 unless a test is about the holdout, so 'show' is the only action.
const cfg = { maxTipsPerSession: 3, holdoutPercent: 0, newUserDays: 14 };

describe('screenMatches', () => {
  const cases: Array<[string | undefined, string, boolean]> = [
    [undefined, '/anything/at/all', true],
    ['/billing', '/billing', true],
    ['/billing', '/billing/', false],
    ['/billing', '/Billing', false],
    ['/billing', '/billing2', false],
    ['/billing/*', '/billing/a', true],
    ['/billing/*', '/billing/a/b', false],
    ['/billing/*', '/billing', false],
    ['/billing/*/edit', '/billing/42/edit', true],
    ['/billing/*/edit', '/billing/42/x/edit', false],
    ['/billing/inv-*', '/billing/inv-42', true],
    ['/billing/inv-*', '/billing/cred-42', false],
    ['/billing/**', '/billing/a/b', true],
    ['/billing/**', '/billing/a', true],
    ['/billing/**', '/billing', true],
    ['/billing/**', '/billingx', false],
    ['/billing/**', '/billing-old/a', false],
    ['/a/**/z', '/a/z', true],
    ['/a/**/z', '/a/b/z', true],
    ['/a/**/z', '/a/b/c/z', true],
    ['/a/**/z', '/a/b/c/y', false],
    ['/a/**/z', '/az', false],
    ['**', '/', true],
    ['**', '/a/b/c', true],
    ['**', '', true],
    ['**', 'Orders', true],
    ['/a**', '/abc/d', true],
    ['/**', '/x/y', true],
    ['/orders/?', '/orders/7', true],
    ['/orders/?', '/orders/77', false],
    ['/orders/?', '/orders/', false],
    ['/orders/?', '/orders//', false],
    ['/a.b+(c)', '/a.b+(c)', true],
    ['/a.b+(c)', '/aXb+(c)', false],
    ['/a.b+(c)', '/a.bb(c)', false],
    ['/a.b+(c)', '/a.bc', false],
    ['^/x$', '^/x$', true],
    ['^/x$', '/x', false],
    ['/[ab]|c\\d{2}', '/[ab]|c\\d{2}', true],
    ['/[ab]|c\\d{2}', '/a', false],
    ['.*', '/anything', false],
    ['.*', '.*', true],
    ['/é/?', '/é/ü', true],
    ['/emoji/?', '/emoji/😀', true],
    ['', '', true],
    ['', '/', false],
  ];
  it.each(cases)('%j against %j → %s', (glob, screen, want) => {
    expect(screenMatches(glob, screen)).toBe(want);
  });

  it('stays fast on globs that would backtrack as a RegExp', () => {
    const glob = '**a**a**a**a**a**a**a**a**a**a**b';
    const screen = 'a'.repeat(2000);
    const t0 = performance.now();
    expect(screenMatches(glob, screen)).toBe(false);
    expect(screenMatches(glob, screen + 'b')).toBe(true);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('trait conditions', () => {
  const c = (op: TraitCondition['op'], value?: TraitCondition['value']): TraitCondition =>
    value === undefined ? { trait: 'x', op } : { trait: 'x', op, value };
  // [condition, trait value, expected]
  const cases: Array<[TraitCondition, unknown, boolean]> = [
    [c('eq', 'pro'), 'pro', true],
    [c('eq', 'pro'), 'Pro', false],
    [c('eq', 'pro'), undefined, false],
    [c('eq', 'pro'), null, false],
    [c('eq', 10), 10, true],
    [c('eq', 10), '10', true],
    [c('eq', '10'), 10, true],
    [c('eq', 10), '10.0', true],
    [c('eq', '10'), '10.0', false],
    [c('eq', 10), '', false],
    [c('eq', 0), '', false],
    [c('eq', 0), ' ', false],
    [c('eq', true), true, true],
    [c('eq', true), 'true', false],
    [c('eq', true), 1, false],
    [c('eq', 'pro'), ['pro'], false],
    [c('neq', 'pro'), 'free', true],
    [c('neq', 'pro'), 'pro', false],
    [c('neq', 10), '10', false],
    [c('neq', 'pro'), undefined, true],
    [c('neq', 'pro'), null, true],
    [c('in', ['pro', 'team']), 'team', true],
    [c('in', ['pro', 'team']), 'free', false],
    [c('in', ['pro', 'team']), undefined, false],
    [c('in', [1, 2]), '2', true],
    [c('in', ['admin']), ['viewer', 'admin'], true],
    [c('in', ['admin']), ['viewer'], false],
    [c('in', []), 'x', false],
    [c('nin', ['pro', 'team']), 'free', true],
    [c('nin', ['pro', 'team']), 'pro', false],
    [c('nin', ['pro', 'team']), undefined, true],
    [c('nin', ['admin']), ['viewer', 'admin'], false],
    [c('nin', []), 'x', true],
    [c('gt', 10), 11, true],
    [c('gt', 10), 10, false],
    [c('gt', 10), '11', true],
    [c('gt', '10'), 11, true],
    [c('gt', 10), 'eleven', false],
    [c('gt', 10), undefined, false],
    [c('gt', 10), true, false],
    [c('gte', 10), 10, true],
    [c('gte', 10), 9.999, false],
    [c('gte', 10), undefined, false],
    [c('lt', 10), 9, true],
    [c('lt', 10), 10, false],
    [c('lt', 10), undefined, false],
    [c('lt', 10), null, false],
    [c('lt', 10), Number.NaN, false],
    [c('lte', 10), 10, true],
    [c('lte', 10), 10.001, false],
    [c('lte', 10), '', false],
    [c('exists'), 'x', true],
    [c('exists'), '', true],
    [c('exists'), 0, true],
    [c('exists'), false, true],
    [c('exists'), undefined, false],
    [c('exists'), null, false],
    [c('exists', true), 'x', true],
    [c('exists', true), undefined, false],
    [c('exists', false), undefined, true],
    [c('exists', false), null, true],
    [c('exists', false), 'x', false],
    [c('contains', 'admin'), ['viewer', 'admin'], true],
    [c('contains', 'admin'), ['viewer'], false],
    [c('contains', 3), ['3'], true],
    [c('contains', 'corp'), 'acme-corp', true],
    [c('contains', 'Corp'), 'acme-corp', false],
    [c('contains', 'x'), undefined, false],
    [c('contains', 'x'), 42, false],
    [c('contains'), 'undefined', false],
  ];
  it.each(cases)('%j with %j → %s', (cond, value, want) => {
    expect(holds(cond, value)).toBe(want);
  });

  it('reads only own traits, not the prototype', () => {
    const t = tip('t', {}, { traits: [{ trait: 'toString', op: 'exists' }] });
    expect(matchTip(signal(), [t], user({}), fresh(), cfg, NOW)).toBeNull();
    expect(matchTip(signal(), [t], user({ toString: 'yes' }), fresh(), cfg, NOW)?.tip.id).toBe('t');
  });

  it('requires every condition of a tip to hold', () => {
    const t = tip('t', {}, {
      traits: [
        { trait: 'plan', op: 'eq', value: 'pro' },
        { trait: 'role', op: 'in', value: ['admin', 'owner'] },
      ],
    });
    expect(matchTip(signal(), [t], user({ plan: 'pro', role: 'owner' }), fresh(), cfg, NOW)?.tip.id).toBe('t');
    expect(matchTip(signal(), [t], user({ plan: 'pro', role: 'viewer' }), fresh(), cfg, NOW)).toBeNull();
    expect(matchTip(signal(), [t], user({ role: 'owner' }), fresh(), cfg, NOW)).toBeNull();
  });
});

describe('new users', () => {
  const days = 14;
  it('is new strictly within newUserDays, at the boundary it is not', () => {
    expect(isNewUser(NOW - days * DAY + 1, NOW, days)).toBe(true);
    expect(isNewUser(NOW - days * DAY, NOW, days)).toBe(false);
    expect(isNewUser(NOW - days * DAY - 1, NOW, days)).toBe(false);
    expect(isNewUser(NOW, NOW, days)).toBe(true);
    // A createdAt a little ahead of the browser's clock is a brand-new user, not an unknown one.
    expect(isNewUser(NOW + 60_000, NOW, days)).toBe(true);
  });

  it('reads createdAt as epoch ms, epoch seconds, numeric strings, ISO strings and Dates', () => {
    const ms = NOW - 3 * DAY;
    expect(createdAtMs(ms)).toBe(ms);
    expect(createdAtMs(ms / 1000)).toBe(ms);
    expect(createdAtMs(String(ms))).toBe(ms);
    expect(createdAtMs(String(ms / 1000))).toBe(ms);
    expect(createdAtMs(new Date(ms).toISOString())).toBe(ms);
    expect(createdAtMs('2025-06-12T12:00:00+02:00')).toBe(Date.UTC(2025, 5, 12, 10));
    expect(createdAtMs(new Date(ms))).toBe(ms);
    // The seconds/ms boundary: 1e11 - 1 is seconds (year 5138), 1e11 is ms (March 1973).
    expect(createdAtMs(1e11 - 1)).toBe((1e11 - 1) * 1000);
    expect(createdAtMs(1e11)).toBe(1e11);
  });

  it('treats unreadable createdAt as unknown', () => {
    for (const v of [undefined, null, '', 'soon', 0, -5, Number.NaN, Infinity, true, {}, [], new Date('nope')]) {
      expect(createdAtMs(v), String(v)).toBeUndefined();
      expect(isNewUser(v, NOW, days)).toBeUndefined();
    }
  });

  it('an unknown createdAt fails newUser: true and newUser: false', () => {
    const tips = [tip('new', {}, { newUser: true }), tip('old', {}, { newUser: false })];
    expect(matchTip(signal(), tips, user({}), fresh(), cfg, NOW)).toBeNull();
    expect(matchTip(signal(), tips, user({ createdAt: 'yesterday' }), fresh(), cfg, NOW)).toBeNull();
  });

  it('picks the new-user or the old-user tip by createdAt and newUserDays at the day boundary', () => {
    const tips = [tip('new', {}, { newUser: true }), tip('old', {}, { newUser: false })];
    const at = (createdAt: unknown) => matchTip(signal(), tips, user({ createdAt }), fresh(), cfg, NOW)?.tip.id;
    expect(at(NOW - 14 * DAY + 1)).toBe('new');
    expect(at(NOW - 14 * DAY)).toBe('old');
    expect(at(new Date(NOW - 14 * DAY + 1000).toISOString())).toBe('new');
    expect(at((NOW - 14 * DAY) / 1000)).toBe('old');
    expect(matchTip(signal(), tips, user({ createdAt: NOW - 14 * DAY }), fresh(), { ...cfg, newUserDays: 15 }, NOW)?.tip.id).toBe('new');
  });

  it('newUser absent ignores createdAt', () => {
    expect(matchTip(signal(), [tip('t')], user({}), fresh(), cfg, NOW)?.tip.id).toBe('t');
  });
});

describe('matchTip', () => {
  it('matches on signal type, one or several', () => {
    const tips = [tip('rage'), tip('multi', {}, { signal: ['dead_click', 'error_loop'] })];
    expect(matchTip(signal('rage_click'), tips, user(), fresh(), cfg, NOW)?.tip.id).toBe('rage');
    expect(matchTip(signal('dead_click'), tips, user(), fresh(), cfg, NOW)?.tip.id).toBe('multi');
    expect(matchTip(signal('error_loop'), tips, user(), fresh(), cfg, NOW)?.tip.id).toBe('multi');
    expect(matchTip(signal('help_seeking'), tips, user(), fresh(), cfg, NOW)).toBeNull();
  });

  it('matches on the screen glob', () => {
    const tips = [tip('billing', {}, { screen: '/billing/*' })];
    expect(matchTip(signal('rage_click', '/billing/invoices'), tips, user(), fresh(), cfg, NOW)?.tip.id).toBe('billing');
    expect(matchTip(signal('rage_click', '/billing/invoices/7'), tips, user(), fresh(), cfg, NOW)).toBeNull();
    expect(matchTip(signal('rage_click', '/orders'), tips, user(), fresh(), cfg, NOW)).toBeNull();
  });

  it('skips disabled tips; enabled: true and absent both count as enabled', () => {
    const tips = [tip('off', { enabled: false, priority: 9 }), tip('on', { enabled: true, priority: 1 }), tip('default')];
    expect(matchTip(signal(), tips, user(), fresh(), cfg, NOW)?.tip.id).toBe('on');
    expect(matchTip(signal(), [tips[0]!], user(), fresh(), cfg, NOW)).toBeNull();
    expect(matchTip(signal(), [tips[2]!], user(), fresh(), cfg, NOW)?.tip.id).toBe('default');
  });

  it('the highest priority wins, ties go to the smaller id whatever the order', () => {
    const tips = [tip('b', { priority: 5 }), tip('c', { priority: 7 }), tip('a', { priority: 5 }), tip('d', { priority: -1 })];
    expect(matchTip(signal(), tips, user(), fresh(), cfg, NOW)?.tip.id).toBe('c');
    const tied = [tip('b', { priority: 5 }), tip('a', { priority: 5 }), tip('B', { priority: 5 })];
    expect(matchTip(signal(), tied, user(), fresh(), cfg, NOW)?.tip.id).toBe('B');
    expect(matchTip(signal(), [...tied].reverse(), user(), fresh(), cfg, NOW)?.tip.id).toBe('B');
    expect(matchTip(signal(), tied.slice(0, 2), user(), fresh(), cfg, NOW)?.tip.id).toBe('a');
  });

  it('a tip in cooldown is skipped until exactly cooldownMs has passed, and the next one is taken meanwhile', () => {
    const tips = [tip('top', { priority: 2, cooldownMs: 60_000 }), tip('next', { priority: 1 })];
    const state: TipState = { shownThisSession: 0, lastShown: { top: NOW - 60_000 + 1 } };
    expect(matchTip(signal(), tips, user(), state, cfg, NOW)?.tip.id).toBe('next');
    state.lastShown.top = NOW - 60_000;
    expect(matchTip(signal(), tips, user(), state, cfg, NOW)?.tip.id).toBe('top');
    state.lastShown.top = NOW;
    expect(matchTip(signal(), [tips[0]!], user(), state, cfg, NOW)).toBeNull();
  });

  it('cooldown 0 never blocks, and a lastShown in the future (clock moved back) does not mute the tip', () => {
    const t = tip('t', { cooldownMs: 0 });
    expect(matchTip(signal(), [t], user(), { shownThisSession: 0, lastShown: { t: NOW } }, cfg, NOW)?.tip.id).toBe('t');
    const c = tip('c', { cooldownMs: DAY });
    expect(matchTip(signal(), [c], user(), { shownThisSession: 0, lastShown: { c: NOW + 1 } }, cfg, NOW)?.tip.id).toBe('c');
  });

  it('cooldown is per tip: another tip id shown just now does not block', () => {
    const t = tip('t', { cooldownMs: DAY });
    expect(matchTip(signal(), [t], user(), { shownThisSession: 0, lastShown: { other: NOW } }, cfg, NOW)?.tip.id).toBe('t');
  });

  it('nothing once maxTipsPerSession decisions were made', () => {
    const tips = [tip('t')];
    expect(matchTip(signal(), tips, user(), { shownThisSession: 2, lastShown: {} }, cfg, NOW)?.tip.id).toBe('t');
    expect(matchTip(signal(), tips, user(), { shownThisSession: 3, lastShown: {} }, cfg, NOW)).toBeNull();
    expect(matchTip(signal(), tips, user(), { shownThisSession: 4, lastShown: {} }, cfg, NOW)).toBeNull();
    expect(matchTip(signal(), tips, user(), fresh(), { ...cfg, maxTipsPerSession: 0 }, NOW)).toBeNull();
  });

  it('no tips, no decision', () => {
    expect(matchTip(signal(), [], user(), fresh(), cfg, NOW)).toBeNull();
  });

  it('does not change its inputs', () => {
    const tips = [tip('t', { cooldownMs: 5 })];
    const state: TipState = { shownThisSession: 1, lastShown: { x: 1 } };
    const before = JSON.stringify([tips, state]);
    matchTip(signal(), tips, user(), state, { ...cfg, holdoutPercent: 100 }, NOW);
    expect(JSON.stringify([tips, state])).toBe(before);
  });
});

describe('holdout', () => {
  it('is deterministic per (user, tip)', () => {
    for (let i = 0; i < 200; i++) {
      expect(isHeldOut(`user-${i}`, 'tip-a', 10)).toBe(isHeldOut(`user-${i}`, 'tip-a', 10));
    }
  });

  it('is FNV-1a 32-bit of "user:tip" mod 100 (fixed vectors, so the edge or a later SDK can reproduce it)', () => {
    // Vectors from an independent implementation: FNV-1a("u:t") = 0x4a0528de → bucket 26,
    // FNV-1a("user-42:billing-help") = 0xf046a9c2 → bucket 18.
    expect(isHeldOut('u', 't', 26)).toBe(false);
    expect(isHeldOut('u', 't', 27)).toBe(true);
    expect(isHeldOut('user-42', 'billing-help', 18)).toBe(false);
    expect(isHeldOut('user-42', 'billing-help', 19)).toBe(true);
    // Fractional percents round up to whole buckets.
    expect(isHeldOut('u', 't', 26.5)).toBe(true);
  });

  it('holds out about the configured share of 10,000 users, independently per tip', () => {
    let a = 0;
    let both = 0;
    for (let i = 0; i < 10_000; i++) {
      const inA = isHeldOut(`user-${i}`, 'billing-help', 10);
      if (inA) a++;
      if (inA && isHeldOut(`user-${i}`, 'export-help', 10)) both++;
    }
    expect(a / 10_000).toBeGreaterThanOrEqual(0.09);
    expect(a / 10_000).toBeLessThanOrEqual(0.11);
    // Independent tips: about 10% of 10% are held out of both.
    expect(both / 10_000).toBeGreaterThan(0.005);
    expect(both / 10_000).toBeLessThan(0.02);
  });

  it('0 percent never, 100 percent always', () => {
    for (let i = 0; i < 1000; i++) {
      expect(isHeldOut(`u${i}`, 't', 0)).toBe(false);
      expect(isHeldOut(`u${i}`, 't', 100)).toBe(true);
    }
  });

  it('matchTip returns hold_out for the winner rather than falling through to another tip', () => {
    const tips = [tip('a', { priority: 2 }), tip('b', { priority: 1 })];
    const d = matchTip(signal(), tips, user(), fresh(), { ...cfg, holdoutPercent: 100 }, NOW);
    expect(d).toEqual({ tip: tips[0], action: 'hold_out' });
  });

  it('keys the holdout on userId when identified, else anonymousId', () => {
    // Find ids that land on opposite sides of a 50% holdout for tip 't'.
    let inKey = '';
    let outKey = '';
    for (let i = 0; !inKey || !outKey; i++) {
      const k = `k${i}`;
      if (isHeldOut(k, 't', 50)) inKey ||= k;
      else outKey ||= k;
    }
    const c = { ...cfg, holdoutPercent: 50 };
    const t = [tip('t')];
    expect(matchTip(signal(), t, { anonymousId: inKey, traits: {} }, fresh(), c, NOW)?.action).toBe('hold_out');
    expect(matchTip(signal(), t, { anonymousId: outKey, traits: {} }, fresh(), c, NOW)?.action).toBe('show');
    expect(matchTip(signal(), t, { anonymousId: inKey, userId: outKey, traits: {} }, fresh(), c, NOW)?.action).toBe('show');
    expect(matchTip(signal(), t, { anonymousId: outKey, userId: inKey, traits: {} }, fresh(), c, NOW)?.action).toBe('hold_out');
  });
});

describe('pushedTip', () => {
  const tips = [tip('low', { priority: 1 }), tip('high', { priority: 9, cooldownMs: DAY }), tip('off', { priority: 99, enabled: false })];

  it('shows the highest-priority pushed tip that is enabled, ignoring tips not pushed', () => {
    expect(pushedTip(['low', 'high', 'off'], tips, user(), fresh(), cfg, NOW)).toEqual({ tip: tips[1], action: 'show' });
    expect(pushedTip(['low'], tips, user(), fresh(), cfg, NOW)).toEqual({ tip: tips[0], action: 'show' });
    expect(pushedTip(['off', 'unknown'], tips, user(), fresh(), cfg, NOW)).toBeNull();
    expect(pushedTip([], tips, user(), fresh(), cfg, NOW)).toBeNull();
  });

  it('respects the cooldown on both sides, and the session cap', () => {
    const state = (at: number): TipState => ({ shownThisSession: 1, lastShown: { high: at } });
    expect(pushedTip(['high', 'low'], tips, user(), state(NOW - DAY + 1), cfg, NOW)!.tip.id).toBe('low');
    expect(pushedTip(['high', 'low'], tips, user(), state(NOW - DAY), cfg, NOW)!.tip.id).toBe('high');
    expect(pushedTip(['high'], tips, user(), { shownThisSession: 3, lastShown: {} }, cfg, NOW)).toBeNull();
  });

  it('holds out the same users a friction tip would', () => {
    const all = { ...cfg, holdoutPercent: 100 };
    expect(pushedTip(['low'], tips, user({}, 'u1'), fresh(), all, NOW)).toEqual({ tip: tips[0], action: 'hold_out' });
    for (const id of ['u1', 'u2', 'u3', 'u4']) {
      const half = { ...cfg, holdoutPercent: 50 };
      expect(pushedTip(['low'], tips, user({}, id), fresh(), half, NOW)!.action).toBe(isHeldOut(id, 'low', 50) ? 'hold_out' : 'show');
    }
  });
});
