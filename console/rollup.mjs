// The console's build, one entry of rollup.config.mjs: the Preact app in content-hashed chunks (chart.js in its own,
// loaded when a chart is first drawn), its stylesheet and icon hashed the same way, and the shell page naming them.
import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const here = (file) => new URL(file, import.meta.url);

/** Emits the stylesheet and icon as hashed assets, then the shell (dist/console/index.html) that links them. */
const shell = () => ({
  name: 'console-shell',
  buildStart() {
    for (const f of ['console.css', 'icon.svg', 'index.html']) this.addWatchFile(here(f).pathname);
  },
  generateBundle(_, bundle) {
    const css = this.emitFile({ type: 'asset', name: 'console.css', source: readFileSync(here('console.css')) });
    const icon = this.emitFile({ type: 'asset', name: 'icon.svg', source: readFileSync(here('icon.svg')) });
    const entry = Object.values(bundle).find((f) => f.type === 'chunk' && f.isEntry);
    if (!entry) this.error('the console entry chunk is missing');
    const html = readFileSync(here('index.html'), 'utf8')
      .replace('%STYLE%', `/console/${this.getFileName(css)}`)
      .replace('%ICON%', `/console/${this.getFileName(icon)}`)
      .replace('%SCRIPT%', `/console/${entry.fileName}`);
    this.emitFile({ type: 'asset', fileName: 'index.html', source: html });
  },
});

/** `hashedChunks` fills sdk/chunks.ts with the widget chunk's emitted name, so the tip preview loads the real one. */
export const consoleBuild = (hashedChunks) => ({
  input: 'console/main.tsx',
  output: {
    dir: 'dist/console',
    format: 'es',
    entryFileNames: 'assets/console-[hash:12].js',
    chunkFileNames: 'assets/[name]-[hash:12].js',
    assetFileNames: 'assets/[name]-[hash:12][extname]',
    hashCharacters: 'hex',
    sourcemap: true,
    plugins: [terser({ ecma: 2020, module: true })],
  },
  plugins: [
    hashedChunks,
    resolve({ browser: true }),
    // Only the files the console reaches are compiled, without a second type check (tsc --noEmit checks the whole
    // project): a checked program over the edge's types (drizzle, zod) made this the slowest step of the build.
    typescript({
      tsconfig: false,
      include: ['console/**/*.ts', 'console/**/*.tsx', 'sdk/**/*.ts', 'widget/**/*.ts', 'widget/**/*.tsx', 'edge/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.test.tsx'],
      noEmitOnError: false,
      compilerOptions: {
        target: 'ES2021',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        jsx: 'react-jsx',
        jsxImportSource: 'preact',
        strict: true,
        isolatedModules: true,
        verbatimModuleSyntax: true,
        skipLibCheck: true,
        types: [],
        declaration: false,
        sourceMap: true,
        // Types are checked by tsc --noEmit over the whole project; here they would only be checked again.
        noCheck: true,
      },
    }),
    shell(),
  ],
});
