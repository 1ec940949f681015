// The calm months behind the demo: every account's daily use of Ledgerly, its older tickets, and older friction with the tips it met.
import { SEED_ACCOUNTS, type SeedAccount, type SeedUser } from './accounts';
import { DAY, MINUTE, type SeedBuilder, type SeedSession } from './builder';
import {
  BAD_CSAT_COMMENTS,
  CALM_CONVERSATIONS,
  FRICTION_CONVERSATIONS,
  GOOD_CSAT_COMMENTS,
  ROUGH_CONVERSATIONS,
  type FrictionScenario,
} from './conversations';

/** Eight weeks of product activity: enough for week-over-week trends and a chart that shows a before. */
export const ACTIVITY_DAYS = 56;
/** Six months of tickets. */
export const HISTORY_DAYS = 180;
/**
 * History stops here. The risk engine reads the last 30 days (RISK_LOOKBACK_DAYS); that window belongs to the
 * stories in ./stories.ts, so each account shows the pattern it is meant to and nothing the history adds by chance.
 */
export const HISTORY_NEWEST_DAYS = 32;
/** Older friction (and the tickets it led to) stays this far back, so its follow-up tickets stay out of the window too. */
const FRICTION_NEWEST_DAYS = 33;
/** The usage-drop account's last days run at this share of its usual activity: a 65% drop, well past the 40% threshold. */
export const USAGE_DROP_FACTOR = 0.35;
export const USAGE_DROP_DAYS = 8;

/** Ledgerly's screens, named as the demo's `screens` route templates name them. */
export const SCREENS = {
  dashboard: '/demo',
  invoices: '/demo/invoices',
  invoice: '/demo/invoices/:id',
  reports: '/demo/reports',
  settings: '/demo/settings',
  integrations: '/demo/integrations',
  help: '/demo/help',
  article: '/demo/help/:id',
} as const;

/** Where people go next from each screen, weighted: mostly invoices, now and then reports and settings. */
const NEXT: Record<string, Array<[string, number]>> = {
  [SCREENS.dashboard]: [[SCREENS.invoices, 5], [SCREENS.invoice, 2], [SCREENS.reports, 2], [SCREENS.settings, 1]],
  [SCREENS.invoices]: [[SCREENS.invoice, 7], [SCREENS.dashboard, 2], [SCREENS.reports, 1]],
  [SCREENS.invoice]: [[SCREENS.invoices, 6], [SCREENS.dashboard, 2], [SCREENS.reports, 1]],
  [SCREENS.reports]: [[SCREENS.dashboard, 3], [SCREENS.invoices, 3]],
  [SCREENS.settings]: [[SCREENS.dashboard, 2], [SCREENS.integrations, 1], [SCREENS.invoices, 2]],
  [SCREENS.integrations]: [[SCREENS.dashboard, 2], [SCREENS.settings, 1]],
};

/** What people do on a screen, now and then: the product's own `track` calls. */
const TRACKS: Record<string, Array<[string, number]>> = {
  [SCREENS.invoices]: [['invoice_created', 0.15]],
  [SCREENS.invoice]: [['invoice_sent', 0.15], ['reminder_sent', 0.1], ['payment_recorded', 0.1]],
  [SCREENS.reports]: [['report_exported', 0.3]],
};

/** Business hours, UTC: when sessions start. */
const OPEN_MS = 7 * 60 * MINUTE;
const CLOSE_MS = 18 * 60 * MINUTE;

const utcDay = (t: number) => Math.floor(t / DAY) * DAY;
const joinedAt = (b: SeedBuilder, u: SeedUser) => b.now - u.joinedDaysAgo * DAY;

function weighted<T>(b: SeedBuilder, items: Array<[T, number]>): T {
  let r = b.rng.next() * items.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]![0];
}

/** Weekends are quiet in a B2B billing product. */
function weekdayFactor(day: number): number {
  const d = new Date(day).getUTCDay();
  return d === 6 ? 0.3 : d === 0 ? 0.2 : 1;
}

/** People who could have used Ledgerly that day; power users show up four times as often. */
function activeUsers(b: SeedBuilder, account: SeedAccount, dayEnd: number, dropped: boolean): Array<[SeedUser, number]> {
  return account.users
    .filter((u) => joinedAt(b, u) < dayEnd)
    // The drop is the power user going quiet: the person who lived in the product has stopped coming.
    .filter((u) => !(dropped && u.powerUser))
    .map((u): [SeedUser, number] => [u, u.powerUser ? 4 : 1]);
}

/**
 * Product activity: sessions of screens and tracks on business hours, a steady level per account (±8% a day), and
 * for the usage-drop account USAGE_DROP_FACTOR of it over its last USAGE_DROP_DAYS days. Nothing after `now`.
 */
export function addProductActivity(b: SeedBuilder): void {
  const today = utcDay(b.now);
  for (const account of SEED_ACCOUNTS) {
    for (let day = today - ACTIVITY_DAYS * DAY; day <= today; day += DAY) {
      const dropped = account.shows === 'usage_drop' && day >= today - USAGE_DROP_DAYS * DAY;
      // Today only as far as it has gone: the share of business hours already behind `now`.
      const elapsed = Math.min(1, Math.max(0, (b.now - day - OPEN_MS) / (CLOSE_MS - OPEN_MS)));
      const target = Math.round(account.dailyEvents * elapsed * weekdayFactor(day) * (dropped ? USAGE_DROP_FACTOR : 1) * (0.92 + 0.16 * b.rng.next()));
      const users = activeUsers(b, account, day + DAY, dropped);
      let emitted = 0;
      for (let tries = 0; emitted < target && users.length > 0 && tries < target * 2; tries++) {
        const start = day + OPEN_MS + b.rng.int(0, (CLOSE_MS - OPEN_MS) / MINUTE) * MINUTE;
        const user = weighted(b, users);
        if (start > b.now - 10 * MINUTE || start < joinedAt(b, user)) continue;
        emitted += browse(b, b.session(account, user, start), Math.min(target - emitted, b.rng.int(4, 12)));
      }
    }
  }
}

/** A visit of `events` events (identify included): a walk over the screens with a few tracks. Returns how many it made. */
function browse(b: SeedBuilder, s: SeedSession, events: number): number {
  let made = 1; // identify
  let screen: string = SCREENS.dashboard;
  while (made < events) {
    s.screen(screen);
    made++;
    for (const [name, p] of TRACKS[screen] ?? []) {
      if (made < events && b.rng.chance(p)) {
        s.wait(b.rng.int(5, 40) * 1000).track(name);
        made++;
      }
    }
    if (s.at > b.now - 5 * MINUTE) break;
    s.wait(b.rng.int(8, 90) * 1000);
    screen = weighted(b, NEXT[screen]!);
  }
  return made;
}

const SCENARIO_SCREEN: Record<FrictionScenario, string> = {
  invoice_cycling: SCREENS.invoices,
  vat_form: SCREENS.settings,
  quickbooks_connect: SCREENS.integrations,
  export_range: SCREENS.reports,
  help_hunt: SCREENS.article,
};

/** The error the reports page throws when a custom range lacks a date (demo-app/demo.js has the same bug). */
export const EXPORT_ERROR = "Uncaught TypeError: Cannot read properties of null (reading 'toISOString')";

/** Plays one scenario's friction the way the SDK would have reported it; returns the signal and its tip. */
export function playFriction(b: SeedBuilder, s: SeedSession, scenario: FrictionScenario) {
  const screen = SCENARIO_SCREEN[scenario];
  switch (scenario) {
    case 'invoice_cycling':
      s.screen(SCREENS.invoices);
      for (let i = 0; i < 3; i++) s.wait(b.rng.int(4, 9) * 1000).screen(SCREENS.invoice).wait(b.rng.int(3, 8) * 1000).screen(SCREENS.invoices);
      return s.friction('screen_cycling', { returns: 3, screens: [SCREENS.invoices, SCREENS.invoice], medianDwellMs: b.rng.int(4000, 8000) });
    case 'vat_form':
      s.screen(screen).wait(b.rng.int(40, 120) * 1000);
      return s.friction('form_struggle', { form: 'billing-form', invalidSubmits: 3 });
    case 'quickbooks_connect':
      s.screen(screen).wait(b.rng.int(5, 30) * 1000);
      return s.friction('dead_click', { label: 'Connect QuickBooks', clicks: b.rng.int(1, 3) });
    case 'export_range':
      s.screen(screen).wait(b.rng.int(20, 60) * 1000);
      return s.friction('error_loop', { fingerprint: b.errorFingerprint(EXPORT_ERROR), kind: 'js', repeats: 2 });
    case 'help_hunt': {
      s.screen(SCREENS.help);
      const articles: Array<[string, string]> = [
        ['recurring-invoices', 'Setting up recurring invoices'],
        ['finding-invoices', 'Finding and filtering invoices'],
        ['getting-started', 'Getting started with Ledgerly'],
      ];
      for (const [id, title] of articles) s.wait(b.rng.int(30, 200) * 1000).helpOpened(id, title).screen(screen);
      return s.friction('help_seeking', { opens: 3, articles: articles.map(([id]) => id), sameArticle: false });
    }
  }
}

/**
 * Friction from weeks 5 to 8, as the SDK reported it, with the tip it decided (shown, or held out for 10% of
 * user–tip pairs by the SDK's own hash) and what the user did with it. Some users then filed a ticket: more often
 * when the tip was held out or did not help, which is what the console's prevention chart measures.
 */
export function addFrictionHistory(b: SeedBuilder): void {
  const today = utcDay(b.now);
  const scenarios = Object.keys(SCENARIO_SCREEN) as FrictionScenario[];
  for (const account of SEED_ACCOUNTS) {
    for (let day = today - ACTIVITY_DAYS * DAY; day <= today - FRICTION_NEWEST_DAYS * DAY; day += DAY) {
      if (weekdayFactor(day) < 1 || !b.rng.chance(Math.min(0.9, account.dailyEvents / 70))) continue;
      const users = activeUsers(b, account, day, false);
      if (users.length === 0) continue;
      const user = weighted(b, users);
      const scenario = b.rng.pick(scenarios);
      const s = b.session(account, user, day + b.rng.int(8 * 60, 17 * 60) * MINUTE).screen(SCREENS.dashboard).wait(b.rng.int(10, 60) * 1000);
      const { tip, heldOut } = playFriction(b, s, scenario);
      let fileTicket = 0.3;
      if (tip && heldOut) fileTicket = 0.45;
      else if (tip) {
        const outcome = weighted(b, [['helpful', 45], ['clicked', 15], ['dismissed', 25], ['unhelpful', 15]] as Array<['helpful' | 'clicked' | 'dismissed' | 'unhelpful', number]>);
        s.wait(b.rng.int(3, 25) * 1000).tipOutcome(tip.id, outcome);
        fileTicket = outcome === 'helpful' || outcome === 'clicked' ? 0.05 : 0.25;
      }
      if (b.rng.chance(fileTicket)) {
        b.addTicket(b.conversationTicket(account, user, s.at + b.rng.int(20, 30 * 60) * MINUTE, FRICTION_CONVERSATIONS[scenario]));
      }
    }
  }
}

/**
 * Six months of ordinary tickets per account (more people, more tickets), from HISTORY_DAYS to HISTORY_NEWEST_DAYS
 * ago: mostly calm how-to questions rated good, some rated bad, now and then a rough one. All solved and closed.
 */
export function addTicketHistory(b: SeedBuilder): void {
  for (const account of SEED_ACCOUNTS) {
    const big = account.tier === 'enterprise' || account.tier === 'vip';
    const count = Math.round(account.users.length * 2.5) + (big ? 4 : 0);
    const oldest = Math.min(HISTORY_DAYS, Math.max(...account.users.map((u) => u.joinedDaysAgo)));
    for (let i = 0; i < count && oldest > HISTORY_NEWEST_DAYS; i++) {
      let day = utcDay(b.ago(b.rng.int(HISTORY_NEWEST_DAYS + 1, oldest)));
      while (weekdayFactor(day) < 1) day -= DAY;
      const createdAt = day + b.rng.int(8 * 60, 17 * 60) * MINUTE;
      const requesters = account.users.filter((u) => joinedAt(b, u) < createdAt - DAY);
      if (requesters.length === 0 || createdAt > b.ago(HISTORY_NEWEST_DAYS)) continue;
      const user = b.rng.pick(requesters);
      const daysAgo = (b.now - createdAt) / DAY;
      if (daysAgo > 45 && b.rng.chance(0.07)) {
        b.addTicket(b.conversationTicket(account, user, createdAt, b.rng.pick(ROUGH_CONVERSATIONS), { csat: 'bad', csatComment: b.rng.pick(BAD_CSAT_COMMENTS), priority: 'high' }));
        continue;
      }
      const r = b.rng.next();
      // Bad ratings only from 35 days back: inside the window a bad rating is a story's evidence, never an accident.
      const csat = r < 0.72 ? 'good' : r < 0.82 && daysAgo > 35 ? 'bad' : null;
      b.addTicket(
        b.conversationTicket(account, user, createdAt, b.rng.pick(CALM_CONVERSATIONS), {
          csat,
          csatComment: csat === 'bad' ? b.rng.pick(BAD_CSAT_COMMENTS) : csat === 'good' ? b.rng.pick(GOOD_CSAT_COMMENTS) : '',
        }),
      );
    }
  }
}
