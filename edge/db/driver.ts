// The one thing the store needs of a database: any synchronous Drizzle SQLite database of our schema
// (better-sqlite3 on Node, a Durable Object's storage on Workers), and how to ask either how many rows a write changed.
import { sql } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema';

/** Any synchronous Drizzle SQLite database of this schema: better-sqlite3 on Node, a Durable Object's storage on Workers. */
export type SqliteDatabase = BaseSQLiteDatabase<'sync', unknown, typeof schema>;

/**
 * Rows the last statement changed. better-sqlite3 returns it from run(); the Durable Object driver returns nothing,
 * so SQLite itself is asked (same connection, nothing ran in between).
 */
export function rowsChanged(db: SqliteDatabase, result: unknown): number {
  const n = (result as { changes?: unknown } | undefined)?.changes;
  return typeof n === 'number' ? n : (db.get<{ n: number }>(sql`select changes() as n`)?.n ?? 0);
}
