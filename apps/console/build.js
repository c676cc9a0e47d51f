/**
 * Builds the editor console (apps/console) into dist/console: one script, one style sheet and
 * the page, all served by the admin API at /console (same origin, nothing from elsewhere).
 * `npm run build` runs it after the server and the CLI; `--watch` rebuilds on every change.
 */
const esbuild = require('esbuild');
const { copyFileSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { gzipSync } = require('node:zlib');
const { join } = require('node:path');

const source = __dirname;
const out = join(__dirname, '..', '..', 'dist', 'console');

const options = {
  entryPoints: { console: join(source, 'src', 'main.tsx') },
  outdir: out,
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'esm',
  target: ['chrome115', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
};

async function main() {
  mkdirSync(out, { recursive: true });
  copyFileSync(join(source, 'index.html'), join(out, 'index.html'));
  copyFileSync(join(source, 'src', 'console.css'), join(out, 'console.css'));
  if (process.argv.includes('--watch')) {
    const context = await esbuild.context(options);
    await context.watch();
    console.log(`watching apps/console, writing ${out}`);
    return;
  }
  await esbuild.build(options);
  const sizes = ['console.js', 'console.css'].map((name) => {
    const bytes = readFileSync(join(out, name));
    return { name, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  writeFileSync(join(out, 'sizes.json'), JSON.stringify(sizes, null, 2) + '\n');
  console.log(
    `console built in dist/console: ${sizes.map((s) => `${s.name} ${s.bytes} B (${s.gzip} B gzip)`).join(', ')}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
