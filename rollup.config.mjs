// Builds the browser artefacts: the script-tag SDK (IIFE), the npm ES module with types, and the widget chunk.
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const ts = (decl = false) =>
  typescript({
    tsconfig: './tsconfig.json',
    noEmit: false,
    include: ['sdk/**/*.ts', 'widget/**/*.ts', 'widget/**/*.tsx'],
    exclude: ['**/*.test.ts', '**/*.test.tsx', 'sdk/test/**'],
    compilerOptions: { target: 'ES2021' },
    ...(decl ? { declaration: true, declarationDir: 'dist/esm', outDir: 'dist/esm', rootDir: '.' } : { declaration: false }),
  });

const min = terser({ ecma: 2020, module: false, compress: { passes: 2 }, format: { comments: false } });

export default [
  {
    input: 'sdk/loader.ts',
    output: { file: 'dist/forestall.js', format: 'iife', sourcemap: true, plugins: [min] },
    plugins: [resolve({ browser: true }), ts()],
  },
  {
    input: 'sdk/index.ts',
    output: { dir: 'dist/esm', format: 'es', sourcemap: true },
    plugins: [
      resolve({ browser: true }),
      ts(true),
    ],
  },
  {
    input: 'sdk/tips/chunk.ts',
    output: { file: 'dist/tips.js', format: 'es', sourcemap: true, plugins: [terser({ ecma: 2020, module: true })] },
    plugins: [resolve({ browser: true }), ts()],
  },
  {
    input: 'widget/index.ts',
    output: { file: 'dist/widget.js', format: 'es', sourcemap: true, plugins: [terser({ ecma: 2020, module: true })] },
    plugins: [resolve({ browser: true }), ts()],
  },
];
