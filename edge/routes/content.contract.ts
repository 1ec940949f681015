// Tips and articles under the secret key as every runtime must serve them: CRUD, validation, keys, workspaces apart.
import { describe, expect, it } from 'vitest';
import type { Tip } from '../../sdk/wire';
import { ORIGIN, type ContractHarness as Harness, type SetupHarness } from '../test/fixtures';

const tip: Tip = {
  id: 'export-help',
  title: 'Exports take a minute',
  body: 'Large exports arrive by email. [Read more](/help/exports)',
  articleUrl: '/help/exports',
  when: { signal: ['rage_click', 'dead_click'], screen: '/reports/*', traits: [{ trait: 'plan', op: 'in', value: ['pro', 'team'] }] },
  priority: 10,
  cooldownMs: 3_600_000,
};

const sk = (h: Harness) => ({ authorization: `Bearer ${h.sk}` });

export function contentContract(setup: SetupHarness): void {
  describe('/v1/tips', () => {
    it('creates (201), replaces (200), reads, lists and deletes a tip', async () => {
      const h = await setup();
      const created = await h.json('PUT', `/v1/tips/${tip.id}`, tip, sk(h));
      expect(created.status).toBe(201);
      expect(await created.json()).toEqual(tip);
      const replaced = await h.json('PUT', `/v1/tips/${tip.id}`, { ...tip, priority: 20 }, sk(h));
      expect(replaced.status).toBe(200);
      expect(await (await h.request(`/v1/tips/${tip.id}`, { headers: sk(h) })).json()).toEqual({ ...tip, priority: 20 });
      expect(await (await h.request('/v1/tips', { headers: sk(h) })).json()).toEqual({ tips: [{ ...tip, priority: 20 }] });
      expect((await h.request(`/v1/tips/${tip.id}`, { method: 'DELETE', headers: sk(h) })).status).toBe(204);
      expect((await h.request(`/v1/tips/${tip.id}`, { headers: sk(h) })).status).toBe(404);
      expect((await h.request(`/v1/tips/${tip.id}`, { method: 'DELETE', headers: sk(h) })).status).toBe(404);
    });

    it('takes the id from the path and refuses a body that contradicts it', async () => {
      const h = await setup();
      const { id: _id, ...noId } = tip;
      expect((await h.json('PUT', '/v1/tips/from-path', noId, sk(h))).status).toBe(201);
      const before = await h.state();
      const res = await h.json('PUT', '/v1/tips/one', { ...tip, id: 'two' }, sk(h));
      expect(res.status).toBe(400);
      expect(await h.state()).toEqual(before);
    });

    it('refuses invalid tips with the path of each wrong field, storing nothing', async () => {
      const h = await setup();
      const before = await h.state();
      const res = await h.json(
        'PUT',
        `/v1/tips/${tip.id}`,
        { ...tip, articleUrl: 'javascript:alert(1)', when: { signal: 'sneezing' }, priority: 'high', extra: true },
        sk(h),
      );
      expect(res.status).toBe(400);
      const paths = ((await res.json()) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['articleUrl', 'when.signal', 'priority', '(root)']));
      expect(await h.state()).toEqual(before);
    });

    it('needs the secret key, never from a browser', async () => {
      const h = await setup();
      const before = await h.state();
      expect((await h.json('PUT', `/v1/tips/${tip.id}`, tip, { authorization: `Bearer ${h.pk}` })).status).toBe(403);
      expect((await h.json('PUT', `/v1/tips/${tip.id}`, tip, { ...sk(h), origin: ORIGIN })).status).toBe(403);
      expect((await h.json('PUT', `/v1/tips/${tip.id}`, tip)).status).toBe(401);
      expect((await h.request('/v1/tips')).status).toBe(401);
      expect(await h.state()).toEqual(before);
    });

    it('allows the edge origin itself (the console) to use the secret key', async () => {
      const h = await setup();
      expect((await h.request('/v1/tips', { headers: { ...sk(h), origin: 'http://edge.test' } })).status).toBe(200);
    });

    it('keeps workspaces apart', async () => {
      const h = await setup();
      await h.json('PUT', `/v1/tips/${tip.id}`, tip, sk(h));
      const otherSk = (await h.otherWorkspace()).sk;
      expect(await (await h.request('/v1/tips', { headers: { authorization: `Bearer ${otherSk}` } })).json()).toEqual({ tips: [] });
      expect((await h.request(`/v1/tips/${tip.id}`, { headers: { authorization: `Bearer ${otherSk}` } })).status).toBe(404);
    });
  });

  describe('/v1/articles', () => {
    it('creates, reads, lists and deletes articles, validating them', async () => {
      const h = await setup();
      const article = { title: 'Exporting reports', body: 'Open **Reports**, choose Export.', url: 'https://help.example.com/export', tags: ['reports'] };
      expect((await h.json('PUT', '/v1/articles/export', article, sk(h))).status).toBe(201);
      const got = (await (await h.request('/v1/articles/export', { headers: sk(h) })).json()) as Record<string, unknown>;
      expect(got).toMatchObject({ id: 'export', ...article });
      expect(((await (await h.request('/v1/articles', { headers: sk(h) })).json()) as { articles: unknown[] }).articles).toHaveLength(1);
      const before = await h.state();
      expect((await h.json('PUT', '/v1/articles/bad', { title: '', body: 3 }, sk(h))).status).toBe(400);
      expect((await h.json('PUT', `/v1/articles/${'x'.repeat(65)}`, article, sk(h))).status).toBe(400);
      expect(await h.state()).toEqual(before);
      expect((await h.request('/v1/articles/export', { method: 'DELETE', headers: sk(h) })).status).toBe(204);
      expect((await h.state()).articles).toBe(0);
    });

    it('answers 405 for a method the collection does not have', async () => {
      const h = await setup();
      const res = await h.request('/v1/articles', { method: 'POST', headers: sk(h) });
      expect(res.status).toBe(405);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
    });
  });
}
