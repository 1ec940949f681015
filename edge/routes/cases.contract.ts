// POST /v1/handoff and the cases and account timeline under the secret key, as every runtime must answer them.
import { describe, expect, it } from 'vitest';
import type { HandoffRequest } from '../../sdk/wire';
import type { CaseRecord } from '../store';
import { batch, event, NOW, ORIGIN, OTHER_ORIGIN, type ContractHarness as Harness, type SetupHarness } from '../test/fixtures';

const handoff = (extra: Partial<HandoffRequest> = {}): HandoffRequest => ({
  id: crypto.randomUUID(),
  anonymousId: 'anon-1',
  sessionId: 'sess-1',
  userId: 'u1',
  accountId: 'acme',
  screen: '/reports/:id',
  answers: { tryingTo: 'Export the Q3 report', expected: 'A CSV download', email: 'ada@acme.test' },
  trail: {
    screens: [{ screen: '/reports', at: NOW - 60_000 }, { screen: '/reports/:id', at: NOW - 30_000 }],
    signals: [{ id: crypto.randomUUID(), type: 'rage_click', screen: '/reports/:id', at: NOW - 20_000, detail: { clicks: 4, label: 'Export' } }],
    errors: [{ fingerprint: 'POST /api/export 500', at: NOW - 19_000, screen: '/reports/:id' }],
    tips: [{ tipId: 'export-help', at: NOW - 15_000, outcome: 'unhelpful' }],
    articles: [{ articleId: 'export-csv', title: 'Export a report as CSV', at: NOW - 10_000 }],
  },
  at: NOW - 1000,
  ...extra,
});

const send = (h: Harness, body: unknown, headers: Record<string, string> = {}) =>
  h.json('POST', '/v1/handoff', body, { authorization: `Bearer ${h.pk}`, origin: ORIGIN, ...headers });
const sk = (h: Harness) => ({ authorization: `Bearer ${h.sk}` });

export function casesContract(setup: SetupHarness): void {
  describe('POST /v1/handoff', () => {
    it('creates a case with a readable reference, the answers, the trail and the account context', async () => {
      const h = await setup();
      await h.json('POST', '/v1/events', batch([
        event({ userId: 'u1', accountId: 'acme', type: 'friction', signal: { id: crypto.randomUUID(), type: 'dead_click', screen: '/reports', at: NOW - 5000, detail: {} } }),
        event({ userId: 'u2', accountId: 'acme' }),
        event({ userId: 'u9', accountId: 'other' }),
      ]), { authorization: `Bearer ${h.pk}` });
      const earlier = await send(h, handoff({ answers: { tryingTo: 'Invite a teammate', expected: '' } }));
      expect(await earlier.json()).toMatchObject({ reference: 'FS-1001' });

      const body = handoff();
      const res = await send(h, body);
      expect(res.status).toBe(201);
      const created = (await res.json()) as { caseId: string; reference: string };
      expect(created.reference).toBe('FS-1002');
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);

      const got = (await (await h.request(`/v1/cases/${created.caseId}`, { headers: sk(h) })).json()) as CaseRecord;
      expect(got).toMatchObject({ id: created.caseId, reference: 'FS-1002', status: 'open', userId: 'u1', accountId: 'acme', answers: body.answers, trail: body.trail });
      expect(got.context).toMatchObject({ accountId: 'acme', usersSeen: 2, eventCounts: { friction: 1, screen: 1 }, recentSignals: [{ type: 'dead_click', screen: '/reports' }] });
      expect(got.context.recentCases).toEqual([expect.objectContaining({ reference: 'FS-1001', tryingTo: 'Invite a teammate' })]);
      expect(got.summary).toContain('**Trying to:** Export the Q3 report');
      expect(got.summary).toContain('friction **rage_click** on /reports/:id');
      expect(got.summary).toContain('earlier case FS-1001');
      expect(await (await h.request('/v1/cases/fs-1002', { headers: sk(h) })).json()).toEqual(got);
    });

    it('reads the topic and guardrails from the answers, so the agent sees a legal threat before anything else', async () => {
      const h = await setup();
      const angry = await send(h, handoff({ answers: { tryingTo: 'Get a refund of $2,400 for the double charge', expected: 'My lawyer will be in touch if this is not fixed today' } }));
      const got = (await (await h.request(`/v1/cases/${((await angry.json()) as { caseId: string }).caseId}`, { headers: sk(h) })).json()) as CaseRecord;
      expect(got.summary).toMatch(/\*\*Topic:\*\* billing/);
      expect(got.summary).toContain('**Policy:**');
      expect(got.summary).toContain('legal threat');
      expect(got.summary).toContain('high-value refund');
      const calm = await send(h, handoff());
      const plain = (await (await h.request(`/v1/cases/${((await calm.json()) as { caseId: string }).caseId}`, { headers: sk(h) })).json()) as CaseRecord;
      expect(plain.summary).not.toContain('**Policy:**');
    });

    it('is idempotent on the handoff id: a retry finds the same case', async () => {
      const h = await setup();
      const body = handoff();
      const [a, b] = await Promise.all([send(h, body), send(h, body)]);
      const answers = [await a.json(), await b.json()];
      expect(answers[0]).toEqual(answers[1]);
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      expect((await h.state()).cases).toBe(1);
    });

    it('keeps an attachment and reports its size, not its bytes, in the case', async () => {
      const h = await setup();
      const res = await send(h, handoff({ attachment: { name: 'shot.png', type: 'image/png', dataBase64: btoa('hello png') } }));
      const { caseId } = (await res.json()) as { caseId: string };
      const got = (await (await h.request(`/v1/cases/${caseId}`, { headers: sk(h) })).json()) as CaseRecord;
      expect(got.attachment).toEqual({ name: 'shot.png', type: 'image/png', bytes: 9 });
    });

    it('refuses bad handoffs and stores nothing', async () => {
      const h = await setup();
      const before = await h.state();
      const bad = async (body: unknown, status: number, path?: string, headers: Record<string, string> = {}) => {
        const res = await send(h, body, headers);
        expect(res.status).toBe(status);
        if (path) expect(((await res.json()) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path)).toContain(path);
      };
      await bad({ ...handoff(), answers: { tryingTo: '  ', expected: '' } }, 400, 'answers.tryingTo');
      await bad({ ...handoff(), answers: { tryingTo: 'x', expected: 'y', email: 'not-an-email' } }, 400, 'answers.email');
      const { trail: _t, ...noTrail } = handoff();
      await bad(noTrail, 400, 'trail');
      await bad({ ...handoff(), attachment: { name: 'a', type: 'image/png', dataBase64: 'not base64!' } }, 400, 'attachment.dataBase64');
      await bad({ ...handoff(), attachment: { name: 'a', type: 'image/png', dataBase64: 'A'.repeat(400_000) } }, 400, 'attachment.dataBase64');
      await bad('{"id":', 400);
      await bad(handoff(), 403, undefined, { origin: OTHER_ORIGIN });
      await bad(handoff(), 401, undefined, { authorization: 'Bearer pk_' + 'C'.repeat(32) });
      await bad(handoff(), 403, undefined, { authorization: `Bearer ${h.sk}` });
      expect(await h.state()).toEqual(before);
    });
  });

  describe('cases and accounts under the secret key', () => {
    it('lists cases newest first, filtered by account and status', async () => {
      const h = await setup();
      await send(h, handoff());
      h.clock.t += 1000;
      await send(h, handoff({ accountId: 'globex' }));
      const all = (await (await h.request('/v1/cases', { headers: sk(h) })).json()) as { cases: Array<{ reference: string; tryingTo: string }> };
      expect(all.cases.map((c) => c.reference)).toEqual(['FS-1002', 'FS-1001']);
      expect(all.cases[0]!.tryingTo).toBe('Export the Q3 report');
      const acme = (await (await h.request('/v1/cases?accountId=acme&status=open', { headers: sk(h) })).json()) as { cases: unknown[] };
      expect(acme.cases).toHaveLength(1);
      expect((await h.request('/v1/cases?status=maybe', { headers: sk(h) })).status).toBe(400);
      expect((await h.request('/v1/cases', { headers: { authorization: `Bearer ${h.pk}` } })).status).toBe(403);
      expect((await h.request('/v1/cases/case_nope', { headers: sk(h) })).status).toBe(404);
    });

    it('shows an account timeline of events and cases', async () => {
      const h = await setup();
      const e = event({ accountId: 'acme', userId: 'u1' });
      await h.json('POST', '/v1/events', batch([e, event({ accountId: 'other' })]), { authorization: `Bearer ${h.pk}` });
      await send(h, handoff());
      const res = await h.request('/v1/accounts/acme', { headers: sk(h) });
      const timeline = (await res.json()) as { accountId: string; events: Array<{ id: string; event: unknown }>; cases: Array<{ reference: string }> };
      expect(timeline.accountId).toBe('acme');
      expect(timeline.events.map((x) => x.id)).toEqual([e.id]);
      expect(timeline.events[0]!.event).toEqual(e);
      expect(timeline.cases.map((c) => c.reference)).toEqual(['FS-1001']);
    });
  });
}
