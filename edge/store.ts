// The storage interface the app is written against; edge/db/sqliteStore.ts implements it on better-sqlite3, and a
// D1 store will implement it on Workers. Every method is async because D1 is.
import type { DiagnosticTrail, HandoffRequest, Tip } from '../sdk/wire';
import type { AccountUpsert, TicketUpsertInput, UserUpsert } from './context/schemas';
import type { TICKET_PRIORITIES, TICKET_SOURCES, TICKET_STATUSES, WebhookSecret } from './db/schema';
import type { KeyKind } from './keys';
import type { Article, WorkspaceSettings } from './wire-schemas';
import type { DestinationRecord, InboxItem, OutboxPort, OutboxRecord, TriggerRecord } from './actions/types';
import type { MessageAnalysis } from './ai/types';
import type { AccountFacts, Reason, RiskAssessment, RiskLevel } from './risk/types';
import type { Rule } from './rules/schema';

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

export interface Store extends RiskStore, OutboxPort {
  findKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  /** By the key's id: a console session names its key by id, never by the key or its hash. */
  findKeyById(id: string): Promise<ApiKeyRecord | null>;
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

/*
 * Risk, rules and actions: what the pipeline reads and writes per account, and what the console lists.
 */

/** An account's stored assessment, with the CRM fields the at-risk list shows beside it. */
export interface AtRiskRow {
  accountId: string;
  name: string | null;
  tier: string | null;
  arr: number | null;
  renewalAt: number | null;
  owner: string | null;
  csm: string | null;
  score: number;
  level: RiskLevel;
  reasons: Reason[];
  requiresHuman: boolean;
  evaluatedAt: number;
  /** Daily scores, oldest first, over the trend window. */
  trend: Array<{ day: number; score: number }>;
}

export interface AtRiskFilter {
  minScore: number;
  tier?: string | undefined;
  /** Matches the account's owner or its CSM. */
  owner?: string | undefined;
  /** A pattern or context id among the reasons. */
  reason?: string | undefined;
  limit: number;
  offset: number;
  trendDays: number;
}

export interface StoredRule {
  rule: Rule;
  createdAt: number;
  updatedAt: number;
}

/** Everything one firing writes, in one transaction. */
export interface TriggerFiring {
  trigger: TriggerRecord;
  outbox: OutboxRecord[];
  /** The rule stays quiet for these keys until `until`. */
  cooldowns: Array<{ key: string; until: number }>;
  /** show_tip: the tip is served to the account's users until shown or `until`. */
  tipTargets: Array<{ tipId: string; until: number }>;
  /** route_ticket: the tickets' queue and priority as recorded here (the help desk gets them through the outbox). */
  routes: Array<{ ticketId: string; queue: string; priority: TicketPriority | null }>;
}

export interface TriggerFilter {
  accountId?: string | undefined;
  ruleId?: string | undefined;
  delivery?: TriggerRecord['delivery'] | undefined;
  acked?: boolean | undefined;
  before?: number | undefined;
  limit: number;
}

export interface TriggerDetail extends TriggerRecord {
  deliveries: Array<Omit<OutboxRecord, 'payload'> & { destinationName: string; destinationKind: string }>;
}

/** Counts behind the prevention chart: users who met a tip, by arm, and how many filed a ticket or case after. */
export interface PreventionRow {
  tipId: string;
  shownUsers: number;
  shownEscalated: number;
  heldOutUsers: number;
  heldOutEscalated: number;
}

export interface RiskStore {
  /** What the engine reads about one account over the lookback window ending at `now`. */
  loadAccountFacts(workspaceId: string, accountId: string, now: number): Promise<AccountFacts>;
  /** Stores the assessment (and the day's point of its trend). */
  saveAssessment(workspaceId: string, assessment: RiskAssessment): Promise<void>;
  getAssessment(workspaceId: string, accountId: string, trendDays: number): Promise<AtRiskRow | null>;
  listAtRisk(workspaceId: string, filter: AtRiskFilter): Promise<{ accounts: AtRiskRow[]; total: number }>;
  /** Accounts that had events, tickets or cases since `since`, or still carry a score: what a sweep re-scores. */
  accountsToSweep(workspaceId: string, since: number): Promise<string[]>;
  /** The accounts of these tickets (after an upsert resolved them). */
  ticketAccounts(workspaceId: string, ticketIds: string[]): Promise<string[]>;
  listWorkspaceIds(): Promise<string[]>;

  listRules(workspaceId: string): Promise<StoredRule[]>;
  getRule(workspaceId: string, id: string): Promise<StoredRule | null>;
  /** Creates or replaces; resolves true when it created. */
  putRule(workspaceId: string, rule: Rule, now: number): Promise<boolean>;
  deleteRule(workspaceId: string, id: string): Promise<boolean>;
  /** The keys among `keys` the rule is still cooling down for at `now`. */
  coolingKeys(workspaceId: string, ruleId: string, keys: string[], now: number): Promise<Set<string>>;
  /**
   * Writes the trigger, its outbox rows, cooldowns, tip targets and ticket routes in one transaction. Resolves false
   * (writing nothing) when one of the cooldowns is already active: another evaluation fired first.
   */
  fireTrigger(workspaceId: string, firing: TriggerFiring, now: number): Promise<boolean>;
  listTriggers(workspaceId: string, filter: TriggerFilter): Promise<TriggerRecord[]>;
  getTrigger(workspaceId: string, id: string): Promise<TriggerDetail | null>;
  ackTrigger(workspaceId: string, id: string, by: string, now: number): Promise<TriggerRecord | null>;
  /** Dead or failing deliveries of the trigger are due again now; resolves how many. */
  retryTrigger(workspaceId: string, id: string, now: number): Promise<number>;

  listDestinations(workspaceId: string): Promise<DestinationRecord[]>;
  /** By id, or by name ("#cs-escalations"). */
  getDestination(workspaceId: string, idOrName: string): Promise<DestinationRecord | null>;
  /** Creates or replaces by id; a name taken by another destination is refused (resolves 'name_taken'). */
  putDestination(workspaceId: string, record: Omit<DestinationRecord, 'workspaceId'>): Promise<'created' | 'updated' | 'name_taken'>;
  deleteDestination(workspaceId: string, id: string): Promise<boolean>;
  listInbox(workspaceId: string, limit: number): Promise<InboxItem[]>;

  /** Tips rules pushed to this account's users that are still live. */
  tipTargets(workspaceId: string, accountId: string, now: number): Promise<string[]>;
  /** Customer messages of the account since `since` still read only by the offline classifiers, newest first. */
  messagesToRefine(workspaceId: string, accountId: string, since: number, limit: number): Promise<Array<{ ticketId: string; messageId: string; text: string }>>;
  /** A model's reading of a customer message replaces the fallback's. */
  updateMessageAnalysis(workspaceId: string, ticketId: string, messageId: string, analysis: MessageAnalysis): Promise<void>;

  aiCacheGet(key: string): Promise<string | null>;
  aiCacheSet(key: string, value: string, now: number): Promise<void>;

  /** Tips met in [from, to) and whether each user then filed a ticket or a case within `windowMs`. */
  preventionCounts(workspaceId: string, from: number, to: number, windowMs: number): Promise<PreventionRow[]>;
  /** Triggers fired in [from, to) by pattern among their reasons, per day. */
  escalationsByPattern(workspaceId: string, from: number, to: number): Promise<Array<{ day: number; pattern: string; count: number }>>;
  /** Friction signals in [from, to) by screen and type, and per day. */
  frictionByScreen(workspaceId: string, from: number, to: number): Promise<Array<{ screen: string; type: string; count: number; accounts: number }>>;
  frictionByDay(workspaceId: string, from: number, to: number): Promise<Array<{ day: number; type: string; count: number }>>;
}
