// Builds dist/ from src/: the app (dist/index.html, app.js, app.css and the
// lazily loaded chunks under dist/chunks/) and GraphiQL (dist/graphiql/).
// The output depends only on the sources and the locked packages: no
// timestamps, no absolute paths, chunk names from content hashes, and dist/
// is emptied first so a removed screen leaves no stale chunk behind.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';

const common = {
  bundle: true,
  minify: true,
  sourcemap: false,
  target: ['es2022'],
  legalComments: 'eof',
  charset: 'utf8',
  logLevel: 'warning',
  // Fonts and images referenced by CSS are inlined, so no asset is fetched
  // from anywhere but the binary.
  loader: { '.woff2': 'dataurl', '.woff': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
  define: { 'process.env.NODE_ENV': '"production"' },
};

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist/graphiql', { recursive: true });

await build({
  ...common,
  entryPoints: { app: 'src/main.tsx' },
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  jsx: 'automatic',
  jsxImportSource: 'preact',
});
copyFileSync('src/index.html', 'dist/index.html');

await build({
  ...common,
  entryPoints: { graphiql: 'src/graphiql/graphiql.ts' },
  outdir: 'dist/graphiql',
  format: 'iife',
});
copyFileSync('src/graphiql/index.html', 'dist/graphiql/index.html');
copyFileSync('src/graphiql/page.css', 'dist/graphiql/page.css');
