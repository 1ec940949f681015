// Opens the embedded SQLite database for the Node runtime: pragmas, then the drizzle-kit migrations.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type EdgeDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export type SyncMode = 'FULL' | 'NORMAL';

/**
 * Opens (creating if needed) the database at `file` (':memory:' for tests) and brings its schema up to date.
 *
 * WAL lets readers run beside the one writer and turns each commit into one sequential append. With
 * synchronous=FULL every commit is fsynced before it returns, so a 202 survives power loss; with NORMAL it
 * survives a crash of the process (the WAL is in the OS page cache) but the last commits can roll back if the
 * machine itself loses power. FULL is the default; NORMAL is there for disks where fsync is slow.
 */
export function openDatabase(file: string, options: { synchronous?: SyncMode } = {}): EdgeDatabase {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  // Event ids are random UUIDs, so every insert lands on a random page of the (workspace, id) index; a 64 MB page
  // cache (the default is 2 MB) keeps those pages in memory instead of re-reading them on each batch.
  sqlite.pragma('cache_size = -65536');
  // A second process (npm run keys) may write while the server runs: wait for its lock instead of failing.
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle({ client: sqlite, schema });
  // Two connections write (the request thread and the background thread). A deferred transaction that reads and
  // then writes fails with SQLITE_BUSY_SNAPSHOT when the other committed in between, which busy_timeout cannot
  // cure (and a delivery whose attempt was not recorded is sent again). Taking the write lock at BEGIN makes the
  // second writer wait its turn instead.
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => transaction(fn, { behavior: 'immediate', ...config })) as typeof db.transaction;
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}
