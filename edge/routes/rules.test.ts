import { describe, expect, it } from 'vitest';
import { NOW, ORIGIN, setup, type Harness } from '../test/harness';

const rule = {
  name: 'Two unresolved tickets in 5 days',
  description: 'if this account has two unresolved tickets in 5 days, flag for CSM review',
  conditions: [{ kind: 'count', subject: 'unresolved_tickets', value: 2, within: { value: 5, unit: 'days' } }],
  actions: [{ type: 'flag_csm' }],
};
const sk = (h: Harness) => ({ authorization: `Bearer ${h.sk}` });
const put = (h: Harness, id: string, body: unknown, headers: Record<string, string> = sk(h)) => h.json('PUT', `/v1/rules/${id}`, body, headers);

describe('rules', () => {
  it('creates, reads, lists, replaces and deletes a rule, filling the defaults', async () => {
    const h = await setup();
    const res = await put(h, 'csm-review', rule);
    expect(res.status).toBe(201);
    const saved = await res.json();
    expect(saved).toEqual({ id: 'csm-review', ...rule, enabled: true, match: 'all', conditions: [{ ...rule.conditions[0], op: 'gte', per: 'account' }], cooldown: { value: 1, unit: 'days' } });
    const restatement = 'When an account has at least 2 unresolved tickets created in the last 5 days, flag it for CSM review. At most once a day per account.';
    expect(await (await h.request('/v1/rules/csm-review', { headers: sk(h) })).json()).toEqual({ ...saved, restatement, createdAt: NOW, updatedAt: NOW });
    // What GET returned can be sent back as it is.
    h.clock.t = NOW + 1000;
    const got = await (await h.request('/v1/rules/csm-review', { headers: sk(h) })).json();
    expect((await put(h, 'csm-review', { ...got, enabled: false })).status).toBe(200);
    const list = await (await h.request('/v1/rules', { headers: sk(h) })).json();
    expect(list.rules).toEqual([{ ...saved, enabled: false, restatement, createdAt: NOW, updatedAt: NOW + 1000 }]);
    expect((await h.request('/v1/rules/csm-review', { method: 'DELETE', headers: sk(h) })).status).toBe(204);
    expect((await h.request('/v1/rules/csm-review', { method: 'DELETE', headers: sk(h) })).status).toBe(404);
    expect((await h.request('/v1/rules/csm-review', { headers: sk(h) })).status).toBe(404);
  });

  it('refuses bad rules with the path of each wrong field, and stores nothing', async () => {
    const h = await setup();
    const before = h.state();
    const cases: Array<[unknown, number, string, string?]> = [
      [{ ...rule, conditions: [] }, 400, 'invalid_body', 'conditions'],
      [{ ...rule, actions: [{ type: 'page_everyone' }] }, 400, 'invalid_body', 'actions.0.type'],
      [{ ...rule, conditions: [{ kind: 'count', subject: 'unresolved_tickets', value: 2, within: { value: 200, unit: 'days' } }] }, 400, 'invalid_body', 'conditions.0.within'],
      [{ ...rule, conditions: [{ kind: 'account', field: 'tier', op: 'in', value: 'vip' }] }, 400, 'invalid_body', 'conditions.0.value'],
      [{ ...rule, id: 'other' }, 400, 'invalid_body', 'id'],
      [{ ...rule, extra: true }, 400, 'invalid_body'],
      [[rule], 400, 'invalid_body'],
      ['{"name":', 400, 'malformed_json'],
      [{ ...rule, actions: [{ type: 'show_tip', tipId: 'nope' }] }, 400, 'invalid_reference', 'actions.0.tipId'],
      [{ ...rule, actions: [{ type: 'outreach', destination: '#nowhere' }] }, 400, 'invalid_reference', 'actions.0.destination'],
      [{ ...rule, actions: [{ type: 'notify_owner' }] }, 400, 'invalid_reference', 'actions.0'],
    ];
    for (const [body, status, code, path] of cases) {
      const res = await put(h, 'csm-review', body);
      const answer = await res.json();
      expect([res.status, answer.error.code], JSON.stringify(body)).toEqual([status, code]);
      if (path) expect(answer.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const bad = await put(h, 'bad id!', rule);
    expect(bad.status).toBe(400);
    const outreach = await (await put(h, 'x', { ...rule, actions: [{ type: 'outreach', destination: '#nowhere' }] })).json();
    expect(outreach.error.issues[0].message).toContain('destinations: none yet');
    expect(h.state()).toEqual(before);
  });

  it('needs the secret key, from a server', async () => {
    const h = await setup();
    const before = h.state();
    expect((await put(h, 'r', rule, { authorization: `Bearer ${h.pk}` })).status).toBe(403);
    expect((await put(h, 'r', rule, { ...sk(h), origin: ORIGIN })).status).toBe(403);
    expect((await put(h, 'r', rule, {})).status).toBe(401);
    expect((await h.request('/v1/rules', { headers: { authorization: 'Bearer sk_nope' } })).status).toBe(401);
    expect(h.state()).toEqual(before);
  });
});

describe('POST /v1/rules/compile', () => {
  const compile = (h: Harness, body: unknown) => h.json('POST', '/v1/rules/compile', body, sk(h));

  it('turns the field example into a rule and a restatement, and saves nothing until it is confirmed', async () => {
    const h = await setup();
    const before = h.state();
    const res = await compile(h, { text: 'If this account has two unresolved tickets in 5 days, flag for CSM review' });
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out).toMatchObject({
      ok: true,
      source: 'fallback',
      rule: { conditions: [{ kind: 'count', subject: 'unresolved_tickets', value: 2, within: { value: 5, unit: 'days' } }], actions: [{ type: 'flag_csm' }] },
    });
    expect(out.restatement).toContain('2 unresolved tickets');
    expect(out.rule.description).toBe('If this account has two unresolved tickets in 5 days, flag for CSM review');
    expect(h.state()).toEqual(before);
    // Confirming is a PUT of what came back.
    expect((await put(h, out.rule.id, out.rule)).status).toBe(201);
    // The same sentence again gets a fresh id, so confirming it cannot overwrite the first.
    const again = await (await compile(h, { text: 'If this account has two unresolved tickets in 5 days, flag for CSM review' })).json();
    expect(again.rule.id).toBe(`${out.rule.id}-2`);
  });

  it('resolves destination names, and refuses one that does not exist with what does', async () => {
    const h = await setup();
    const text = 'When 3 users from the same account file tickets in a week, alert #cs-escalations on Slack';
    const refused = await compile(h, { text });
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.error.code).toBe('rule_invalid');
    expect(body.error.message).toContain('#cs-escalations');
    await h.json('PUT', '/v1/destinations/slack-cs', { name: '#cs-escalations', kind: 'slack', config: { url: 'https://hooks.slack.com/services/T0/B0/abcdefghijklmnopqrstuvwx' } }, sk(h));
    const ok = await (await compile(h, { text })).json();
    expect(ok.rule.actions).toEqual([{ type: 'outreach', destination: 'slack-cs' }]);
    expect(ok.restatement).toContain('#cs-escalations');
  });

  it('refuses what is not a rule, and bad bodies, with a clear error', async () => {
    const h = await setup();
    const before = h.state();
    const nonsense = await compile(h, { text: 'make everything better' });
    expect(nonsense.status).toBe(422);
    expect((await nonsense.json()).error.code).toMatch(/^rule_(unsupported|ambiguous|invalid|unsafe)$/);
    for (const body of [{}, { text: '' }, { text: 42 }, { text: 'x'.repeat(501) }, '[]']) {
      const res = await compile(h, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await h.json('POST', '/v1/rules/compile', { text: 'x' }, { authorization: `Bearer ${h.pk}` })).status).toBe(403);
    expect(h.state()).toEqual(before);
  });
});
