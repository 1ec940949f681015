// `npm run keys`: list, create and revoke API keys in the Node runtime's database (DATA_DIR, as the server uses).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/sqlite';
import { createKeyAdmin } from '../db/sqliteStore';
import { readEnv } from './env';

const USAGE = `Usage:
  npm run keys -- list
  npm run keys -- create pk --origins https://app.example.com,https://staging.example.com [--workspace ws_…]
  npm run keys -- create sk [--workspace ws_…]
  npm run keys -- revoke <key id>

Keys live in DATA_DIR/forestall.db (DATA_DIR defaults to .data in the repository).
A public key (pk_) is used by the SDK from the listed browser origins; a secret key (sk_) only from servers.`;

export class UsageError extends Error {}

/** A browser origin: scheme, host and port, nothing else; `*` allows any origin (development only). */
export function parseOrigins(list: string): string[] {
  const origins = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (origins.length === 0) throw new UsageError('--origins needs at least one origin');
  for (const o of origins) {
    if (o === '*') continue;
    let url: URL;
    try {
      url = new URL(o);
    } catch {
      throw new UsageError(`"${o}" is not an origin; write it like https://app.example.com`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== o) {
      throw new UsageError(`"${o}" is not an origin; write scheme, host and port only, like ${url.origin === 'null' ? 'https://app.example.com' : url.origin}`);
    }
  }
  return origins;
}

interface Parsed {
  command: 'list' | 'create' | 'revoke';
  kind?: 'pk' | 'sk';
  origins?: string[];
  workspace?: string;
  id?: string;
}

export function parseArgs(argv: string[]): Parsed {
  const [command, ...rest] = argv;
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const value = inline ?? rest[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    } else {
      positional.push(a);
    }
  }
  const unknownFlag = Object.keys(flags).find((f) => !['origins', 'workspace'].includes(f));
  if (unknownFlag) throw new UsageError(`unknown option --${unknownFlag}`);
  switch (command) {
    case 'list':
      if (positional.length || Object.keys(flags).length) throw new UsageError('list takes no arguments');
      return { command };
    case 'create': {
      const kind = positional[0];
      if ((kind !== 'pk' && kind !== 'sk') || positional.length !== 1) throw new UsageError('create needs the kind: pk or sk');
      if (kind === 'sk' && flags.origins) throw new UsageError('a secret key has no origins: it must never be used from a browser');
      if (kind === 'pk' && !flags.origins) throw new UsageError('a public key needs --origins: the web origins the SDK runs on');
      return {
        command,
        kind,
        ...(flags.origins ? { origins: parseOrigins(flags.origins) } : {}),
        ...(flags.workspace ? { workspace: flags.workspace } : {}),
      };
    }
    case 'revoke':
      if (positional.length !== 1 || Object.keys(flags).length) throw new UsageError('revoke needs exactly one key id (see list)');
      return { command, id: positional[0]! };
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

async function main(argv: string[]): Promise<number> {
  let args: Parsed;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`keys: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  const env = readEnv();
  const file = path.join(env.DATA_DIR, 'forestall.db');
  if (!existsSync(file)) {
    process.stderr.write(`keys: no database at ${file}; run "npm start" once to create the workspace (or set DATA_DIR).\n`);
    return 1;
  }
  const db = openDatabase(file);
  const admin = createKeyAdmin(db);
  try {
    const now = Date.now();
    if (args.command === 'list') {
      const keys = admin.listKeys();
      if (keys.length === 0) process.stdout.write('No keys.\n');
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${new Date(k.revokedAt).toISOString()}` : 'live';
        const origins = k.kind === 'pk' ? `  origins: ${k.origins.join(', ') || '(none: servers only)'}` : '';
        process.stdout.write(`${k.id}  ${k.kind}  ${k.prefix}…  workspace ${k.workspaceId}  created ${new Date(k.createdAt).toISOString()}  ${state}${origins}\n`);
      }
      return 0;
    }
    if (args.command === 'create') {
      const workspaces = admin.listWorkspaces();
      const workspace = args.workspace ?? (workspaces.length === 1 ? workspaces[0]!.id : undefined);
      if (!workspace || !workspaces.some((w) => w.id === workspace)) {
        process.stderr.write(
          `keys: ${args.workspace ? `no workspace ${args.workspace}` : 'say which workspace with --workspace'}; workspaces: ${workspaces.map((w) => w.id).join(', ') || '(none)'}\n`,
        );
        return 1;
      }
      const { id, key } = await admin.createKey(workspace, args.kind!, args.origins ?? [], now);
      process.stdout.write(`Created ${args.kind} key ${id} for workspace ${workspace}. It is shown once:\n${key}\n`);
      return 0;
    }
    if (!admin.revokeKey(args.id!, now)) {
      process.stderr.write(`keys: no live key with id ${args.id} (see "npm run keys -- list")\n`);
      return 1;
    }
    process.stdout.write(`Revoked ${args.id}.\n`);
    return 0;
  } finally {
    db.$client.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`keys: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
