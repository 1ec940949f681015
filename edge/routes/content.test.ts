import { describe, expect, it } from 'vitest';
import { nodeHarness, setup } from '../test/harness';
import { contentContract } from './content.contract';

contentContract(nodeHarness);

describe('tips and articles from the console (Node)', () => {
  const SAME_ORIGIN = { origin: 'http://edge.test', 'sec-fetch-site': 'same-origin' };
  const tip = { title: 'VAT IDs', body: 'Start with the country code.', when: { signal: 'form_struggle' }, priority: 1, cooldownMs: 0 };

  it('takes the console session cookie on same-origin requests, and refuses it from another site without storing anything', async () => {
    const h = await setup();
    const signIn = await h.json('POST', '/console/session', { key: h.sk, name: 'Dana' }, SAME_ORIGIN);
    expect(signIn.status).toBe(201);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    expect((await h.json('PUT', '/v1/tips/vat', tip, { cookie, ...SAME_ORIGIN })).status).toBe(201);
    const before = h.state();
    const crossSite = await h.json('PUT', '/v1/tips/other', tip, { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(h.state()).toEqual(before);
    expect((await h.request('/v1/tips', { headers: { cookie, ...SAME_ORIGIN } })).status).toBe(200);
  });
});
