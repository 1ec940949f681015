// The CS view of accounts under the secret key: the at-risk list (score, reasons, trend) and one account's page
// (CRM fields, users, tickets, cases, its assessment with evidence, its triggers and a merged timeline).
import { mergeTimeline } from '../accounts/timeline';
import { secretKey } from '../http/auth';
import type { AppContext, EdgeApp } from '../http/context';
import { HttpError } from '../http/errors';
import { intParam, textParam } from '../http/query';
import { MAX_EXTERNAL_ID_LENGTH } from '../wire-schemas';

/** Days of daily scores a trend shows. */
export const TREND_DAYS = 30;

export function registerAccounts(app: EdgeApp, ctx: AppContext): void {
  app.get('/v1/accounts/at-risk', async (c) => {
    const key = await secretKey(c, ctx);
    const q = (n: string) => c.req.query(n);
    const result = await ctx.store.listAtRisk(key.workspaceId, {
      minScore: intParam(q('minScore'), 'minScore', 1, 0, 100),
      tier: textParam(q('tier'), 'tier'),
      owner: textParam(q('owner'), 'owner'),
      reason: textParam(q('reason'), 'reason', 50),
      limit: intParam(q('limit'), 'limit', 50, 1, 200),
      offset: intParam(q('offset'), 'offset', 0, 0, 1_000_000),
      trendDays: intParam(q('trendDays'), 'trendDays', 14, 1, 90),
    });
    return c.json(result);
  });

  app.get('/v1/accounts/:id', async (c) => {
    const key = await secretKey(c, ctx);
    const accountId = c.req.param('id');
    if (accountId.length > MAX_EXTERNAL_ID_LENGTH) {
      throw new HttpError(400, 'invalid_id', `An account id is at most ${MAX_EXTERNAL_ID_LENGTH} characters.`, [{ path: 'id', message: 'too long' }]);
    }
    const limit = intParam(c.req.query('limit'), 'limit', 50, 1, 200);
    const ws = key.workspaceId;
    const [timeline, risk, triggers] = await Promise.all([
      ctx.store.accountTimeline(ws, accountId, limit),
      ctx.store.getAssessment(ws, accountId, TREND_DAYS),
      ctx.store.listTriggers(ws, { accountId, limit }),
    ]);
    return c.json({ accountId, ...timeline, risk, triggers, timeline: mergeTimeline(timeline, triggers, limit) });
  });
}
