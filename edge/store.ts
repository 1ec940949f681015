// The storage interface the app is written against; edge/db/sqliteStore.ts implements it on better-sqlite3, and a
// D1 store will implement it on Workers. Every method is async because D1 is.
import type { DiagnosticTrail, HandoffRequest, Tip } from '../sdk/wire';
import type { KeyKind } from './keys';
import type { Article, WorkspaceSettings } from './wire-schemas';

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
  accountTimeline(workspaceId: string, accountId: string, limit: number): Promise<{ events: TimelineEvent[]; cases: CaseListItem[] }>;
}
