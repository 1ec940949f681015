// POST /v1/handoff (the widget's "talk to a human"), and the cases under the secret key.
import type { HandoffCreated } from '../../sdk/wire';
import { classifyOffline } from '../ai/fallback/intent';
import { handoffSummary } from '../cases/summary';
import { readPublicBody, secretKey } from '../http/auth';
import type { AppContext, EdgeApp } from '../http/context';
import { HttpError, validationError } from '../http/errors';
import { intParam } from '../http/query';
import { randomId } from '../keys';
import { handoffRequestSchema } from '../wire-schemas';

/** How far back the account context snapshot of a case looks. */
export const CONTEXT_WINDOW_DAYS = 30;
export function registerCases(app: EdgeApp, ctx: AppContext): void {
  app.post('/v1/handoff', async (c) => {
    const { key, body } = await readPublicBody(c, ctx);

    const parsed = handoffRequestSchema.safeParse(body);
    if (!parsed.success) throw validationError(parsed.error);
    const { key: _key, ...handoff } = parsed.data;

    const now = ctx.clock.now();
    const context = {
      ...(await ctx.store.accountContext(
        key.workspaceId,
        { accountId: handoff.accountId, userId: handoff.userId, anonymousId: handoff.anonymousId },
        now - CONTEXT_WINDOW_DAYS * 86_400_000,
      )),
      windowDays: CONTEXT_WINDOW_DAYS,
    };
    const { record, created } = await ctx.store.createCase(key.workspaceId, {
      id: randomId('case'),
      handoff,
      context,
      // Offline and in microseconds: the widget waits on this answer, so no model is asked here.
      summary: handoffSummary(handoff, context, classifyOffline([handoff.answers.tryingTo, handoff.answers.expected].filter(Boolean).join('\n'))),
      createdAt: now,
    });
    if (created) ctx.background.touch(key.workspaceId, [record.accountId]);
    const answer: HandoffCreated = { caseId: record.id, reference: record.reference };
    // A retried handoff finds the case its first try made: same answer, 200 instead of 201.
    return c.json(answer, created ? 201 : 200);
  });

  app.get('/v1/cases', async (c) => {
    const key = await secretKey(c, ctx);
    const status = c.req.query('status');
    if (status !== undefined && status !== 'open' && status !== 'closed') {
      throw new HttpError(400, 'invalid_query', 'status is open or closed.', [{ path: 'status', message: 'open or closed' }]);
    }
    const accountId = c.req.query('accountId');
    const cases = await ctx.store.listCases(key.workspaceId, { accountId, status, limit: intParam(c.req.query('limit'), 'limit', 50, 1, 200) });
    return c.json({ cases });
  });

  app.get('/v1/cases/:id', async (c) => {
    const key = await secretKey(c, ctx);
    const found = await ctx.store.getCase(key.workspaceId, c.req.param('id'));
    if (!found) throw new HttpError(404, 'not_found', 'No case with this id or reference.');
    return c.json(found);
  });
}
