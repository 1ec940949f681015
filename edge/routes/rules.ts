// Escalation rules under the secret key: CRUD, each rule checked against the schema and against the tips and
// destinations it names.
import { secretKey } from '../http/auth';
import { checkContentType, parseJson, readBody } from '../http/body';
import type { AppContext, EdgeApp } from '../http/context';
import { HttpError, validationError } from '../http/errors';
import { checkRuleReferences } from '../rules/references';
import { ruleSchema } from '../rules/schema';

export function registerRules(app: EdgeApp, ctx: AppContext): void {
  const onChange = (workspaceId: string) => ctx.background.rescore(workspaceId);
  app.get('/v1/rules', async (c) => {
    const key = await secretKey(c, ctx);
    const rules = await ctx.store.listRules(key.workspaceId);
    return c.json({ rules: rules.map((r) => ({ ...r.rule, createdAt: r.createdAt, updatedAt: r.updatedAt })) });
  });

  app.get('/v1/rules/:id', async (c) => {
    const key = await secretKey(c, ctx);
    const found = await ctx.store.getRule(key.workspaceId, c.req.param('id'));
    if (!found) throw new HttpError(404, 'not_found', 'No rule with this id.');
    return c.json({ ...found.rule, createdAt: found.createdAt, updatedAt: found.updatedAt });
  });

  app.put('/v1/rules/:id', async (c) => {
    const key = await secretKey(c, ctx);
    const id = c.req.param('id');
    checkContentType(c.req.header('content-type'));
    const body = parseJson(await readBody(c.req.raw));
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'invalid_body', 'A rule is a JSON object.');
    const raw = body as Record<string, unknown>;
    if (raw.id !== undefined && raw.id !== id) {
      throw new HttpError(400, 'invalid_body', `The body's id does not match the path's (${id}).`, [{ path: 'id', message: 'does not match the path' }]);
    }
    // Timestamps a client read back with GET are the store's to set.
    const { createdAt: _c, updatedAt: _u, restatement: _r, ...rest } = raw;
    const parsed = ruleSchema.safeParse({ ...rest, id });
    if (!parsed.success) throw validationError(parsed.error);
    const issues = await checkRuleReferences(ctx.store, key.workspaceId, parsed.data);
    if (issues.length) throw new HttpError(400, 'invalid_reference', 'The rule names tips or destinations that do not exist.', issues);
    const created = await ctx.store.putRule(key.workspaceId, parsed.data, ctx.clock.now());
    onChange(key.workspaceId);
    return c.json(parsed.data, created ? 201 : 200);
  });

  app.delete('/v1/rules/:id', async (c) => {
    const key = await secretKey(c, ctx);
    if (!(await ctx.store.deleteRule(key.workspaceId, c.req.param('id')))) throw new HttpError(404, 'not_found', 'No rule with this id.');
    onChange(key.workspaceId);
    return c.body(null, 204);
  });
}
