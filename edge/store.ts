// The storage interface the app is written against; edge/db/sqliteStore.ts implements it on better-sqlite3, and a
// D1 store will implement it on Workers. Every method is async because D1 is.
import type { DiagnosticTrail, HandoffRequest, Tip } from '../sdk/wire';
import type { AccountUpsert, TicketUpsertInput, UserUpsert } from './context/schemas';
import type { TICKET_PRIORITIES, TICKET_SOURCES, TICKET_STATUSES, WebhookSecret } from './db/schema';
import type { KeyKind } from './keys';
import type { Article, WorkspaceSettings } from './wire-schemas';

export type { AccountUpsert, UserUpsert, WebhookSecret };
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export type TicketSource = (typeof TICKET_SOURCES)[number];
/** A ticket as validated or mapped from a webhook: times are epoch ms; a field left out keeps its stored value. */
export type TicketUpsert = TicketUpsertInput;

export interface ApiKeyRecord {
  id: string;
  workspaceId: string;
  kind: KeyKind;
  /** sha-256 hex of the key. */
  hash: string;
  prefix: string;
  origins: string[];
  createdAt: number;
  revokedAt: number | null;
}

/** One event as stored: the validated SdkEvent plus what the edge decided about it. */
export interface EventRow {
  id: string;
  type: string;
  at: number;
  clientAt: number;
  receivedAt: number;
  clockSkew: boolean;
  anonymousId: string;
  sessionId: string;
  userId: string | null;
  accountId: string | null;
  screen: string | null;
  /** The whole event as JSON. */
  payload: string;
}

export interface InsertResult {
  /** Events stored by this call. */
  accepted: number;
  /** Events whose id was already stored (by an earlier batch or earlier in this one). */
  duplicates: number;
}

export interface StoredArticle extends Article {
  updatedAt: number;
}

/** What the store knows of the account (or, without one, the user) behind a handoff, at the moment of the handoff. */
export interface AccountContext {
  accountId: string | null;
  userId: string | null;
  /** Users of the account seen in the window. */
  usersSeen: number;
  /** Events in the window, by type. */
  eventCounts: Record<string, number>;
  recentSignals: Array<{ type: string; screen: string | null; at: number }>;
  recentCases: Array<{ id: string; reference: string; status: string; createdAt: number; tryingTo: string }>;
  windowDays: number;
}

export interface NewCase {
  id: string;
  handoff: HandoffRequest;
  context: AccountContext;
  summary: string;
  createdAt: number;
}

export interface CaseRecord {
  id: string;
  reference: string;
  status: 'open' | 'closed';
  handoffId: string;
  anonymousId: string;
  sessionId: string;
  userId: string | null;
  accountId: string | null;
  screen: string | null;
  answers: HandoffRequest['answers'];
  trail: DiagnosticTrail;
  context: AccountContext;
  summary: string;
  attachment: { name: string; type: string; bytes: number } | null;
  clientAt: number;
  createdAt: number;
}

export type CaseListItem = Pick<CaseRecord, 'id' | 'reference' | 'status' | 'userId' | 'accountId' | 'screen' | 'createdAt'> & {
  tryingTo: string;
};

export interface TimelineEvent {
  id: string;
  type: string;
  at: number;
  userId: string | null;
  screen: string | null;
  clockSkew: boolean;
  event: unknown;
}

/** What a batch upsert did, per record: new, changed, or the same as stored already. */
export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface TicketUpsertCounts extends UpsertCounts {
  /** Messages not stored before (re-sent ones are not counted). */
  messagesAdded: number;
  /** Status changes recorded in the ticket's history. */
  statusChanges: number;
}

type Traits = Record<string, string | number | boolean | null>;

export interface AccountRecord {
  id: string;
  name: string | null;
  domain: string | null;
  tier: string | null;
  arr: number | null;
  /** Epoch ms. */
  renewalDate: number | null;
  owner: string | null;
  csm: string | null;
  health: string | null;
  healthScore: number | null;
  plan: string | null;
  traits: Traits | null;
  insertedAt: number;
  updatedAt: number;
}

export interface UserRecord {
  id: string;
  accountId: string | null;
  email: string | null;
  name: string | null;
  role: string | null;
  createdAt: number | null;
  lastSeenAt: number | null;
  traits: Traits | null;
  insertedAt: number;
  updatedAt: number;
}

export interface TicketListItem {
  id: string;
  status: TicketStatus;
  priority: TicketPriority | null;
  requesterId: string | null;
  requesterEmail: string | null;
  accountId: string | null;
  subject: string | null;
  tags: string[] | null;
  topic: string | null;
  csat: { score: string; negative: boolean; comment: string | null; at: number | null } | null;
  createdAt: number;
  updatedAt: number;
  solvedAt: number | null;
  source: TicketSource;
  messageCount: number;
}

export interface TicketMessageRecord {
  id: string;
  author: 'customer' | 'agent';
  authorId: string | null;
  text: string;
  public: boolean;
  at: number;
}

export interface TicketRecord extends TicketListItem {
  messages: TicketMessageRecord[];
}

/** One entry of a ticket's history: created, a status change, a rating. */
export interface TicketEventRecord {
  id: string;
  ticketId: string;
  type: 'created' | 'status' | 'csat';
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  csatScore: string | null;
  at: number;
  source: TicketSource;
}

export interface WebhookSourceRecord {
  id: string;
  workspaceId: string;
  name: string;
  kind: 'zendesk' | 'standard';
  mapping: 'zendesk' | 'salesforce_case' | 'hubspot_company';
  secrets: WebhookSecret[];
  createdAt: number;
  updatedAt: number;
}

/** What one verified webhook delivery changes. */
export interface WebhookChanges {
  accounts?: AccountUpsert[];
  tickets?: TicketUpsert[];
  ticketSource: TicketSource;
}

export type WebhookApplied =
  | { duplicate: true }
  | { duplicate: false; accounts: UpsertCounts; tickets: TicketUpsertCounts };

export interface AccountTimeline {
  account: AccountRecord | null;
  users: UserRecord[];
  events: TimelineEvent[];
  cases: CaseListItem[];
  /** Newest first by creation. */
  tickets: TicketListItem[];
  /** The tickets' history, newest first. */
  ticketEvents: TicketEventRecord[];
}

export interface Store {
  findKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  /** Whether any live public key allows this origin; answers CORS preflights, which carry no key. */
  isOriginAllowed(origin: string): Promise<boolean>;

  /** Stores the batch in one transaction, skipping ids already stored; resolves only once committed. */
  insertEvents(workspaceId: string, rows: EventRow[]): Promise<InsertResult>;

  getSettings(workspaceId: string): Promise<WorkspaceSettings | null>;
  putSettings(workspaceId: string, settings: WorkspaceSettings): Promise<void>;

  listTips(workspaceId: string): Promise<Tip[]>;
  getTip(workspaceId: string, id: string): Promise<Tip | null>;
  /** Creates or replaces; resolves true when it created. */
  putTip(workspaceId: string, tip: Tip, now: number): Promise<boolean>;
  deleteTip(workspaceId: string, id: string): Promise<boolean>;

  listArticles(workspaceId: string): Promise<StoredArticle[]>;
  getArticle(workspaceId: string, id: string): Promise<StoredArticle | null>;
  putArticle(workspaceId: string, article: Article, now: number): Promise<boolean>;
  deleteArticle(workspaceId: string, id: string): Promise<boolean>;
  /** Changes whenever any article of the workspace changes. */
  articlesVersion(workspaceId: string): Promise<number>;

  accountContext(
    workspaceId: string,
    who: { accountId?: string | undefined; userId?: string | undefined; anonymousId: string },
    since: number,
  ): Promise<Omit<AccountContext, 'windowDays'>>;
  /** Creates the case for a handoff, or finds the one an earlier try of the same handoff created. */
  createCase(workspaceId: string, input: NewCase): Promise<{ record: CaseRecord; created: boolean }>;
  listCases(workspaceId: string, filter: { accountId?: string | undefined; status?: 'open' | 'closed' | undefined; limit: number }): Promise<CaseListItem[]>;
  /** By case id or by reference (FS-1042). */
  getCase(workspaceId: string, idOrReference: string): Promise<CaseRecord | null>;
  accountTimeline(workspaceId: string, accountId: string, limit: number): Promise<AccountTimeline>;

  /** Each batch is one transaction; records apply in order, so a later copy of an id wins. */
  upsertAccounts(workspaceId: string, accounts: AccountUpsert[], now: number): Promise<UpsertCounts>;
  upsertUsers(workspaceId: string, users: UserUpsert[], now: number): Promise<UpsertCounts>;
  upsertTickets(workspaceId: string, tickets: TicketUpsert[], source: TicketSource, now: number): Promise<TicketUpsertCounts>;
  getTicket(workspaceId: string, id: string): Promise<TicketRecord | null>;

  listWebhookSources(workspaceId: string): Promise<WebhookSourceRecord[]>;
  getWebhookSource(workspaceId: string, name: string): Promise<WebhookSourceRecord | null>;
  /** By the id in a webhook URL, whichever workspace it belongs to. */
  findWebhookSource(id: string): Promise<WebhookSourceRecord | null>;
  /** Creates or replaces by (workspace, name); resolves true when it created. */
  putWebhookSource(record: WebhookSourceRecord): Promise<boolean>;
  deleteWebhookSource(workspaceId: string, name: string): Promise<boolean>;
  /**
   * Applies a verified delivery and remembers its id, in one transaction: a delivery whose id was applied before
   * changes nothing and resolves { duplicate: true }.
   */
  applyWebhookDelivery(workspaceId: string, delivery: { sourceId: string; deliveryId: string }, changes: WebhookChanges, now: number): Promise<WebhookApplied>;
}
