import { describe, expect, it } from 'vitest';
import { NOW, ORIGIN, nodeHarness, setup } from '../test/harness';
import { casesContract } from './cases.contract';

casesContract(nodeHarness);

describe('POST /v1/handoff and the risk pipeline (Node)', () => {
  it('has the account of a new case re-scored, once: a retried handoff touches nothing again', async () => {
    const h = await setup({}, { background: true });
    const touched: string[] = [];
    const original = h.pipeline.touch;
    h.pipeline.touch = (ws, ids) => (touched.push(...[...ids].filter((x): x is string => !!x)), original(ws, ids));
    const body = {
      id: crypto.randomUUID(),
      anonymousId: 'anon-1',
      sessionId: 'sess-1',
      userId: 'u1',
      accountId: 'acme',
      answers: { tryingTo: 'Export the Q3 report', expected: '' },
      trail: { screens: [], signals: [], errors: [], tips: [], articles: [] },
      at: NOW - 1000,
    };
    const send = () => h.json('POST', '/v1/handoff', body, { authorization: `Bearer ${h.pk}`, origin: ORIGIN });
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(200);
    expect(touched).toEqual(['acme']);
    await h.pipeline.idle();
    expect(await h.store.getAssessment(h.workspaceId, 'acme', 14)).toMatchObject({ accountId: 'acme' });
  });
});
