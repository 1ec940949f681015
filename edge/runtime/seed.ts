// The demo workspace as a pure function of `now` (Ledgerly's customers, people, tickets, product use, tips, articles, rules), and the call that stores it.
//
// On first start the console should already show at-risk accounts, each for a different reason, beside calm ones,
// and live use of the demo (demo-app/, whose switcher signs in as these same users) should add to them. The last 30
// days of every account are written as a story (seed/stories.ts, where each says why the data crosses its pattern's
// default threshold); months of calm history (seed/history.ts) sit behind them:
//
// | account                    | tier       | shows                         | the evidence                                               |
// | -------------------------- | ---------- | ----------------------------- | ---------------------------------------------------------- |
// | Acme Logistics             | enterprise | unresolved stack (+ the rule) | 2 open tickets, created 92 h and 46 h ago (2 in 5 days)      |
// | Brightwave Media           | pro        | repeat contact                | same topic reopened 31 h after a solve (< 72 h)             |
// | Harbor Coffee Roasters     | pro        | low CSAT then re-engagement   | rated bad, new ticket 108 h later (< 7 days)                |
// | Orchid Dental Group        | enterprise | tone drift                    | 4 customer messages sliding from neutral to angry           |
// | Kestrel Freight            | pro (team) | account volume                | 3 people filed tickets within 6 days (3 in 7 days)          |
// | Fjord Analytics            | pro        | usage drop                    | activity at 35% for 8 days, power user gone (≥ 40% drop)    |
// | Lumen Architects GmbH      | pro        | in-product friction           | 7 signals from 2 users in 3 days, then a ticket             |
// | Tidepool Swim School       | pro        | resolved but still confused   | help-seeking and cycling 65–110 h after a solve (< 7 days)  |
// | Quarry Construction        | enterprise | guardrails                    | $18,400 refund, chargeback, "speak to a manager"            |
// | Redline Media              | pro        | guardrails                    | legal team reviewing, considering cancelling                |
// | Vertex Partners            | vip        | guardrails                    | a partner account with an open ticket                       |
// | Meadowlark Farms           | free       | healthy                       | calm, steady                                                |
// | Sable & Finch Bookkeeping  | pro        | healthy                       | calm, steady                                                |
//
// Renewals within 60 days: Redline (19), Orchid (25), Acme (41), Fjord (52): context that raises their urgency.
import type { SdkEvent, Tip } from '../../sdk/wire';
import { ruleSchema, type Rule, type RuleInput } from '../rules/schema';
import type { AccountUpsert, EventRow, Store, TicketUpsert, UserUpsert } from '../store';
import { MAX_TICKETS_PER_BATCH } from '../context/schemas';
import { MAX_EVENTS_PER_BATCH, type Article } from '../wire-schemas';
import { DEMO_ARTICLES, DEMO_TIPS } from './demoContent';
import { SEED_ACCOUNTS, emailOf } from './seed/accounts';
import { createSeedBuilder, DAY, settledStatus } from './seed/builder';
import { addFrictionHistory, addProductActivity, addTicketHistory } from './seed/history';
import { createRandom } from './seed/random';
import { LOCAL_INBOX, SEED_RULES, type SeedDestination } from './seed/rules';
import { addStories } from './seed/stories';

export type { SeedDestination } from './seed/rules';

export interface DemoSeed {
  accounts: AccountUpsert[];
  users: UserUpsert[];
  tickets: TicketUpsert[];
  events: SdkEvent[];
  tips: Tip[];
  articles: Article[];
  rules: RuleInput[];
  destinations: SeedDestination[];
}

/** Any constant would do; this one is fixed so every first start tells the same story. */
const SEED = 0x1ed9e7;
/** Help-desk numbers start here, as if Ledgerly had been answering tickets for a while. */
const FIRST_TICKET_NUMBER = 8201;
/** The SDK flushes every few seconds: an event reaches the edge a little after it happened. */
const DELIVERY_DELAY_MS = 3000;

const startOfUtcDay = (t: number) => Math.floor(t / DAY) * DAY;

/** The whole demo workspace for a given `now`: the same `now` gives the same workspace, to the event id. */
export function buildDemoSeed(now: number): DemoSeed {
  const b = createSeedBuilder(now, createRandom(SEED), DEMO_TIPS);
  addTicketHistory(b);
  addProductActivity(b);
  addFrictionHistory(b);
  addStories(b, SEED_ACCOUNTS);

  const events = [...b.events()].sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : 1));
  const lastSeen = new Map<string, number>();
  for (const e of events) if (e.userId) lastSeen.set(e.userId, e.at);

  const accounts = SEED_ACCOUNTS.map(
    (a): AccountUpsert => ({
      id: a.id,
      name: a.name,
      domain: a.domain,
      tier: a.tier,
      arr: a.arr,
      renewalDate: a.renewalInDays === null ? null : startOfUtcDay(now + a.renewalInDays * DAY),
      owner: a.owner,
      csm: a.csm,
      health: a.health,
      healthScore: a.healthScore,
      plan: a.plan,
      traits: { country: a.country, seats: a.users.length, partner: a.partner === true, vip: a.tier === 'vip' },
    }),
  );
  const users = SEED_ACCOUNTS.flatMap((a) =>
    a.users.map(
      (u): UserUpsert => ({
        id: u.id,
        accountId: a.id,
        email: emailOf(a, u),
        name: u.name,
        role: u.role,
        createdAt: now - u.joinedDaysAgo * DAY,
        lastSeenAt: lastSeen.get(u.id) ?? null,
        traits: { powerUser: u.powerUser === true },
      }),
    ),
  );
  const drafts = [...b.tickets()].sort((x, y) => x.createdAt - y.createdAt);
  const tickets = drafts.map((t, i): TicketUpsert => {
    const id = String(FIRST_TICKET_NUMBER + i);
    const { status, updatedAt } = settledStatus(t, now);
    return {
      id,
      status,
      priority: t.priority,
      requester: { id: t.requester.id, email: emailOf(t.account, t.requester) },
      accountId: t.account.id,
      subject: t.subject,
      tags: t.tags,
      topic: t.topic,
      messages: t.messages.map((m, j) => ({ id: `${id}-${j + 1}`, author: m.author, authorId: m.authorId, text: m.text, at: m.at })),
      ...(t.csat ? { csat: t.csat } : {}),
      createdAt: t.createdAt,
      updatedAt,
      solvedAt: t.solvedAt,
    };
  });

  return { accounts, users, tickets, events, tips: DEMO_TIPS, articles: DEMO_ARTICLES, rules: SEED_RULES, destinations: [LOCAL_INBOX] };
}

/** What the seed writes through: the Store's own methods. */
export type SeedTarget = Pick<Store, 'upsertAccounts' | 'upsertUsers' | 'upsertTickets' | 'insertEvents' | 'putTip' | 'putArticle' | 'putRule' | 'putDestination'>;

export interface SeedSummary {
  accounts: number;
  users: number;
  tickets: number;
  events: number;
  tips: number;
  articles: number;
  rules: number;
  destinations: number;
}

function eventRow(e: SdkEvent, now: number): EventRow {
  return {
    id: e.id,
    type: e.type,
    at: e.at,
    clientAt: e.at,
    receivedAt: Math.min(now, e.at + DELIVERY_DELAY_MS),
    clockSkew: false,
    anonymousId: e.anonymousId,
    sessionId: e.sessionId,
    userId: e.userId ?? null,
    accountId: e.accountId ?? null,
    screen: e.screen ?? null,
    payload: JSON.stringify(e),
  };
}

/** Writes the demo workspace for `now` into a fresh workspace, in the batch sizes the API allows. */
export async function seedDemoWorkspace(target: SeedTarget, workspaceId: string, now: number): Promise<SeedSummary> {
  const seed = buildDemoSeed(now);
  await target.upsertAccounts(workspaceId, seed.accounts, now);
  await target.upsertUsers(workspaceId, seed.users, now);
  for (let i = 0; i < seed.tickets.length; i += MAX_TICKETS_PER_BATCH) {
    await target.upsertTickets(workspaceId, seed.tickets.slice(i, i + MAX_TICKETS_PER_BATCH), 'zendesk', now);
  }
  // Every batch is handed over at once: a store that groups commits (the SQLite one does) writes them in one
  // transaction, which keeps the first start short.
  const batches: Array<Promise<unknown>> = [];
  for (let i = 0; i < seed.events.length; i += MAX_EVENTS_PER_BATCH) {
    batches.push(target.insertEvents(workspaceId, seed.events.slice(i, i + MAX_EVENTS_PER_BATCH).map((e) => eventRow(e, now))));
  }
  await Promise.all(batches);
  for (const tip of seed.tips) await target.putTip(workspaceId, tip, now);
  for (const article of seed.articles) await target.putArticle(workspaceId, article, now);
  // Destinations first: the rules' outreach names them.
  for (const d of seed.destinations) await target.putDestination({ ...d, workspaceId, disabledReason: null, createdAt: now, updatedAt: now });
  for (const r of seed.rules) await target.putRule(workspaceId, ruleSchema.parse(r), now);
  const rules = seed.rules.length;
  const destinations = seed.destinations.length;
  return {
    accounts: seed.accounts.length,
    users: seed.users.length,
    tickets: seed.tickets.length,
    events: seed.events.length,
    tips: seed.tips.length,
    articles: seed.articles.length,
    rules,
    destinations,
  };
}
