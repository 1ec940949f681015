// GET /v1/help/search?q=: the widget's help panel searching the workspace's articles.
import { createArticleSearch } from '../help/articleIndex';
import { authenticate, headerKey, spendToken } from '../http/auth';
import type { AppContext, EdgeApp } from '../http/context';
import { HttpError } from '../http/errors';

const MAX_QUERY_CHARS = 200;
const DEFAULT_HITS = 8;
const MAX_HITS = 25;

export function registerHelp(app: EdgeApp, ctx: AppContext): void {
  const articles = createArticleSearch(ctx.store);
  app.get('/v1/help/search', async (c) => {
    const key = await authenticate(c, ctx, headerKey(c) ?? c.req.query('key'), 'pk');
    await spendToken(ctx, key);
    const q = (c.req.query('q') ?? '').trim();
    if (!q || q.length > MAX_QUERY_CHARS) {
      throw new HttpError(400, 'invalid_query', `Send a search as ?q= with 1 to ${MAX_QUERY_CHARS} characters.`, [{ path: 'q', message: `1 to ${MAX_QUERY_CHARS} characters` }]);
    }
    const limitParam = c.req.query('limit');
    const limit = limitParam === undefined ? DEFAULT_HITS : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HITS) {
      throw new HttpError(400, 'invalid_query', `limit is a whole number from 1 to ${MAX_HITS}.`, [{ path: 'limit', message: `1 to ${MAX_HITS}` }]);
    }
    return c.json({ results: await articles.search(key.workspaceId, q, limit) }, 200, { 'Cache-Control': 'private, max-age=60' });
  });
}
