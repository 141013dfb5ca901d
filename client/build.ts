/**
 * Bundles the browser client: client/src/main.ts → client/dist/main.js
 * (minified, with a source map), main.css, and index.html. Run with
 * `npm run build:client`; tests call buildClient() directly.
 */
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const clientDir = dirname(fileURLToPath(import.meta.url));

export interface BuildResult {
  outDir: string;
  /** File name → size in bytes, raw and gzipped (source maps excluded from gzip). */
  files: { name: string; bytes: number; gzipBytes: number }[];
  elapsedMs: number;
}

export async function buildClient(outDir = join(clientDir, 'dist')): Promise<BuildResult> {
  const started = performance.now();
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: { main: join(clientDir, 'src', 'main.ts') },
    outdir: outDir,
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'esm',
    target: ['es2022'],
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  await copyFile(join(clientDir, 'index.html'), join(outDir, 'index.html'));
  const files: BuildResult['files'] = [];
  for (const name of (await readdir(outDir)).sort()) {
    const path = join(outDir, name);
    const bytes = (await stat(path)).size;
    const gzipBytes = name.endsWith('.map') ? 0 : gzipSync(readFileSync(path), { level: 9 }).length;
    files.push({ name, bytes, gzipBytes });
  }
  return { outDir, files, elapsedMs: performance.now() - started };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildClient().then(
    (r) => {
      for (const f of r.files) {
        console.log(`  ${f.name.padEnd(14)} ${kib(f.bytes).padStart(11)}${f.gzipBytes ? `  (gzip ${kib(f.gzipBytes)})` : ''}`);
      }
      console.log(`client built in ${r.elapsedMs.toFixed(0)} ms → ${r.outDir}`);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
