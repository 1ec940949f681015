// The Node database: two connections (request and background threads) writing one file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type EdgeDatabase } from './sqlite';

let dir: string;
const open: EdgeDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('a transaction that reads, then writes, holds the write lock from the start: the other connection waits, nothing fails', () => {
    dir = mkdtempSync(join(tmpdir(), 'forestall-sqlite-'));
    const a = openDatabase(join(dir, 'f.db'));
    const b = openDatabase(join(dir, 'f.db'));
    open.push(a, b);
    a.$client.exec('create table t (x integer)');
    b.$client.pragma('busy_timeout = 0'); // fail at once rather than wait, so the test can see it
    const result = a.transaction((tx) => {
      const before = tx.all<{ n: number }>(sql`select count(*) as n from t`)[0]!.n;
      // Another connection tries to commit between this transaction's read and its write.
      expect(() => b.$client.exec('insert into t values (2)')).toThrow(/busy|locked/i);
      tx.run(sql`insert into t values (1)`);
      return before;
    });
    expect(result).toBe(0);
    b.$client.exec('insert into t values (2)'); // its turn, once the first has committed
    expect(a.$client.prepare('select x from t order by x').pluck().all()).toEqual([1, 2]);
  });
});
