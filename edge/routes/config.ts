// GET /v1/config for the SDK (with ETag and 304), and GET/PUT /v1/settings for the workspace's own config.
import { DEFAULT_HOLDOUT_PERCENT, DEFAULT_LIMITS, type RemoteConfig } from '../../sdk/wire';
import { authenticate, headerKey, secretKey, spendToken } from '../http/auth';
import { checkContentType, parseJson, readBody } from '../http/body';
import type { AppContext, EdgeApp } from '../http/context';
import { HttpError, validationError } from '../http/errors';
import { MAX_EXTERNAL_ID_LENGTH, workspaceSettingsSchema, type WorkspaceSettings } from '../wire-schemas';

export const DEFAULT_SETTINGS: WorkspaceSettings = { detectors: {}, limits: DEFAULT_LIMITS, holdoutPercent: DEFAULT_HOLDOUT_PERCENT };

export async function buildConfig(ctx: AppContext, workspaceId: string, accountId?: string): Promise<RemoteConfig> {
  const [settings, tips, push] = await Promise.all([
    ctx.store.getSettings(workspaceId),
    ctx.store.listTips(workspaceId),
    accountId ? ctx.store.tipTargets(workspaceId, accountId, ctx.clock.now()) : [],
  ]);
  const s = settings ?? DEFAULT_SETTINGS;
  const live = tips.filter((t) => t.enabled !== false);
  const pushed = push.filter((id) => live.some((t) => t.id === id));
  return {
    workspaceId,
    detectors: s.detectors,
    tips: live,
    limits: s.limits,
    holdoutPercent: s.holdoutPercent,
    ...(pushed.length ? { push: pushed } : {}),
  };
}

async function etagOf(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
  let hex = '';
  for (const b of digest.subarray(0, 12)) hex += b.toString(16).padStart(2, '0');
  return `"${hex}"`;
}

/** If-None-Match holds a list of tags, weak or strong; a weak comparison is what a GET revalidation needs. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export function registerConfig(app: EdgeApp, ctx: AppContext): void {
  app.get('/v1/config', async (c) => {
    // A script tag or an <img> cannot set headers, so the public key may come as ?key= too.
    const key = await authenticate(c, ctx, headerKey(c) ?? c.req.query('key'), 'pk');
    await spendToken(ctx, key);
    const account = c.req.query('account');
    if (account !== undefined && (account.length === 0 || account.length > MAX_EXTERNAL_ID_LENGTH)) {
      throw new HttpError(400, 'invalid_query', `account is the identified user's account id, 1 to ${MAX_EXTERNAL_ID_LENGTH} characters.`, [{ path: 'account', message: 'bad length' }]);
    }
    const body = JSON.stringify(await buildConfig(ctx, key.workspaceId, account));
    const etag = await etagOf(body);
    // The SDK keeps its own copy and revalidates it; browsers and proxies must revalidate too.
    const headers = { ETag: etag, 'Cache-Control': 'private, no-cache' };
    if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, 'Content-Type': 'application/json' });
  });

  app.get('/v1/settings', async (c) => {
    const key = await secretKey(c, ctx);
    return c.json((await ctx.store.getSettings(key.workspaceId)) ?? DEFAULT_SETTINGS);
  });

  app.put('/v1/settings', async (c) => {
    const key = await secretKey(c, ctx);
    checkContentType(c.req.header('content-type'));
    const parsed = workspaceSettingsSchema.safeParse(parseJson(await readBody(c.req.raw)));
    if (!parsed.success) throw validationError(parsed.error);
    await ctx.store.putSettings(key.workspaceId, parsed.data);
    ctx.background.rescore(key.workspaceId);
    return c.json(parsed.data);
  });
}
