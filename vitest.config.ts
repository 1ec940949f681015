// Five test projects: the SDK and the console in happy-dom, the edge in Node, the edge in workerd (the Workers
// runtime), and real-Chromium tests of the built bundle.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig, type Plugin } from 'vitest/config';

/** The worker bundles .sql files as text (wrangler.jsonc "rules"); Vite, which builds the worker's tests, likewise. */
const sqlAsText: Plugin = {
  name: 'sql-as-text',
  transform(code, id) {
    return id.endsWith('.sql') ? { code: `export default ${JSON.stringify(code)};`, map: null } : null;
  },
};

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'sdk',
          environment: 'happy-dom',
          include: ['sdk/**/*.test.ts', 'widget/**/*.test.{ts,tsx}'],
          exclude: ['**/*.browser.test.ts'],
          setupFiles: ['sdk/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'console',
          environment: 'happy-dom',
          include: ['console/**/*.test.{ts,tsx}'],
          exclude: ['**/*.browser.test.ts'],
          setupFiles: ['console/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'edge',
          environment: 'node',
          include: ['edge/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', 'edge/runtime/worker/**'],
          testTimeout: 30_000,
        },
      },
      {
        plugins: [
          sqlAsText,
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.jsonc' },
            miniflare: {
              // D1 gets its migrations in the setup file; a test binding carries them there.
              bindings: { TEST_MIGRATIONS: await readD1Migrations('./edge/db/migrations') },
              // The contract tests' tight per-key limit (edge/test/fixtures.ts RATE_LIMIT_BURST).
              ratelimits: { TEST_KEY_RATE_LIMIT: { simple: { limit: 2, period: 60 } } },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['edge/runtime/worker/**/*.test.ts'],
          globalSetup: ['edge/runtime/worker/test/stageAssets.ts'],
          setupFiles: ['edge/runtime/worker/test/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['**/*.browser.test.ts'],
          exclude: ['node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
