import { describe, expect, it } from 'vitest';
import type { HelpArticleHit } from '../../sdk/wire';
import { excerpt } from '../help/articleIndex';
import { ORIGIN, setup, type Harness } from '../test/harness';

async function seed(h: Harness) {
  const put = (id: string, a: object) => h.json('PUT', `/v1/articles/${id}`, a, { authorization: `Bearer ${h.sk}` });
  await put('reset-password', { title: 'Reset your password', body: 'Open Settings, then Security, and choose Reset password. A link arrives by email.', url: '/help/reset' });
  await put('export-csv', { title: 'Export a report as CSV', body: 'Reports can be exported as CSV or PDF from the Export menu.' });
  await put('invoices', { title: 'Download invoices', body: 'Billing → Invoices lists every invoice as a PDF.', tags: ['billing'] });
}

const search = async (h: Harness, q: string) => {
  const res = await h.request(`/v1/help/search?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${h.pk}`, origin: ORIGIN } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: HelpArticleHit[] }).results;
};

describe('GET /v1/help/search', () => {
  it('finds articles by words, prefixes and typos, best first, with an excerpt', async () => {
    const h = await setup();
    await seed(h);
    const hits = await search(h, 'password');
    expect(hits[0]).toMatchObject({ id: 'reset-password', title: 'Reset your password', url: '/help/reset' });
    expect(hits[0]!.excerpt).toContain('password');
    expect((await search(h, 'pasword'))[0]!.id).toBe('reset-password');
    expect((await search(h, 'expo'))[0]!.id).toBe('export-csv');
    expect((await search(h, 'billing'))[0]!.id).toBe('invoices');
    expect(await search(h, 'zebra')).toEqual([]);
  });

  it('sees article changes at once', async () => {
    const h = await setup();
    await seed(h);
    expect((await search(h, 'password'))[0]!.id).toBe('reset-password');
    await h.request('/v1/articles/reset-password', { method: 'DELETE', headers: { authorization: `Bearer ${h.sk}` } });
    expect(await search(h, 'password')).toEqual([]);
    await h.json('PUT', '/v1/articles/sso', { title: 'Single sign-on', body: 'Passwords are managed by your identity provider.' }, { authorization: `Bearer ${h.sk}` });
    expect((await search(h, 'password'))[0]!.id).toBe('sso');
  });

  it('refuses an empty or oversized query and a missing key', async () => {
    const h = await setup();
    expect((await h.request('/v1/help/search?q=', { headers: { authorization: `Bearer ${h.pk}` } })).status).toBe(400);
    expect((await h.request(`/v1/help/search?q=${'a'.repeat(201)}`, { headers: { authorization: `Bearer ${h.pk}` } })).status).toBe(400);
    expect((await h.request('/v1/help/search?q=a&limit=0', { headers: { authorization: `Bearer ${h.pk}` } })).status).toBe(400);
    expect((await h.request('/v1/help/search?q=password')).status).toBe(401);
  });
});

describe('excerpt', () => {
  it('starts near the first matching term and drops markdown', () => {
    const body = `${'Intro words here. '.repeat(20)}Then **reset** your [password](/x).`;
    const e = excerpt(body, ['password']);
    expect(e.startsWith('…')).toBe(true);
    expect(e).toContain('reset your password');
    expect(e).not.toContain('**');
  });
});
