import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/sqlite';
import { createKeyAdmin } from '../db/sqliteStore';
import { REPO_ROOT } from './env';
import { parseArgs, parseOrigins, UsageError } from './keys';

describe('keys arguments', () => {
  it('parses the commands', () => {
    expect(parseArgs(['list'])).toEqual({ command: 'list' });
    expect(parseArgs(['create', 'pk', '--origins', 'https://a.com,https://b.com:8443'])).toEqual({ command: 'create', kind: 'pk', origins: ['https://a.com', 'https://b.com:8443'] });
    expect(parseArgs(['create', 'sk', '--workspace=ws_1'])).toEqual({ command: 'create', kind: 'sk', workspace: 'ws_1' });
    expect(parseArgs(['revoke', 'key_1'])).toEqual({ command: 'revoke', id: 'key_1' });
  });

  it('explains what is wrong with bad arguments', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /no command/],
      [['make'], /unknown command "make"/],
      [['create'], /pk or sk/],
      [['create', 'pk'], /needs --origins/],
      [['create', 'sk', '--origins', 'https://a.com'], /no origins/],
      [['create', 'pk', '--origins'], /needs a value/],
      [['create', 'pk', '--origin', 'https://a.com'], /unknown option --origin/],
      [['revoke'], /exactly one key id/],
      [['list', 'extra'], /no arguments/],
    ];
    for (const [argv, message] of cases) expect(() => parseArgs(argv), argv.join(' ')).toThrow(message);
  });

  it('accepts only bare origins', () => {
    expect(parseOrigins('https://a.com, http://localhost:3000,*')).toEqual(['https://a.com', 'http://localhost:3000', '*']);
    for (const bad of ['a.com', 'https://a.com/', 'https://a.com/path', 'ftp://a.com', ' , ']) expect(() => parseOrigins(bad), bad).toThrow(UsageError);
  });
});

describe('npm run keys', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'forestall-keys-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'edge/runtime/keys.ts', ...args], { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });

  it('creates, lists and revokes keys in the database, showing a key only once', async () => {
    expect(run('list').stderr).toContain('run "npm start" once');
    const db = openDatabase(path.join(dataDir, 'forestall.db'));
    createKeyAdmin(db).createWorkspace('W', Date.now());
    db.$client.close();

    const created = run('create', 'pk', '--origins', 'https://a.com,https://b.com');
    expect(created.status).toBe(0);
    const key = /pk_[A-Za-z0-9]{32}/.exec(created.stdout)![0];
    const id = /key_[0-9a-f]{24}/.exec(created.stdout)![0];
    const listed = run('list');
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain('https://a.com, https://b.com');
    expect(listed.stdout).not.toContain(key);
    expect(run('revoke', id).status).toBe(0);
    expect(run('list').stdout).toMatch(new RegExp(`${id}.*revoked`));
    expect(run('revoke', id).status).toBe(1);
    const bad = run('create', 'pk');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Usage:');
  });
});
