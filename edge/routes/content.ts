// Tips and help articles: CRUD under the workspace secret key.
import type { Context } from 'hono';
import type { z } from 'zod';
import { secretKey } from '../http/auth';
import { checkContentType, parseJson, readBody } from '../http/body';
import type { AppContext, EdgeApp, EdgeEnv } from '../http/context';
import { HttpError, validationError } from '../http/errors';
import { articleSchema, MAX_ID_LENGTH, tipSchema } from '../wire-schemas';

interface Collection<T extends { id: string }> {
  /** Path segment and the singular used in messages. */
  path: string;
  noun: string;
  schema: z.ZodType<T>;
  list(ctx: AppContext, workspaceId: string): Promise<unknown[]>;
  get(ctx: AppContext, workspaceId: string, id: string): Promise<unknown | null>;
  put(ctx: AppContext, workspaceId: string, item: T): Promise<boolean>;
  delete(ctx: AppContext, workspaceId: string, id: string): Promise<boolean>;
}

function routeId(c: Context<EdgeEnv>, noun: string): string {
  const id = c.req.param('id') ?? '';
  if (id.length === 0 || id.length > MAX_ID_LENGTH) {
    throw new HttpError(400, 'invalid_id', `A ${noun} id is 1 to ${MAX_ID_LENGTH} characters.`, [{ path: 'id', message: `1 to ${MAX_ID_LENGTH} characters` }]);
  }
  return id;
}

function register<T extends { id: string }>(app: EdgeApp, ctx: AppContext, col: Collection<T>): void {
  const secret = async (c: Context<EdgeEnv>) => (await secretKey(c, ctx)).workspaceId;
  const base = `/v1/${col.path}`;

  app.get(base, async (c) => c.json({ [col.path]: await col.list(ctx, await secret(c)) }));

  app.get(`${base}/:id`, async (c) => {
    const ws = await secret(c);
    const item = await col.get(ctx, ws, routeId(c, col.noun));
    if (!item) throw new HttpError(404, 'not_found', `No ${col.noun} with this id.`);
    return c.json(item);
  });

  app.put(`${base}/:id`, async (c) => {
    const ws = await secret(c);
    const id = routeId(c, col.noun);
    checkContentType(c.req.header('content-type'));
    const body = parseJson(await readBody(c.req.raw)) as Record<string, unknown>;
    // The id lives in the path; a body may repeat it but not contradict it.
    if (body.id !== undefined && body.id !== id) {
      throw new HttpError(400, 'invalid_body', `The body's id does not match the path's (${id}).`, [{ path: 'id', message: 'does not match the path' }]);
    }
    const parsed = col.schema.safeParse({ ...body, id });
    if (!parsed.success) throw validationError(parsed.error);
    const created = await col.put(ctx, ws, parsed.data);
    return c.json(parsed.data, created ? 201 : 200);
  });

  app.delete(`${base}/:id`, async (c) => {
    const ws = await secret(c);
    if (!(await col.delete(ctx, ws, routeId(c, col.noun)))) throw new HttpError(404, 'not_found', `No ${col.noun} with this id.`);
    return c.body(null, 204);
  });
}

export function registerContent(app: EdgeApp, ctx: AppContext): void {
  register(app, ctx, {
    path: 'tips',
    noun: 'tip',
    schema: tipSchema,
    list: (x, ws) => x.store.listTips(ws),
    get: (x, ws, id) => x.store.getTip(ws, id),
    put: (x, ws, tip) => x.store.putTip(ws, tip, x.clock.now()),
    delete: (x, ws, id) => x.store.deleteTip(ws, id),
  });
  register(app, ctx, {
    path: 'articles',
    noun: 'article',
    schema: articleSchema,
    list: (x, ws) => x.store.listArticles(ws),
    get: (x, ws, id) => x.store.getArticle(ws, id),
    put: (x, ws, article) => x.store.putArticle(ws, article, x.clock.now()),
    delete: (x, ws, id) => x.store.deleteArticle(ws, id),
  });
}
