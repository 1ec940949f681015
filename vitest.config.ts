// Four test projects: the SDK and the console in happy-dom, the edge in Node, and real-Chromium tests of the built bundle.
import { defineConfig } from 'vitest/config';

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
          exclude: ['**/*.browser.test.ts'],
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
