import { describe, expect, it } from 'vitest';
import { verifyStandard } from '../webhooks/signatures';
import { setup, type Harness } from '../test/harness';

const SLACK_URL = 'https://hooks.slack.com/services/T0123ABCD/B0456EFGH/AbCdEfGhIjKlMnOpQrStUvWx';
const sk = (h: Harness) => ({ authorization: `Bearer ${h.sk}` });
const put = (h: Harness, id: string, body: unknown) => h.json('PUT', `/v1/destinations/${id}`, body, sk(h));

describe('destinations', () => {
  it('creates a Slack destination and never reads its URL back; keeps it when an update leaves it out', async () => {
    const h = await setup();
    const res = await put(h, 'slack-cs', { name: '#cs-escalations', kind: 'slack', config: { url: SLACK_URL } });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ id: 'slack-cs', name: '#cs-escalations', kind: 'slack', enabled: true });
    expect(JSON.stringify(created)).not.toContain('AbCdEfGhIjKlMnOpQrStUvWx');
    const listed = await (await h.request('/v1/destinations', { headers: sk(h) })).json();
    expect(JSON.stringify(listed)).not.toContain('AbCdEfGhIjKlMnOpQrStUvWx');
    expect((await put(h, 'slack-cs', { name: '#cs-escalations', kind: 'slack', enabled: false, config: {} })).status).toBe(200);
    const stored = await h.store.getDestination(h.workspaceId, 'slack-cs');
    expect(stored).toMatchObject({ enabled: false, disabledReason: 'turned off', config: { kind: 'slack', url: SLACK_URL } });
    expect((await h.request('/v1/destinations/slack-cs', { headers: sk(h) })).status).toBe(200);
  });

  it('generates a whsec_ secret for a signed webhook and shows it once', async () => {
    const h = await setup();
    const created = await (await put(h, 'hook', { name: 'crm-hook', kind: 'webhook', config: { url: 'https://hooks.example.com/forestall' } })).json();
    expect(created.generatedSecret).toMatch(/^whsec_/);
    const again = await (await h.request('/v1/destinations/hook', { headers: sk(h) })).json();
    expect(again.generatedSecret).toBeUndefined();
    expect(JSON.stringify(again)).not.toContain(created.generatedSecret.slice(6));
    const stored = await h.store.getDestination(h.workspaceId, 'hook');
    expect(stored!.config).toMatchObject({ kind: 'webhook', secret: created.generatedSecret });
    // The secret verifies what Forestall will sign.
    const { signStandard } = await import('../webhooks/signatures');
    const sig = await signStandard(created.generatedSecret, 'msg_1', 1700000000, '{}');
    const ok = await verifyStandard({ secrets: [{ id: 's', secret: created.generatedSecret, createdAt: 0, expiresAt: null }], id: 'msg_1', timestamp: '1700000000', signature: sig, body: new TextEncoder().encode('{}'), now: 1700000000_000 });
    expect(ok.ok).toBe(true);
  });

  it('refuses bad destinations with the field named, private addresses, and taken names, and stores nothing', async () => {
    const h = await setup({ destinationGuard: { lookup: null, allow: 'none' } });
    await put(h, 'inbox', { name: 'local-inbox', kind: 'local_inbox' });
    const before = h.state();
    const cases: Array<[string, unknown, number, string, string?]> = [
      ['x', { name: 'x', kind: 'pager', config: {} }, 400, 'invalid_body', 'kind'],
      ['x', { name: 'x', kind: 'webhook', config: { url: 'ftp://example.com/h' } }, 400, 'invalid_body', 'config.url'],
      ['x', { name: 'x', kind: 'slack', config: {} }, 400, 'invalid_body', 'config.url'],
      ['x', { name: 'x', kind: 'webhook', config: { url: 'https://127.0.0.1:8080/h' } }, 400, 'address_refused', 'config.url'],
      ['x', { name: 'x', kind: 'webhook', config: { url: 'https://169.254.169.254/latest' } }, 400, 'address_refused', 'config.url'],
      ['x', { name: 'x', kind: 'webhook', config: { url: 'https://[::ffff:10.0.0.1]/h' } }, 400, 'address_refused', 'config.url'],
      ['x', { name: 'local-inbox', kind: 'local_inbox' }, 409, 'name_taken', 'name'],
      ['x', { id: 'y', name: 'x', kind: 'local_inbox' }, 400, 'invalid_body', 'id'],
      ['bad id!', { name: 'x', kind: 'local_inbox' }, 400, 'invalid_id', 'id'],
      ['x', '[1]', 400, 'invalid_body'],
    ];
    for (const [id, body, status, code, path] of cases) {
      const res = await put(h, id, body);
      const answer = await res.json();
      expect([JSON.stringify(body), res.status, answer.error.code]).toEqual([JSON.stringify(body), status, code]);
      if (path) expect(answer.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await h.json('PUT', '/v1/destinations/x', { name: 'x', kind: 'local_inbox' }, { authorization: `Bearer ${h.pk}` })).status).toBe(403);
    expect(h.state()).toEqual(before);
  });

  it('will not delete a destination a rule sends to', async () => {
    const h = await setup();
    await put(h, 'inbox', { name: 'local-inbox', kind: 'local_inbox' });
    await h.json('PUT', '/v1/rules/r1', { name: 'r', conditions: [{ kind: 'risk_score', op: 'gte', value: 50 }], actions: [{ type: 'outreach', destination: 'local-inbox' }] }, sk(h));
    const res = await h.request('/v1/destinations/inbox', { method: 'DELETE', headers: sk(h) });
    expect([res.status, (await res.json()).error.code]).toEqual([409, 'in_use']);
    await h.request('/v1/rules/r1', { method: 'DELETE', headers: sk(h) });
    expect((await h.request('/v1/destinations/inbox', { method: 'DELETE', headers: sk(h) })).status).toBe(204);
    expect((await h.request('/v1/destinations/inbox', { method: 'DELETE', headers: sk(h) })).status).toBe(404);
  });
});
