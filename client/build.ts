/**
 * Bundles the browser client: client/src/main.ts → client/dist/main.js
 * (minified, with a source map), main.css, and index.html, plus a brotli
 * (q11) and a gzip variant of each text file (`X.br`, `X.gz`) so the server
 * never compresses on a request. Run with `npm run build:client`; tests call
 * buildClient() directly.
 *
 * Source maps name their sources relative to the project (`client/src/…`,
 * `node_modules/…`), never the build machine's directories: esbuild writes
 * them relative to the map file, which through a symlinked node_modules can
 * climb out of the checkout (`../../../main/node_modules/…`).
 */
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const clientDir = dirname(fileURLToPath(import.meta.url));
const projectDir = resolve(clientDir, '..');
/** Text outputs that get .br/.gz variants (maps are for development and are not served by default). */
const COMPRESSED_EXTS = ['.js', '.css', '.html'];

export interface BuildResult {
  outDir: string;
  /** File name → size in bytes, raw and as served compressed (0 for source maps, which get no variants). */
  files: { name: string; bytes: number; gzipBytes: number; brBytes: number }[];
  elapsedMs: number;
}

export async function buildClient(outDir = join(clientDir, 'dist')): Promise<BuildResult> {
  const started = performance.now();
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    // The game client, and the operator console and replay player pages (issue 15).
    entryPoints: { main: join(clientDir, 'src', 'main.ts'), ...extraPages() },
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
  for (const [name, html] of Object.entries(EXTRA_PAGES)) if (existsSync(html)) await copyFile(html, join(outDir, `${name}.html`));
  const files: BuildResult['files'] = [];
  for (const name of (await readdir(outDir)).sort()) {
    const path = join(outDir, name);
    if (name.endsWith('.map')) await rewriteMapSources(path);
    const bytes = (await stat(path)).size;
    let gzipBytes = 0;
    let brBytes = 0;
    if (COMPRESSED_EXTS.some((e) => name.endsWith(e))) {
      const raw = await readFile(path);
      const gz = gzipSync(raw, { level: 9 });
      const br = brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } });
      await writeFile(`${path}.gz`, gz);
      await writeFile(`${path}.br`, br);
      [gzipBytes, brBytes] = [gz.length, br.length];
    }
    files.push({ name, bytes, gzipBytes, brBytes });
  }
  return { outDir, files, elapsedMs: performance.now() - started };
}

/** Rewrite a map's sources to project-relative paths (see the file comment). */
async function rewriteMapSources(mapPath: string): Promise<void> {
  const map = JSON.parse(await readFile(mapPath, 'utf8')) as { sources: string[]; sourceRoot?: string };
  map.sources = map.sources.map((s) => projectRelative(resolve(dirname(mapPath), map.sourceRoot ?? '', s)));
  map.sourceRoot = '';
  await writeFile(mapPath, JSON.stringify(map));
}

/** `…/node_modules/pkg/x.js` → `node_modules/pkg/x.js`; a file in the checkout → its path in the checkout. */
export function projectRelative(absolute: string): string {
  const parts = absolute.split(sep);
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) return parts.slice(nm).join('/');
  const rel = relative(projectDir, absolute).split(sep).join('/');
  return rel.startsWith('..') ? parts.slice(-2).join('/') : rel;
}

/** Pages besides the game (issue 15): each an entry point `src/<name>/<name>Main.ts` and its `src/<name>/<name>.html`. */
const EXTRA_PAGES: Record<string, string> = {
  admin: join(clientDir, 'src', 'admin', 'admin.html'),
  replay: join(clientDir, 'src', 'replay', 'replay.html'),
};

function extraPages(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(EXTRA_PAGES)) {
    const entry = join(clientDir, 'src', name, `${name}Main.ts`);
    if (existsSync(entry)) out[name] = entry;
  }
  return out;
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildClient().then(
    (r) => {
      for (const f of r.files) {
        const packed = f.gzipBytes ? `  (gzip ${kib(f.gzipBytes)}, br ${kib(f.brBytes)})` : '';
        console.log(`  ${f.name.padEnd(14)} ${kib(f.bytes).padStart(11)}${packed}`);
      }
      console.log(`client built in ${r.elapsedMs.toFixed(0)} ms → ${r.outDir}`);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
