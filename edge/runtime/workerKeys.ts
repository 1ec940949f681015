// `npm run keys:worker`: workspaces and API keys of the Workers directory (D1), local (npm run dev:worker) or --remote.
import path from 'node:path';
import { parseArgs, parseOrigins, UsageError } from './keys';
import { LIST_KEYS_SQL, LIST_WORKSPACES_SQL, newKeySql, newWorkspaceSql, revokeKeySql } from './worker/directoryAdmin';
import { execute, query, WORKER_STATE_DIR, type D1Target } from './workerD1';

const USAGE = `Usage:
  npm run keys:worker -- [--remote] list
  npm run keys:worker -- [--remote] workspace "Acme" --origins https://app.acme.com
  npm run keys:worker -- [--remote] create pk --origins https://app.example.com [--workspace ws_…]
  npm run keys:worker -- [--remote] create sk [--workspace ws_…]
  npm run keys:worker -- [--remote] revoke <key id>

Without --remote this is the local directory of "npm run dev:worker" (${path.relative(process.cwd(), WORKER_STATE_DIR) || WORKER_STATE_DIR});
with it, the D1 database of the deployed Worker (wrangler login first). A revoked key stops working within 5 s.`;

interface KeyRow {
  id: string;
  workspace_id: string;
  kind: string;
  prefix: string;
  created_at: number;
  revoked_at: number | null;
  origins: string | null;
}

async function main(argv: string[]): Promise<number> {
  const remote = argv.includes('--remote');
  const rest = argv.filter((a) => a !== '--remote');
  const target: D1Target = remote ? { remote: true } : { remote: false, persistTo: WORKER_STATE_DIR };
  const now = Date.now();
  try {
    if (rest[0] === 'workspace') {
      const [, name, flag, list, ...extra] = rest;
      if (!name || flag !== '--origins' || !list || extra.length) throw new UsageError('workspace needs a name and --origins (the web origins the SDK runs on)');
      const ws = await newWorkspaceSql(name, parseOrigins(list), now);
      await execute(target, ws.statements);
      process.stdout.write(`Created workspace ${ws.workspaceId}. Its keys are shown once:\n  public (pk): ${ws.pk.key}\n  secret (sk): ${ws.sk.key}\n`);
      return 0;
    }
    const args = parseArgs(rest);
    if (args.command === 'list') {
      const keys = await query<KeyRow>(target, LIST_KEYS_SQL);
      if (keys.length === 0) process.stdout.write('No keys.\n');
      for (const k of keys) {
        const state = k.revoked_at ? `revoked ${new Date(k.revoked_at).toISOString()}` : 'live';
        const origins = k.kind === 'pk' ? `  origins: ${k.origins?.split(',').join(', ') || '(none: servers only)'}` : '';
        process.stdout.write(`${k.id}  ${k.kind}  ${k.prefix}…  workspace ${k.workspace_id}  created ${new Date(k.created_at).toISOString()}  ${state}${origins}\n`);
      }
      return 0;
    }
    if (args.command === 'create') {
      const workspaces = await query<{ id: string }>(target, LIST_WORKSPACES_SQL);
      const workspace = args.workspace ?? (workspaces.length === 1 ? workspaces[0]!.id : undefined);
      if (!workspace || !workspaces.some((w) => w.id === workspace)) {
        process.stderr.write(`keys:worker: ${args.workspace ? `no workspace ${args.workspace}` : 'say which workspace with --workspace'}; workspaces: ${workspaces.map((w) => w.id).join(', ') || '(none)'}\n`);
        return 1;
      }
      const key = await newKeySql(workspace, args.kind!, args.origins ?? [], now);
      await execute(target, key.statements);
      process.stdout.write(`Created ${args.kind} key ${key.id} for workspace ${workspace}. It is shown once:\n${key.key}\n`);
      return 0;
    }
    const live = await query<{ id: string }>(target, `select id from api_keys where revoked_at is null`);
    if (!live.some((k) => k.id === args.id)) {
      process.stderr.write(`keys:worker: no live key with id ${args.id} (see "npm run keys:worker -- list")\n`);
      return 1;
    }
    await execute(target, [revokeKeySql(args.id!, now)]);
    process.stdout.write(`Revoked ${args.id}.\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`keys:worker: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`keys:worker: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
