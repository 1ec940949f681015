// Builds the browser artefacts: the lazily loaded chunks (content-hashed), then the script-tag SDK (IIFE) and the
// npm ES module with types, both pointing at the hashed chunk names.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { consoleBuild } from './console/rollup.mjs';

// Stale hashed chunks must not linger: the edge would serve them forever as immutable.
rmSync('dist', { recursive: true, force: true });

const ts = (decl = false) =>
  typescript({
    tsconfig: './tsconfig.json',
    noEmit: false,
    include: ['sdk/**/*.ts', 'widget/**/*.ts', 'widget/**/*.tsx'],
    exclude: ['**/*.test.ts', '**/*.test.tsx', 'sdk/test/**'],
    compilerOptions: { target: 'ES2021' },
    ...(decl ? { declaration: true, declarationDir: 'dist/esm', outDir: 'dist/esm', rootDir: '.' } : { declaration: false }),
  });

/** The chunks' emitted names, filled by the chunk builds (rollup runs this array in order). */
const emitted = {};
const recordChunk = (name) => ({
  name: 'record-chunk',
  generateBundle(_, bundle) {
    for (const file of Object.values(bundle)) if (file.type === 'chunk' && file.isEntry) emitted[name] = file.fileName;
  },
});
const chunksModule = fileURLToPath(new URL('./sdk/chunks.ts', import.meta.url));
const hashedChunks = {
  name: 'hashed-chunks',
  load(id) {
    if (id !== chunksModule) return null;
    if (!emitted.tips || !emitted.widget) this.error('the chunks must be built before the SDK');
    return `export const CHUNKS = ${JSON.stringify(emitted)};`;
  },
};

const chunk = (name, input) => ({
  input,
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: `${name}-[hash:12].js`,
    // Chunks a chunk loads lazily in turn (the widget's panels), content-hashed like it.
    chunkFileNames: '[name]-[hash:12].js',
    hashCharacters: 'hex',
    sourcemap: true,
    plugins: [terser({ ecma: 2020, module: true })],
  },
  // Code shared with a lazy sub-chunk stays in the entry chunk (which then exports it) instead of a third file.
  preserveEntrySignatures: 'allow-extension',
  plugins: [resolve({ browser: true }), ts(), recordChunk(name)],
});

export default [
  chunk('tips', 'sdk/tips/chunk.ts'),
  chunk('widget', 'widget/index.ts'),
  {
    input: 'sdk/loader.ts',
    output: {
      file: 'dist/forestall.js',
      format: 'iife',
      sourcemap: true,
      plugins: [terser({ ecma: 2020, module: false, compress: { passes: 2 }, format: { comments: false } })],
    },
    plugins: [hashedChunks, resolve({ browser: true }), ts()],
  },
  {
    input: 'sdk/index.ts',
    output: { dir: 'dist/esm', format: 'es', sourcemap: true },
    plugins: [hashedChunks, resolve({ browser: true }), ts(true)],
  },
  consoleBuild(hashedChunks),
];
