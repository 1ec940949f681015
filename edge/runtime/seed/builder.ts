// Collects the demo's tickets and SDK events as they would have arrived, at times relative to `now`, in the SDK's own shapes.
import { fingerprintError } from '../../../sdk/detectors/errorLoop';
import { redact, shortLabel } from '../../../sdk/privacy';
import { matchTip } from '../../../sdk/tips/match';
import { DEFAULT_HOLDOUT_PERCENT, DEFAULT_LIMITS, type FrictionSignal, type PropValue, type SdkEvent, type SignalType, type Tip } from '../../../sdk/wire';
import type { TicketPriority, TicketStatus } from '../../store';
import { SEED_ACCOUNTS, SEED_AGENTS, type SeedAccount, type SeedUser } from './accounts';
import type { Conversation } from './conversations';
import type { Random } from './random';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Zendesk closes a solved ticket after 4 days; older solved tickets are stored as closed, as a sync would bring them. */
const CLOSE_AFTER_SOLVED_MS = 4 * DAY;

export interface DraftMessage {
  author: 'customer' | 'agent';
  authorId: string;
  text: string;
  at: number;
}

/** A ticket before it has its help-desk number: numbers follow creation order across the workspace, as Zendesk's do. */
export interface DraftTicket {
  account: SeedAccount;
  requester: SeedUser;
  subject: string;
  topic: string;
  tags: string[];
  priority: TicketPriority;
  status: TicketStatus;
  createdAt: number;
  solvedAt: number | null;
  messages: DraftMessage[];
  csat?: { score: 'good' | 'bad'; comment?: string; at: number };
}

export type TipOutcome = 'clicked' | 'helpful' | 'unhelpful' | 'dismissed';

/** One visit of one user: events in order, each a little after the previous, on the screen they are on. */
export interface SeedSession {
  readonly at: number;
  /** Moves the session's clock on. */
  wait(ms: number): SeedSession;
  screen(name: string): SeedSession;
  track(name: string, props?: Record<string, PropValue>): SeedSession;
  helpOpened(articleId: string, title: string): SeedSession;
  /** A friction signal on the current screen, and the tip the SDK would have decided for it (shown or held out). */
  friction(type: SignalType, detail: FrictionSignal['detail']): { signal: FrictionSignal; tip: Tip | null; heldOut: boolean };
  tipOutcome(tipId: string, outcome: TipOutcome): SeedSession;
}

export interface SeedBuilder {
  readonly now: number;
  readonly rng: Random;
  /** `now` minus days and hours. */
  ago(days: number, hours?: number): number;
  find(userId: string): { account: SeedAccount; user: SeedUser };
  traits(account: SeedAccount, user: SeedUser): Record<string, string | number | boolean>;
  addTicket(ticket: DraftTicket): void;
  /** A ticket from a conversation template, its messages spaced as a support desk answers; solved unless told otherwise. */
  conversationTicket(account: SeedAccount, user: SeedUser, createdAt: number, c: Conversation, opts?: { csat?: 'good' | 'bad' | null; csatComment?: string; priority?: TicketPriority }): DraftTicket;
  session(account: SeedAccount, user: SeedUser, start: number): SeedSession;
  /** The SDK's fingerprint of an error message, so seeded error loops group with live ones. */
  errorFingerprint(message: string): string;
  label(text: string): string;
  tickets(): DraftTicket[];
  events(): SdkEvent[];
}

export function createSeedBuilder(now: number, rng: Random, tips: Tip[]): SeedBuilder {
  const drafts: DraftTicket[] = [];
  const events: SdkEvent[] = [];
  // Stable per user, as the SDK keeps its anonymous id in localStorage.
  const anonymousIds = new Map<string, string>();
  // The SDK's per-browser memory of when each tip was last decided, so seeded tips respect their cooldowns.
  const lastShown = new Map<string, Record<string, number>>();
  const byUser = new Map<string, { account: SeedAccount; user: SeedUser }>();
  for (const account of SEED_ACCOUNTS) for (const user of account.users) byUser.set(user.id, { account, user });

  const fill = (text: string, vars: Record<string, string>) => text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

  const b: SeedBuilder = {
    now,
    rng,
    ago: (days, hours = 0) => now - days * DAY - hours * HOUR,
    find(userId) {
      const found = byUser.get(userId);
      if (!found) throw new Error(`seed: no user ${userId}`);
      return found;
    },
    traits: (account, user) => ({
      plan: account.plan,
      role: user.role,
      createdAt: new Date(now - user.joinedDaysAgo * DAY).toISOString().slice(0, 10),
    }),
    addTicket: (t) => void drafts.push(t),

    conversationTicket(account, user, createdAt, c, opts = {}) {
      const agent = rng.pick(SEED_AGENTS);
      const vars = { first: user.name.split(' ')[0]!, agent: agent.name, inv: `INV-${rng.int(1040, 2990)}`, n: String(rng.int(2, 9)) };
      const messages: DraftMessage[] = [];
      let at = createdAt;
      const say = (author: 'customer' | 'agent', lines: string[], gapMs: number) => {
        at += gapMs;
        messages.push({ author, authorId: author === 'agent' ? agent.id : user.id, text: fill(rng.pick(lines), vars), at });
      };
      say('customer', c.opening, 0);
      say('agent', c.reply, rng.int(40, 300) * MINUTE);
      if (c.followUp && rng.chance(0.6)) {
        say('customer', c.followUp, rng.int(2, 20) * HOUR);
        say('agent', c.resolution, rng.int(60, 240) * MINUTE);
      }
      if (c.thanks && rng.chance(0.7)) say('customer', c.thanks, rng.int(10, 180) * MINUTE);
      const solvedAt = at + rng.int(5, 60) * MINUTE;
      const rating = opts.csat === undefined ? (rng.chance(0.8) ? 'good' : null) : opts.csat;
      const ticket: DraftTicket = {
        account,
        requester: user,
        subject: c.subject,
        topic: c.topic,
        tags: c.tags,
        priority: opts.priority ?? (rng.chance(0.15) ? 'low' : 'normal'),
        status: 'solved',
        createdAt,
        solvedAt,
        messages,
      };
      if (rating) {
        const comment = opts.csatComment ?? '';
        ticket.csat = { score: rating, at: solvedAt + rng.int(20, 600) * MINUTE, ...(comment ? { comment } : {}) };
      }
      return ticket;
    },

    session(account, user, start) {
      let at = start;
      let current = '';
      const sessionId = rng.uuid();
      let anonymousId = anonymousIds.get(user.id);
      if (!anonymousId) anonymousIds.set(user.id, (anonymousId = rng.uuid()));
      const anon = anonymousId;
      const record = (type: SdkEvent['type'], fields: Partial<SdkEvent> = {}, id = rng.uuid()): void => {
        events.push({ id, type, at, anonymousId: anon, sessionId, userId: user.id, accountId: account.id, ...(current ? { screen: current } : {}), ...fields });
      };
      const tipState = lastShown.get(user.id) ?? {};
      lastShown.set(user.id, tipState);
      const traits = b.traits(account, user);

      const s: SeedSession = {
        get at() {
          return at;
        },
        wait(ms) {
          at += ms;
          return s;
        },
        screen(name) {
          if (name === current) return s;
          current = name;
          record('screen');
          return s;
        },
        track(name, props) {
          record('track', { name, ...(props ? { props } : {}) });
          return s;
        },
        helpOpened(articleId, title) {
          record('help_opened', { props: { articleId, title: shortLabel(title), url: `/demo/help/${articleId}` } });
          return s;
        },
        friction(type, detail) {
          const signal: FrictionSignal = { id: rng.uuid(), type, screen: current, at, detail };
          record('friction', { signal }, signal.id);
          const decision = matchTip(
            signal,
            tips,
            { userId: user.id, anonymousId: anon, traits },
            { shownThisSession: 0, lastShown: tipState },
            { ...DEFAULT_LIMITS, holdoutPercent: DEFAULT_HOLDOUT_PERCENT },
            at,
          );
          if (!decision) return { signal, tip: null, heldOut: false };
          tipState[decision.tip.id] = at;
          at += rng.int(80, 300);
          const heldOut = decision.action === 'hold_out';
          if (heldOut) record('tip_held_out', { tipId: decision.tip.id, props: { signal: type } });
          else record('tip_shown', { tipId: decision.tip.id, props: { rendered: true, signal: type } });
          return { signal, tip: decision.tip, heldOut };
        },
        tipOutcome(tipId, outcome) {
          record(`tip_${outcome}`, { tipId });
          return s;
        },
      };
      // The SDK records identify as soon as the page calls it, before the first screen.
      record('identify', { props: traits });
      return s;
    },

    errorFingerprint: (message) => fingerprintError(redact(message)),
    label: (text) => shortLabel(text),
    tickets: () => drafts,
    events: () => events,
  };
  return b;
}

/** Resolved tickets solved long enough ago are closed; closing moves the ticket's clock to that moment. */
export function settledStatus(t: DraftTicket, now: number): { status: TicketStatus; updatedAt: number } {
  const last = Math.max(t.createdAt, ...t.messages.map((m) => m.at), t.solvedAt ?? 0, t.csat?.at ?? 0);
  if (t.status === 'solved' && t.solvedAt !== null && now - t.solvedAt > CLOSE_AFTER_SOLVED_MS) {
    return { status: 'closed', updatedAt: Math.max(last, t.solvedAt + CLOSE_AFTER_SOLVED_MS) };
  }
  return { status: t.status, updatedAt: last };
}
