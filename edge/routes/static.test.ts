import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeStaticFiles } from '../runtime/staticFiles';
import { setup } from '../test/harness';
import { HASHED_NAME, safeRelativePath } from './static';

function files() {
  const root = mkdtempSync(path.join(tmpdir(), 'forestall-static-'));
  const dist = path.join(root, 'dist');
  const demo = path.join(root, 'demo');
  mkdirSync(dist);
  mkdirSync(path.join(demo, 'css'), { recursive: true });
  writeFileSync(path.join(dist, 'forestall.js'), 'console.log("sdk")');
  writeFileSync(path.join(dist, 'widget-3f2a9c1b.js'), 'console.log("widget")');
  writeFileSync(path.join(demo, 'index.html'), '<script>forestall("init",{key:"%FORESTALL_KEY%",endpoint:"%FORESTALL_ENDPOINT%"})</script>');
  writeFileSync(path.join(demo, 'css', 'app.css'), 'body{}');
  writeFileSync(path.join(root, 'secret.txt'), 'do not serve');
  return nodeStaticFiles({ sdk: dist, demo });
}

describe('static files', () => {
  it('serves the SDK entry with a short cache and hashed chunks as immutable, to any origin', async () => {
    const h = await setup({ staticFiles: files() });
    const entry = await h.request('/sdk/forestall.js');
    expect(entry.status).toBe(200);
    expect(await entry.text()).toBe('console.log("sdk")');
    expect(entry.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(entry.headers.get('cache-control')).toMatch(/max-age=300/);
    expect(entry.headers.get('access-control-allow-origin')).toBe('*');
    const chunk = await h.request('/sdk/widget-3f2a9c1b.js');
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await h.request('/sdk/nope.js')).status).toBe(404);
  });

  it('never serves a file outside its root', async () => {
    const h = await setup({ staticFiles: files() });
    for (const p of ['/sdk/../secret.txt', '/sdk/%2e%2e/secret.txt', '/sdk/..%2fsecret.txt', '/sdk/%2e%2e%5csecret.txt', '/demo/%2e%2e/secret.txt', '/sdk/.hidden', '/sdk/a%00.js']) {
      const res = await h.request(p);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('do not serve');
    }
  });

  it('serves the demo with the key and endpoint filled in, and redirects / to it', async () => {
    const h = await setup({ staticFiles: files(), demoKey: 'pk_demo' });
    const root = await h.request('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/demo/');
    const page = await h.request('/demo/');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe('<script>forestall("init",{key:"pk_demo",endpoint:"http://edge.test"})</script>');
    expect(await (await h.request('/demo/orders/42')).text()).toContain('pk_demo');
    const css = await h.request('/demo/css/app.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toBe('body{}');
  });

  it('tells hashed names from plain ones', () => {
    expect(HASHED_NAME.test('widget-3f2a9c1b.js')).toBe(true);
    expect(HASHED_NAME.test('chunk-BxK2f9aZ.js')).toBe(true);
    expect(HASHED_NAME.test('forestall.js')).toBe(false);
    expect(HASHED_NAME.test('some-longname.js')).toBe(false);
  });

  it('accepts plain relative paths only', () => {
    expect(safeRelativePath('a/b.js')).toBe('a/b.js');
    expect(safeRelativePath('dir/')).toBe('dir/');
    for (const bad of ['../x', 'a/../../x', '%2e%2e/x', 'a\\b', '/abs', 'a//b', '.env', '%E0%A4%A']) expect(safeRelativePath(bad), bad).toBeNull();
  });
});

describe('errors for unknown routes', () => {
  it('404 in the error shape', async () => {
    const h = await setup();
    const res = await h.request('/v2/nothing');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No route for GET /v2/nothing.' } });
  });
});
