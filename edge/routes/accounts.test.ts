import { describe, expect, it } from 'vitest';
import { NOW, setup, type Harness } from '../test/harness';

const sk = (h: Harness) => ({ authorization: `Bearer ${h.sk}` });
const reason = (id: 'usage_drop' | 'tone_drift') => ({ id, kind: 'pattern' as const, points: 20, sentence: `${id} sentence`, evidence: { ticketIds: ['T-1'] }, at: NOW });

describe('at-risk accounts and the account page', () => {
  it('lists at-risk accounts by score with reasons and trend, and shows one account with its risk, triggers and timeline', async () => {
    const h = await setup();
    const ws = h.workspaceId;
    await h.store.upsertAccounts(ws, [{ id: 'acme', name: 'Acme', tier: 'enterprise' }, { id: 'globex', name: 'Globex', tier: 'pro' }], NOW);
    await h.store.saveAssessment(ws, { accountId: 'acme', score: 81, level: 'critical', reasons: [reason('usage_drop'), reason('tone_drift')], requiresHuman: true, evaluatedAt: NOW });
    await h.store.saveAssessment(ws, { accountId: 'globex', score: 30, level: 'medium', reasons: [reason('tone_drift')], requiresHuman: false, evaluatedAt: NOW });
    await h.store.upsertTickets(ws, [{ id: 'T-1', accountId: 'acme', subject: 'Export broken', status: 'open', createdAt: NOW - 1000 }], 'api', NOW);

    const list = await (await h.request('/v1/accounts/at-risk', { headers: sk(h) })).json();
    expect(list.total).toBe(2);
    expect(list.accounts.map((a: { accountId: string; score: number; name: string }) => [a.accountId, a.score, a.name])).toEqual([
      ['acme', 81, 'Acme'],
      ['globex', 30, 'Globex'],
    ]);
    expect(list.accounts[0]).toMatchObject({ level: 'critical', requiresHuman: true, reasons: [{ id: 'usage_drop', sentence: 'usage_drop sentence', evidence: { ticketIds: ['T-1'] } }, { id: 'tone_drift' }], trend: [{ score: 81 }] });
    const filtered = await (await h.request('/v1/accounts/at-risk?minScore=50&reason=tone_drift&tier=enterprise', { headers: sk(h) })).json();
    expect(filtered.accounts.map((a: { accountId: string }) => a.accountId)).toEqual(['acme']);

    const page = await (await h.request('/v1/accounts/acme', { headers: sk(h) })).json();
    expect(page).toMatchObject({ accountId: 'acme', account: { name: 'Acme' }, risk: { score: 81 }, triggers: [], tickets: [{ id: 'T-1' }] });
    expect(page.timeline).toContainEqual(expect.objectContaining({ kind: 'ticket', title: 'T-1 opened: Export broken', ref: 'T-1' }));
    const unknown = await (await h.request('/v1/accounts/nobody', { headers: sk(h) })).json();
    expect(unknown).toMatchObject({ accountId: 'nobody', account: null, risk: null, triggers: [], timeline: [] });
  });

  it('refuses bad filters with the parameter named', async () => {
    const h = await setup();
    for (const q of ['minScore=abc', 'minScore=101', 'limit=0', 'limit=201', 'offset=-1', 'trendDays=365', `reason=${'x'.repeat(51)}`]) {
      const res = await h.request(`/v1/accounts/at-risk?${q}`, { headers: sk(h) });
      const body = await res.json();
      expect([q, res.status, body.error.code, body.error.issues[0].path]).toEqual([q, 400, 'invalid_query', q.split('=')[0]]);
    }
    expect((await h.request(`/v1/accounts/${'x'.repeat(300)}`, { headers: sk(h) })).status).toBe(400);
    expect((await h.request('/v1/accounts/at-risk', { headers: { authorization: `Bearer ${h.pk}` } })).status).toBe(403);
  });
});
