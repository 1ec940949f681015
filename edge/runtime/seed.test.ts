// The demo workspace: valid by the edge's own schemas, the same for the same `now`, months deep, stored as it says, and each account's story true.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import type { SdkEvent } from '../../sdk/wire';
import { accountBatchSchema, accountUpsertSchema, ticketBatchSchema, ticketUpsertSchema, userBatchSchema, userUpsertSchema } from '../context/schemas';
import { MAX_EVENT_BYTES } from '../routes/events';
import type { DestinationRecord } from '../actions/types';
import { checkRuleReferences } from '../rules/references';
import { ruleSchema, type Rule } from '../rules/schema';
import type { TicketUpsert } from '../store';
import { NOW, setup } from '../test/harness';
import { articleSchema, eventBatchSchema, MAX_EVENTS_PER_BATCH, sdkEventSchema, tipSchema } from '../wire-schemas';
import { DEMO_TIPS } from './demoContent';
import { REPO_ROOT } from './env';
import { buildDemoSeed, seedDemoWorkspace, type DemoSeed } from './seed';
import { SEED_ACCOUNTS } from './seed/accounts';
import { EXPORT_ERROR } from './seed/history';
import { VAT_ERROR } from './seed/stories';

const H = 3_600_000;
const D = 24 * H;
const vader = createRequire(import.meta.url)('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } } };
const tone = (text: string) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;

const seedCache = new Map<number, DemoSeed>();
const seedAt = (now: number) => {
  let s = seedCache.get(now);
  if (!s) seedCache.set(now, (s = buildDemoSeed(now)));
  return s;
};
const seed = seedAt(NOW);

const resolved = (t: TicketUpsert) => t.status === 'solved' || t.status === 'closed';
const hoursBefore = (now: number, t: number) => Math.round(((now - t) / H) * 10) / 10;
const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/**
 * The facts the risk engine will read, computed the plain way from the seed: each pattern of DESIGN.md with its
 * default threshold, over the 30 days the engine looks back. Not the engine (it lands later), a check of the data.
 */
function facts(s: DemoSeed, now: number) {
  const since = now - 30 * D;
  const tickets = (id: string) => s.tickets.filter((t) => t.accountId === id);
  const recent = (id: string) => tickets(id).filter((t) => t.createdAt! >= since);
  const signals = (id: string) => s.events.filter((e) => e.accountId === id && e.type === 'friction' && e.at >= since);
  const helpOpens = (id: string) => s.events.filter((e) => e.accountId === id && e.type === 'help_opened' && e.at >= since);
  const activity = (id: string, from: number, to: number) => s.events.filter((e) => e.accountId === id && e.at >= from && e.at < to).length;
  const customerLines = (id: string) =>
    recent(id)
      .flatMap((t) => t.messages!.filter((m) => m.author === 'customer'))
      .sort((a, b) => (a.at as number) - (b.at as number));
  const day = Math.floor(now / D) * D;

  const patterns = {
    unresolved_stack: (id: string) => {
      const open = recent(id).filter((t) => !resolved(t));
      return open.some((t) => open.filter((o) => o.createdAt! <= t.createdAt! && o.createdAt! > t.createdAt! - 5 * D).length >= 2);
    },
    repeat_contact: (id: string) =>
      tickets(id).some((a) => a.solvedAt && a.solvedAt >= since && tickets(id).some((b) => b.topic === a.topic && b.createdAt! > a.solvedAt! && b.createdAt! <= a.solvedAt! + 72 * H)),
    low_csat_reengagement: (id: string) =>
      tickets(id).some((a) => a.csat?.score === 'bad' && a.csat.at! >= since && tickets(id).some((b) => b.createdAt! > a.csat!.at! && b.createdAt! <= a.csat!.at! + 7 * D)),
    tone_drift: (id: string) => {
      const t = customerLines(id).map((m) => tone(m.text));
      return t.some((_, i) => i >= 2 && t[i - 2]! >= -0.05 && t[i - 1]! < t[i - 2]! && t[i]! < t[i - 1]! && t[i]! <= -0.4);
    },
    account_volume: (id: string) =>
      recent(id).some((t) => new Set(recent(id).filter((o) => o.createdAt! <= t.createdAt! && o.createdAt! > t.createdAt! - 7 * D).map((o) => o.requester!.id)).size >= 3),
    usage_drop: (id: string) => {
      // Both ways the engine may cut weeks: the last 7×24 h before now, and the last 7 whole UTC days.
      const rolling = 1 - activity(id, now - 7 * D, now) / activity(id, now - 14 * D, now - 7 * D);
      const daily = 1 - activity(id, day - 7 * D, day) / activity(id, day - 14 * D, day - 7 * D);
      return rolling >= 0.4 && daily >= 0.4;
    },
    in_product_friction: (id: string) => signals(id).length >= 2,
    resolved_still_confused: (id: string) =>
      tickets(id).some((t) => t.solvedAt && t.solvedAt >= since && [...signals(id), ...helpOpens(id)].some((e) => e.at > t.solvedAt! && e.at <= t.solvedAt! + 7 * D)),
    guardrail: (id: string) =>
      SEED_ACCOUNTS.find((a) => a.id === id)!.tier === 'vip' ||
      customerLines(id).some((m) => /chargeback|lawyer|legal|manager|cancel|refund|gdpr|privacy|fraud|hacked/i.test(m.text)),
  };
  return { tickets, recent, signals, helpOpens, activity, customerLines, patterns, day };
}

describe('buildDemoSeed', () => {
  it('is valid by the schemas the edge validates with, exactly as built', () => {
    for (const batch of chunks(seed.accounts, 1000)) expect(accountBatchSchema.safeParse({ accounts: batch }).success).toBe(true);
    for (const a of seed.accounts) expect(accountUpsertSchema.parse(a)).toEqual(a);
    for (const batch of chunks(seed.users, 1000)) expect(userBatchSchema.safeParse({ users: batch }).success).toBe(true);
    for (const u of seed.users) expect(userUpsertSchema.parse(u)).toEqual(u);
    for (const batch of chunks(seed.tickets, 100)) expect(ticketBatchSchema.safeParse({ tickets: batch }).success).toBe(true);
    for (const t of seed.tickets) expect(ticketUpsertSchema.parse(t)).toEqual(t);
    for (const batch of chunks(seed.events, MAX_EVENTS_PER_BATCH)) {
      const parsed = eventBatchSchema.safeParse({ sentAt: NOW, events: batch });
      expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    }
    for (const e of seed.events) {
      expect(sdkEventSchema.parse(e)).toEqual(e);
      expect(JSON.stringify(e).length).toBeLessThan(MAX_EVENT_BYTES);
    }
    for (const t of seed.tips) expect(tipSchema.parse(t)).toEqual(t);
    for (const a of seed.articles) expect(articleSchema.parse(a)).toEqual(a);
    for (const r of seed.rules) {
      const parsed = ruleSchema.safeParse(r);
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    }
  });

  it('only refers to what it holds: requesters of their account, tips, articles, destinations, unique ids', () => {
    const users = new Map(seed.users.map((u) => [u.id, u]));
    const accounts = new Set(seed.accounts.map((a) => a.id));
    for (const u of seed.users) expect(accounts.has(u.accountId!)).toBe(true);
    for (const t of seed.tickets) expect(users.get(t.requester!.id!)?.accountId).toBe(t.accountId);
    for (const e of seed.events) expect(users.get(e.userId!)?.accountId).toBe(e.accountId);
    const unique = (ids: string[]) => expect(new Set(ids).size).toBe(ids.length);
    unique(seed.accounts.map((a) => a.id));
    unique(seed.users.map((u) => u.id));
    unique(seed.tickets.map((t) => t.id));
    unique(seed.tickets.flatMap((t) => t.messages!.map((m) => m.id)));
    unique(seed.events.map((e) => e.id));
    for (const e of seed.events.filter((x) => x.type === 'friction')) expect(e.signal!.id).toBe(e.id);

    const tipIds = new Set(seed.tips.map((t) => t.id));
    const articleUrls = new Set(seed.articles.map((a) => a.url));
    for (const t of seed.tips) if (t.articleUrl) expect(articleUrls.has(t.articleUrl)).toBe(true);
    for (const a of seed.articles) expect(a.url).toBe(`/demo/help/${a.id}`);
    for (const e of seed.events.filter((x) => x.tipId)) expect(tipIds.has(e.tipId!)).toBe(true);
    const destinations = new Set(seed.destinations.flatMap((d) => [d.id, d.name]));
    const actions = seed.rules.map((r) => ruleSchema.parse(r)).flatMap((r) => r.actions);
    for (const a of actions) {
      if (a.type === 'show_tip') expect(tipIds.has(a.tipId)).toBe(true);
      if (a.type === 'outreach') expect(destinations.has(a.destination)).toBe(true);
    }
  });

  it('has the rules the brief names: the field example, an outreach to the local inbox, a route to a senior queue', () => {
    const rules = seed.rules.map((r) => ruleSchema.parse(r));
    const example = rules.find((r) => r.description === 'If this account has two unresolved tickets in 5 days, flag for CSM review.')!;
    expect(example.conditions).toEqual([{ kind: 'count', subject: 'unresolved_tickets', op: 'gte', value: 2, within: { value: 5, unit: 'days' }, per: 'account' }]);
    expect(example.actions).toEqual([expect.objectContaining({ type: 'flag_csm' })]);
    expect(seed.destinations).toEqual([{ id: 'dest_local_inbox', name: 'local-inbox', config: { kind: 'local_inbox' }, enabled: true }]);
    expect(rules.flatMap((r) => r.actions).filter((a) => a.type === 'outreach' && a.destination === 'local-inbox').length).toBeGreaterThan(0);
    expect(rules.flatMap((r) => r.actions)).toContainEqual({ type: 'route_ticket', queue: 'Senior support', priority: 'urgent' });
  });

  it('is the same for the same now, to the event id', () => {
    const again = buildDemoSeed(NOW);
    expect(again).toEqual(seed);
    expect(JSON.stringify(again.events.slice(0, 50))).toBe(JSON.stringify(seed.events.slice(0, 50)));
  });

  it('spans months, and nothing in it is later than now', () => {
    const created = seed.tickets.map((t) => t.createdAt!);
    expect(NOW - Math.min(...created)).toBeGreaterThan(150 * D);
    expect(NOW - Math.min(...seed.events.map((e) => e.at))).toBeGreaterThan(55 * D);
    const months = new Set(created.map((t) => new Date(t).toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(6);
    for (const t of seed.tickets) {
      const times = t.messages!.map((m) => m.at as number);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBe(t.createdAt);
      for (const x of [...times, t.updatedAt!, t.solvedAt ?? 0, (t.csat?.at as number | undefined) ?? 0]) expect(x).toBeLessThanOrEqual(NOW);
      expect(resolved(t)).toBe(t.solvedAt !== null);
    }
    for (const e of seed.events) expect(e.at).toBeLessThanOrEqual(NOW);
    const accountsWithUse = new Set(seed.events.filter((e) => e.type === 'screen' && e.at > NOW - D).map((e) => e.accountId));
    // Today already has use (the seed's now is noon UTC), and the usage-drop account is quiet, not gone.
    expect(accountsWithUse.size).toBeGreaterThanOrEqual(10);
  });

  it('tells calm months and rough days apart: good and bad ratings, calm and angry messages, tips shown and held out', () => {
    const scores = seed.tickets.filter((t) => t.csat).map((t) => t.csat!.score);
    expect(scores.filter((x) => x === 'good').length).toBeGreaterThan(80);
    expect(scores.filter((x) => x === 'bad').length).toBeGreaterThan(5);
    const customer = seed.tickets.flatMap((t) => t.messages!.filter((m) => m.author === 'customer').map((m) => tone(m.text)));
    // Plenty of ordinary tickets: most customer messages read neutral or friendly.
    expect(customer.filter((x) => x >= -0.05).length / customer.length).toBeGreaterThan(0.8);
    expect(customer.filter((x) => x <= -0.5).length).toBeGreaterThan(2);
    const count = (type: SdkEvent['type']) => seed.events.filter((e) => e.type === type).length;
    expect(count('tip_shown')).toBeGreaterThan(50);
    expect(count('tip_held_out')).toBeGreaterThan(5);
    for (const type of ['screen', 'identify', 'track', 'help_opened', 'friction', 'tip_helpful', 'tip_dismissed', 'tip_unhelpful'] as const) expect(count(type)).toBeGreaterThan(0);
    // The holdout does what the prevention chart needs: users who did not see the tip filed tickets more often.
    const following = (type: 'tip_shown' | 'tip_held_out') => {
      const tipped = seed.events.filter((e) => e.type === type && e.at < NOW - 33 * D);
      const followed = tipped.filter((e) => seed.tickets.some((t) => t.requester!.id === e.userId && t.createdAt! > e.at && t.createdAt! <= e.at + 2 * D));
      return followed.length / tipped.length;
    };
    expect(following('tip_held_out')).toBeGreaterThan(following('tip_shown'));
  });
});

describe.each([
  ['noon on a Monday', NOW],
  ['a Thursday evening', NOW + 3 * D + 7 * H + 13 * 60_000],
  ['just after midnight on a Sunday', Date.UTC(2026, 10, 1, 0, 30)],
])('each account shows its pattern and no other, at %s', (_, now) => {
  const s = seedAt(now);
  const f = facts(s, now);
  const matching = (pattern: keyof typeof f.patterns) => SEED_ACCOUNTS.map((a) => a.id).filter((id) => f.patterns[pattern](id));

  it('one account (at least) per pattern, each the one its story is for', () => {
    expect(matching('unresolved_stack')).toEqual(['acct_acme']);
    expect(matching('repeat_contact')).toEqual(['acct_brightwave']);
    expect(matching('low_csat_reengagement')).toEqual(['acct_harbor']);
    expect(matching('tone_drift')).toEqual(['acct_orchid']);
    expect(matching('account_volume')).toEqual(['acct_kestrel']);
    expect(matching('usage_drop')).toEqual(['acct_fjord']);
    expect(matching('resolved_still_confused')).toEqual(['acct_tidepool']);
    // Tidepool's renewed confusion is friction too; the solve before it is what sets it apart.
    expect(matching('in_product_friction')).toEqual(['acct_lumen', 'acct_tidepool']);
    expect(matching('guardrail')).toEqual(['acct_quarry', 'acct_redline', 'acct_vertex']);
    for (const a of SEED_ACCOUNTS) if (a.shows !== 'healthy') expect(f.patterns[a.shows](a.id), `${a.id} shows ${a.shows}`).toBe(true);
  });

  it('the healthy accounts are calm: no open ticket, no friction, no bad rating, steady use', () => {
    for (const id of ['acct_meadowlark', 'acct_sable']) {
      expect(Object.entries(f.patterns).filter(([, holds]) => holds(id)).map(([p]) => p)).toEqual([]);
      expect(f.tickets(id).filter((t) => !resolved(t))).toEqual([]);
      expect(f.recent(id).length).toBeGreaterThan(0);
      expect(f.recent(id).every((t) => t.csat?.score === 'good')).toBe(true);
    }
  });

  it('week over week, only the usage-drop account falls; the others hold steady (a story\'s extra visits may add some)', () => {
    for (const a of SEED_ACCOUNTS) {
      const change = f.activity(a.id, now - 7 * D, now) / f.activity(a.id, now - 14 * D, now - 7 * D) - 1;
      if (a.shows === 'usage_drop') expect(change).toBeLessThan(-0.5);
      else expect([a.id, change > -0.2 && change < 0.4]).toEqual([a.id, true]);
    }
  });

  it('Acme: two tickets created 92 and 46 hours before now, by two people, both open', () => {
    const recent = f.recent('acct_acme');
    expect(recent.map((t) => [hoursBefore(now, t.createdAt!), t.status, t.requester!.id])).toEqual([
      [92, 'open', 'u_ana'],
      [46, 'open', 'u_tom'],
    ]);
  });

  it('Brightwave: a bank-sync ticket solved 120 hours ago, the same topic again 31 hours later, open', () => {
    const [first, again] = f.recent('acct_brightwave');
    expect([first!.topic, hoursBefore(now, first!.solvedAt!), first!.csat!.score]).toEqual(['bank-sync', 120, 'good']);
    expect([again!.topic, again!.status, (again!.createdAt! - first!.solvedAt!) / H]).toEqual(['bank-sync', 'open', 31]);
  });

  it('Harbor: rated bad 212 hours ago, a new ticket 108 hours after the rating, on another topic', () => {
    const [bad, next] = f.recent('acct_harbor');
    expect([bad!.csat!.score, hoursBefore(now, bad!.csat!.at as number), hoursBefore(now, bad!.solvedAt!)]).toEqual(['bad', 212, 216]);
    expect([(next!.createdAt! - (bad!.csat!.at as number)) / H, next!.status, next!.topic === bad!.topic]).toEqual([108, 'open', false]);
  });

  it('Orchid: the customer\'s last four messages slide from neutral to angry, with no guardrail words', () => {
    const lines = f.customerLines('acct_orchid').slice(-4).map((m) => tone(m.text));
    expect(lines[0]).toBeGreaterThanOrEqual(0);
    for (let i = 1; i < lines.length; i++) expect(lines[i]).toBeLessThan(lines[i - 1]!);
    expect(lines[3]).toBeLessThan(-0.6);
    expect(f.recent('acct_orchid').filter((t) => !resolved(t))).toHaveLength(1);
  });

  it('Kestrel: three different people filed tickets 144, 98 and 26 hours ago, about three things; only the newest is open', () => {
    const recent = f.recent('acct_kestrel');
    expect(recent.map((t) => hoursBefore(now, t.createdAt!))).toEqual([144, 98, 26]);
    expect(new Set(recent.map((t) => t.requester!.id)).size).toBe(3);
    expect(new Set(recent.map((t) => t.topic)).size).toBe(3);
    expect(recent.map((t) => resolved(t))).toEqual([true, true, false]);
  });

  it('Fjord: no tickets for a month and its power user gone for over a week; green in the CRM', () => {
    expect(f.recent('acct_fjord')).toEqual([]);
    const sam = s.events.filter((e) => e.userId === 'u_sam');
    expect(now - Math.max(...sam.map((e) => e.at))).toBeGreaterThan(7 * D);
    expect(s.users.find((u) => u.id === 'u_sam')!.lastSeenAt).toBe(Math.max(...sam.map((e) => e.at)));
    expect(s.accounts.find((a) => a.id === 'acct_fjord')).toMatchObject({ health: 'green', renewalDate: expect.any(Number) });
  });

  it('Lumen: 7 friction signals from 2 people within 3 days (3 on settings from one of them within minutes), then a ticket', () => {
    const signals = f.signals('acct_lumen');
    expect(signals).toHaveLength(7);
    expect(new Set(signals.map((e) => e.userId))).toEqual(new Set(['u_jonas', 'u_klara']));
    expect(Math.max(...signals.map((e) => e.at)) - Math.min(...signals.map((e) => e.at))).toBeLessThan(3 * D);
    const jonasOnSettings = signals.filter((e) => e.userId === 'u_jonas' && e.screen === '/demo/settings').map((e) => e.at);
    expect(jonasOnSettings.filter((at) => at - jonasOnSettings[0]! < D).length).toBeGreaterThanOrEqual(3);
    const [ticket] = f.recent('acct_lumen');
    expect([ticket!.requester!.id, ticket!.status, hoursBefore(now, ticket!.createdAt!)]).toEqual(['u_jonas', 'new', 25]);
    expect(signals.every((e) => e.at < ticket!.createdAt!)).toBe(true);
    expect(f.tickets('acct_lumen').some((t) => t.solvedAt && t.solvedAt > now - 30 * D)).toBe(false);
  });

  it('Tidepool: solved 140 hours ago, then help-seeking and screen cycling by the same new member within 7 days', () => {
    const [solved] = f.recent('acct_tidepool');
    expect([solved!.requester!.id, hoursBefore(now, solved!.solvedAt!), solved!.csat!.score]).toEqual(['u_priya', 140, 'good']);
    const after = f.signals('acct_tidepool');
    expect(after.map((e) => e.signal!.type)).toEqual(['help_seeking', 'screen_cycling']);
    for (const e of [...after, ...f.helpOpens('acct_tidepool')]) {
      expect(e.userId).toBe('u_priya');
      expect(e.at - solved!.solvedAt!).toBeGreaterThan(0);
      expect(e.at - solved!.solvedAt!).toBeLessThan(7 * D);
    }
    expect(f.helpOpens('acct_tidepool').map((e) => e.props!.articleId)).toEqual(['recurring-invoices', 'finding-invoices', 'recurring-invoices']);
    expect(now - s.users.find((u) => u.id === 'u_priya')!.createdAt!).toBe(9 * D);
    expect(f.recent('acct_tidepool')).toHaveLength(1);
  });

  it('Quarry, Redline, Vertex: a refund of $18,400, a chargeback, a manager; legal and cancelling; a partner', () => {
    const say = (id: string) => f.customerLines(id).map((m) => m.text).join(' ');
    expect(say('acct_quarry')).toMatch(/refund the duplicate \$18,400/);
    expect(say('acct_quarry')).toMatch(/chargeback/);
    expect(say('acct_quarry')).toMatch(/speak to a manager/);
    expect(say('acct_redline')).toMatch(/legal team/);
    expect(say('acct_redline')).toMatch(/cancelling/);
    expect(s.accounts.find((a) => a.id === 'acct_vertex')).toMatchObject({ tier: 'vip', traits: { partner: true, vip: true } });
    for (const id of ['acct_quarry', 'acct_redline', 'acct_vertex']) expect(f.recent(id).filter((t) => !resolved(t))).toHaveLength(1);
  });

  it('renewals within 60 days are Redline, Orchid, Acme and Fjord', () => {
    const soon = s.accounts.filter((a) => a.renewalDate && a.renewalDate - now <= 60 * D).map((a) => a.id);
    expect(soon.sort()).toEqual(['acct_acme', 'acct_fjord', 'acct_orchid', 'acct_redline']);
  });
});

describe('seedDemoWorkspace', () => {
  it('stores what the seed says in a fresh workspace, through the store\'s own methods', async () => {
    const h = await setup();
    const summary = await seedDemoWorkspace(h.store, h.workspaceId, NOW);
    expect(summary).toEqual({
      accounts: 13,
      users: seed.users.length,
      tickets: seed.tickets.length,
      events: seed.events.length,
      tips: DEMO_TIPS.length,
      articles: seed.articles.length,
      rules: seed.rules.length,
      destinations: 1,
    });
    const state = h.state();
    expect(state).toMatchObject({
      accounts: 13,
      users: seed.users.length,
      tickets: seed.tickets.length,
      ticketMessages: seed.tickets.reduce((n, t) => n + t.messages!.length, 0),
      events: seed.events.length,
      tips: DEMO_TIPS.length,
      articles: seed.articles.length,
    });

    const acme = await h.store.accountTimeline(h.workspaceId, 'acct_acme', 500);
    expect(acme.account).toMatchObject({ name: 'Acme Logistics', tier: 'enterprise', arr: 96_000, csm: 'maya.brooks@ledgerly.example' });
    expect(acme.account!.renewalDate! - NOW).toBeLessThanOrEqual(41 * D);
    expect(acme.users.map((u) => u.id).sort()).toEqual(['u_ana', 'u_grace', 'u_ivy', 'u_marcus', 'u_omar', 'u_tom']);
    expect(acme.tickets.filter((t) => t.status === 'open').map((t) => [hoursBefore(NOW, t.createdAt), t.requesterId])).toEqual([
      [46, 'u_tom'],
      [92, 'u_ana'],
    ]);
    // History came in as the help desk would have sent it: solved, then closed, with ratings.
    expect(acme.ticketEvents.some((e) => e.type === 'status' && e.toStatus === 'closed')).toBe(true);
    expect(acme.ticketEvents.some((e) => e.type === 'csat')).toBe(true);

    const quarry = await h.store.accountTimeline(h.workspaceId, 'acct_quarry', 10);
    const open = await h.store.getTicket(h.workspaceId, quarry.tickets[0]!.id);
    expect(open).toMatchObject({ status: 'open', priority: 'urgent', source: 'zendesk', subject: 'Charged twice for our April subscription' });
    expect(open!.messages.map((m) => m.author)).toEqual(['customer', 'agent', 'customer']);

    const stored = h.storedEvents().find((e) => e.type === 'friction' && e.account_id === 'acct_lumen')!;
    const original = seed.events.find((e) => e.id === stored.id)!;
    expect(JSON.parse(stored.payload)).toEqual(original);
    expect([stored.at, stored.client_at, stored.clock_skew]).toEqual([original.at, original.at, 0]);
    expect((await h.store.listTips(h.workspaceId)).map((t) => t.id).sort()).toEqual(DEMO_TIPS.map((t) => t.id).sort());
    expect((await h.store.listArticles(h.workspaceId)).length).toBe(seed.articles.length);

    // Seeding again changes nothing: every record is an upsert by its own id. (Rewriting an article bumps the
    // workspace's articles version, which only tells search indexes to rebuild.)
    await seedDemoWorkspace(h.store, h.workspaceId, NOW);
    expect({ ...h.state(), workspaces: null }).toEqual({ ...state, workspaces: null });
  });

  it('writes the local inbox and the rules too, destinations first, so every rule\'s references resolve', async () => {
    const h = await setup();
    const order: string[] = [];
    const putDestination = vi.fn(async (d: DestinationRecord) => (order.push(`destination:${d.name}`), h.store.putDestination(d)));
    const putRule = vi.fn(async (ws: string, r: Rule, now: number) => (order.push(`rule:${r.id}`), h.store.putRule(ws, r, now)));
    const summary = await seedDemoWorkspace({ ...h.store, putRule, putDestination }, h.workspaceId, NOW);
    expect(summary).toMatchObject({ rules: seed.rules.length, destinations: 1 });
    expect(order[0]).toBe('destination:local-inbox');
    expect(order.slice(1)).toEqual(seed.rules.map((r) => `rule:${r.id}`));
    expect(putDestination).toHaveBeenCalledWith({ ...seed.destinations[0], workspaceId: h.workspaceId, disabledReason: null, createdAt: NOW, updatedAt: NOW });
    // Rules arrive as the schema's output: defaults filled in, ready to store.
    const first = putRule.mock.calls[0]![1];
    expect(first).toEqual(ruleSchema.parse(seed.rules[0]));
    expect(first).toMatchObject({ enabled: true, match: 'all' });
    for (const { rule } of await h.store.listRules(h.workspaceId)) expect(await checkRuleReferences(h.store, h.workspaceId, rule)).toEqual([]);
  });
});

describe('the demo product and the seed agree', () => {
  const demo = (file: string) => readFileSync(path.join(REPO_ROOT, 'demo-app', file), 'utf8');

  it('the switcher signs in as seeded users of their seeded accounts, remembered, identified before the SDK loads', () => {
    const stored = new Map<string, string>();
    const run = () => {
      const calls: unknown[][] = [];
      const sandbox = {
        window: {} as { ledgerly?: { personas: Array<Record<string, unknown>>; switchTo(id: string): unknown } },
        localStorage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) },
        forestall: (...args: unknown[]) => void calls.push(args),
      };
      runInNewContext(demo('personas.js'), sandbox);
      return { ledgerly: sandbox.window.ledgerly!, calls };
    };
    const first = run();
    const users = new Map(seed.users.map((u) => [u.id, u]));
    const accounts = new Map(seed.accounts.map((a) => [a.id, a]));
    expect(first.ledgerly.personas.length).toBeGreaterThanOrEqual(6);
    for (const p of first.ledgerly.personas) {
      const u = users.get(p.userId as string)!;
      const a = accounts.get(p.accountId as string)!;
      expect([u.accountId, u.name, u.role, Math.round((NOW - u.createdAt!) / D)]).toEqual([p.accountId, p.name, p.role, p.joinedDaysAgo]);
      expect([a.name, a.plan, a.tier]).toEqual([p.accountName, p.plan, p.tier]);
    }
    expect(new Set(first.ledgerly.personas.map((p) => p.accountId)).size).toBe(first.ledgerly.personas.length);
    expect(first.calls).toEqual([['identify', { userId: 'u_ana', accountId: 'acct_acme', traits: expect.objectContaining({ plan: 'enterprise', role: 'admin' }) }]]);

    first.ledgerly.switchTo('u_jonas');
    expect(first.calls.slice(1)).toEqual([['reset'], ['identify', { userId: 'u_jonas', accountId: 'acct_lumen', traits: expect.objectContaining({ plan: 'pro', role: 'member' }) }]]);
    expect(run().calls).toEqual([['identify', expect.objectContaining({ userId: 'u_jonas' })]]);
  });

  it('the seeded friction is the friction the demo produces: same screens, labels and error messages', () => {
    const js = demo('demo.js');
    const html = demo('index.html');
    expect(js).toContain(VAT_ERROR);
    expect(js).toContain('aria-label="Connect QuickBooks"');
    expect(js).toContain('Save billing details');
    expect(js).toContain("range.from.toISOString()");
    expect(EXPORT_ERROR).toContain("(reading 'toISOString')");
    expect(html).toContain("screens: ['/demo/invoices/:id', '/demo/help/:id']");
    const screens = new Set(seed.events.filter((e) => e.screen).map((e) => e.screen));
    expect([...screens].sort()).toEqual(['/demo', '/demo/help', '/demo/help/:id', '/demo/integrations', '/demo/invoices', '/demo/invoices/:id', '/demo/reports', '/demo/settings']);
  });
});

describe('the seeded workspace through the real engine', () => {
  // Three start times, as the seed's own fact checks use: the stories are relative to `now`, whatever day it is.
  for (const start of [NOW, NOW + 3 * D + 7 * 3_600_000, NOW - 40 * D]) {
    it(`puts each account at risk for the reason it was written for (start ${new Date(start).toISOString()})`, async () => {
      const h = await setup();
      const { createSqliteStore } = await import('../db/sqliteStore');
      const { analyzeMessageOffline } = await import('../ai');
      const store = createSqliteStore(h.db, { analyzeMessage: (t) => analyzeMessageOffline(t) });
      await seedDemoWorkspace(store, h.workspaceId, start);
      h.clock.t = start;
      for (const a of SEED_ACCOUNTS) {
        const { assessment } = await h.pipeline.evaluate(h.workspaceId, a.id);
        const patterns = assessment.reasons.filter((r) => r.kind === 'pattern').map((r) => r.id);
        if (a.shows === 'healthy') expect([a.id, assessment.score]).toEqual([a.id, 0]);
        else expect([a.id, patterns]).toEqual([a.id, expect.arrayContaining([a.shows])]);
      }
      // The rules the seed ships fire on first start, and outreach lands in the local inbox.
      expect((await h.store.listTriggers(h.workspaceId, { limit: 50 })).length).toBeGreaterThanOrEqual(3);
      expect((await h.dispatcher.runOnce()).delivered).toBeGreaterThanOrEqual(1);
      expect((await h.store.listInbox(h.workspaceId, 10)).length).toBeGreaterThanOrEqual(1);
    });
  }
});
