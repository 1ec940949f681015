// Escalation rules under the secret key: CRUD, each rule checked against the schema and against the tips and
// destinations it names.
import { secretKey } from '../http/auth';
import { checkContentType, parseJson, readBody } from '../http/body';
import type { AppContext, EdgeApp } from '../http/context';
import { HttpError, validationError } from '../http/errors';
import { checkRuleReferences } from '../rules/references';
import { describeRule, type RuleNames } from '../rules/describe';
import { ruleSchema } from '../rules/schema';
import type { StoredRule } from '../store';

/** Longest plain-language rule the compiler reads. */
export const MAX_RULE_TEXT_CHARS = 500;

export function registerRules(app: EdgeApp, ctx: AppContext): void {
  const onChange = (workspaceId: string) => ctx.background.rescore(workspaceId);
  /** Names for restatements and the compiler: "the billing tip", "#cs-escalations" rather than their ids. */
  const namesOf = async (workspaceId: string) => {
    const [tips, destinations] = await Promise.all([ctx.store.listTips(workspaceId), ctx.store.listDestinations(workspaceId)]);
    return { tips: tips.map((t) => ({ id: t.id, title: t.title })), destinations: destinations.map((d) => ({ id: d.id, name: d.name, kind: d.config.kind })) };
  };
  const view = (r: StoredRule, names: RuleNames) => ({ ...r.rule, restatement: describeRule(r.rule, names), createdAt: r.createdAt, updatedAt: r.updatedAt });

  app.get('/v1/rules', async (c) => {
    const key = await secretKey(c, ctx);
    const [rules, names] = await Promise.all([ctx.store.listRules(key.workspaceId), namesOf(key.workspaceId)]);
    return c.json({ rules: rules.map((r) => view(r, names)) });
  });

  app.post('/v1/rules/compile', async (c) => {
    const key = await secretKey(c, ctx);
    checkContentType(c.req.header('content-type'));
    const body = parseJson(await readBody(c.req.raw)) as { text?: unknown } | null;
    const text = body && typeof body === 'object' ? body.text : undefined;
    if (typeof text !== 'string' || !text.trim() || text.length > MAX_RULE_TEXT_CHARS) {
      throw new HttpError(400, 'invalid_body', `Send { "text": "…" }: the rule in plain language, 1 to ${MAX_RULE_TEXT_CHARS} characters.`, [
        { path: 'text', message: `1 to ${MAX_RULE_TEXT_CHARS} characters` },
      ]);
    }
    const result = await ctx.ai.compileRule(text, await namesOf(key.workspaceId));
    if (!result.ok) throw new HttpError(422, `rule_${result.code}`, result.reason);
    // Confirming saves with PUT /v1/rules/:id: an id already in use gets a suffix, so a confirm never overwrites.
    const taken = new Set((await ctx.store.listRules(key.workspaceId)).map((r) => r.rule.id));
    let id = result.rule.id;
    for (let n = 2; taken.has(id); n++) id = `${result.rule.id.slice(0, 60)}-${n}`;
    return c.json({ ...result, rule: { ...result.rule, id, description: result.rule.description ?? text.trim() } });
  });

  app.get('/v1/rules/:id', async (c) => {
    const key = await secretKey(c, ctx);
    const found = await ctx.store.getRule(key.workspaceId, c.req.param('id'));
    if (!found) throw new HttpError(404, 'not_found', 'No rule with this id.');
    return c.json(view(found, await namesOf(key.workspaceId)));
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
