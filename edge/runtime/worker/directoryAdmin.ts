// Workspace and key administration of the Workers directory (D1), as SQL text: `npm run keys:worker` runs it with
// `wrangler d1 execute`, the worker tests run it on their D1 binding. Keys are made and hashed as on Node.
import { generateKey, hashKey, keyPrefix, randomId, type KeyKind } from '../../keys';

/** A SQL literal; strings double their quotes, which is all SQLite needs. */
export function sqlLiteral(value: string | number | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a whole number: ${value}`);
    return String(value);
  }
  if (/[\u0000-\u001f]/.test(value)) throw new RangeError('control characters are not allowed');
  return `'${value.replaceAll("'", "''")}'`;
}

export interface NewKey {
  id: string;
  /** Shown once, never stored. */
  key: string;
  statements: string[];
}

export async function newKeySql(workspaceId: string, kind: KeyKind, origins: string[], now: number): Promise<NewKey> {
  const key = generateKey(kind);
  const id = randomId('key');
  const statements = [
    `insert into api_keys (id, workspace_id, kind, hash, prefix, created_at) values (${[id, workspaceId, kind, await hashKey(key), keyPrefix(key), now].map(sqlLiteral).join(', ')})`,
    ...[...new Set(origins)].map((o) => `insert into api_key_origins (key_id, origin) values (${sqlLiteral(id)}, ${sqlLiteral(o)})`),
  ];
  return { id, key, statements };
}

/** A workspace with a public key for `origins` and a secret key, as the Node runtime makes on its first start. */
export async function newWorkspaceSql(name: string, origins: string[], now: number): Promise<{ workspaceId: string; pk: NewKey; sk: NewKey; statements: string[] }> {
  const workspaceId = randomId('ws');
  const pk = await newKeySql(workspaceId, 'pk', origins, now);
  const sk = await newKeySql(workspaceId, 'sk', [], now);
  return {
    workspaceId,
    pk,
    sk,
    statements: [`insert into workspaces (id, name, created_at) values (${[workspaceId, name, now].map(sqlLiteral).join(', ')})`, ...pk.statements, ...sk.statements],
  };
}

export function revokeKeySql(id: string, now: number): string {
  return `update api_keys set revoked_at = ${sqlLiteral(now)} where id = ${sqlLiteral(id)} and revoked_at is null`;
}

export const LIST_KEYS_SQL = `select k.id, k.workspace_id, k.kind, k.prefix, k.created_at, k.revoked_at,
  (select group_concat(o.origin, ',') from api_key_origins o where o.key_id = k.id) as origins
  from api_keys k order by k.created_at, k.id`;

export const LIST_WORKSPACES_SQL = 'select id, name, created_at from workspaces order by created_at, id';
