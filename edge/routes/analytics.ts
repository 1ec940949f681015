// GET /v1/analytics/…: what tips prevented against the holdout, why cases escalated, and where users struggle.
import { overall, prevention } from '../analytics/prevention';
import { secretKey } from '../http/auth';
import type { AppContext, EdgeApp } from '../http/context';
import { HttpError } from '../http/errors';
import { intParam, timeParam } from '../http/query';

const DAY_MS = 86_400_000;
/** The longest period one question may cover: the queries scan events, and a year of them is plenty for a chart. */
const MAX_PERIOD_DAYS = 366;

export function registerAnalytics(app: EdgeApp, ctx: AppContext): void {
  const period = (q: (n: string) => string | undefined) => {
    const now = ctx.clock.now();
    const to = timeParam(q('to'), 'to', now);
    const from = timeParam(q('from'), 'from', to - 30 * DAY_MS);
    if (from >= to) throw new HttpError(400, 'invalid_query', 'from must be before to.', [{ path: 'from', message: 'not before to' }]);
    if (to - from > MAX_PERIOD_DAYS * DAY_MS) throw new HttpError(400, 'invalid_query', `A period is at most ${MAX_PERIOD_DAYS} days.`, [{ path: 'from', message: 'period too long' }]);
    return { from, to };
  };

  app.get('/v1/analytics/prevention', async (c) => {
    const key = await secretKey(c, ctx);
    const q = (n: string) => c.req.query(n);
    const { from, to } = period(q);
    const windowDays = intParam(q('windowDays'), 'windowDays', 7, 1, 30);
    const rows = await ctx.store.preventionCounts(key.workspaceId, from, to, windowDays * DAY_MS);
    return c.json({ from, to, windowDays, overall: overall(rows), tips: rows.map((r) => prevention(r)) });
  });

  app.get('/v1/analytics/escalations', async (c) => {
    const key = await secretKey(c, ctx);
    const { from, to } = period((n) => c.req.query(n));
    const days = await ctx.store.escalationsByPattern(key.workspaceId, from, to);
    const totals = new Map<string, number>();
    for (const d of days) totals.set(d.pattern, (totals.get(d.pattern) ?? 0) + d.count);
    const byPattern = [...totals].map(([pattern, count]) => ({ pattern, count })).sort((a, b) => b.count - a.count || a.pattern.localeCompare(b.pattern));
    return c.json({ from, to, byPattern, byDay: days });
  });

  app.get('/v1/analytics/friction', async (c) => {
    const key = await secretKey(c, ctx);
    const { from, to } = period((n) => c.req.query(n));
    const [byScreen, byDay] = await Promise.all([ctx.store.frictionByScreen(key.workspaceId, from, to), ctx.store.frictionByDay(key.workspaceId, from, to)]);
    return c.json({ from, to, byScreen, byDay });
  });
}
