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
    expect(await (await h.request('/v1/rules/csm-review', { headers: sk(h) })).json()).toEqual({ ...saved, createdAt: NOW, updatedAt: NOW });
    // What GET returned can be sent back as it is.
    h.clock.t = NOW + 1000;
    const got = await (await h.request('/v1/rules/csm-review', { headers: sk(h) })).json();
    expect((await put(h, 'csm-review', { ...got, enabled: false })).status).toBe(200);
    const list = await (await h.request('/v1/rules', { headers: sk(h) })).json();
    expect(list.rules).toEqual([{ ...saved, enabled: false, createdAt: NOW, updatedAt: NOW + 1000 }]);
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
