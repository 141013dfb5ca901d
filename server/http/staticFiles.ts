/**
 * The built client, held in memory: each file with its content type, a strong
 * ETag, and brotli/gzip variants for text assets, chosen by Accept-Encoding.
 *
 * Variants are ready before the first request: the build writes `X.br` and
 * `X.gz` beside `X` (brotli q11 takes ~1.5 s on main.js, too slow for a
 * request); a variant is used only if it decompresses to exactly `X`, else it
 * is made here at startup (q9, or q5 above 1 MiB). Compressing on the first
 * request blocked the event loop 0.14–0.5 s (issue 9, finding 8).
 *
 * Source maps (`*.map`) are not loaded unless `serveSourceMaps` (development):
 * they are the whole source and 6× the bundle.
 *
 * `index.html` is revalidated on every load (no-cache + ETag → 304) so a
 * deploy takes effect at once; other files too, since their names are not
 * content-hashed. Bodies are sent through the response budget (shared bytes).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync, gzipSync } from 'node:zlib';
import type { HttpRequest, HttpResponse } from 'uWebSockets.js';
import type { Logger } from '../logger';
import { endBody, writeBusy, type ResponseBudget } from './responseBudget';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.map', '.json', '.svg', '.txt']);
/** Smaller files are sent as they are: compression saves less than its headers. */
const MIN_COMPRESS_BYTES = 512;
const VARIANT_EXTS = ['.br', '.gz'];

interface StaticFile {
  contentType: string;
  etag: string;
  raw: Uint8Array;
  br?: Uint8Array;
  gzip?: Uint8Array;
}

export interface StaticFilesOptions {
  serveSourceMaps: boolean;
  log?: Logger;
}

export class StaticFiles {
  private readonly files = new Map<string, StaticFile>();
  /** Variants compressed here because the build's were missing or stale. */
  readonly compressedAtStartup: string[] = [];

  /** Load every file under `dir` (missing dir → no files; the index route explains). */
  constructor(
    readonly dir: string,
    private readonly budget: ResponseBudget,
    options: StaticFilesOptions,
  ) {
    if (!existsSync(dir)) return;
    for (const path of walk(dir)) {
      const ext = extname(path).toLowerCase();
      if (VARIANT_EXTS.includes(ext) && existsSync(path.slice(0, -ext.length))) continue;
      if (ext === '.map' && !options.serveSourceMaps) continue;
      const raw = readFileSync(path);
      const urlPath = '/' + relative(dir, path).split(sep).join('/');
      const file: StaticFile = {
        contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
        etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`,
        raw,
      };
      if (COMPRESSIBLE.has(ext) && raw.length > MIN_COMPRESS_BYTES) this.addVariants(file, path, urlPath);
      this.files.set(urlPath, file);
    }
    if (this.compressedAtStartup.length > 0) {
      options.log?.info({ files: this.compressedAtStartup }, 'compressed static files at startup (build variants missing or stale)');
    }
  }

  get isBuilt(): boolean {
    return this.files.has('/index.html');
  }

  has(urlPath: string): boolean {
    return this.files.has(urlPath === '/' ? '/index.html' : urlPath);
  }

  /** Serve `urlPath` synchronously; returns false if there is no such file. */
  serve(res: HttpResponse, req: HttpRequest, urlPath: string): boolean {
    const file = this.files.get(urlPath === '/' ? '/index.html' : urlPath);
    if (!file) return false;
    const ifNoneMatch = req.getHeader('if-none-match');
    const accept = req.getHeader('accept-encoding');
    res.cork(() => {
      if (ifNoneMatch === file.etag) {
        res.writeStatus('304 Not Modified').writeHeader('ETag', file.etag).endWithoutBody();
        return;
      }
      if (!this.budget.canStart(0)) return writeBusy(res, this.budget);
      let body = file.raw;
      let encoding = '';
      if (file.br && /\bbr\b/.test(accept)) [body, encoding] = [file.br, 'br'];
      else if (file.gzip && /\bgzip\b/.test(accept)) [body, encoding] = [file.gzip, 'gzip'];
      res.writeStatus('200 OK');
      res.writeHeader('Content-Type', file.contentType);
      res.writeHeader('Cache-Control', 'no-cache');
      res.writeHeader('ETag', file.etag);
      res.writeHeader('X-Content-Type-Options', 'nosniff');
      if (file.br || file.gzip) res.writeHeader('Vary', 'Accept-Encoding');
      if (encoding) res.writeHeader('Content-Encoding', encoding);
      endBody(res, this.budget, body, { shared: true });
    });
    return true;
  }

  private addVariants(file: StaticFile, path: string, urlPath: string): void {
    file.br = readVariant(`${path}.br`, file.raw, brotliDecompressSync);
    file.gzip = readVariant(`${path}.gz`, file.raw, gunzipSync);
    if (!file.br) {
      const quality = file.raw.length < 1 << 20 ? 9 : 5;
      file.br = brotliCompressSync(file.raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality } });
      this.compressedAtStartup.push(`${urlPath}.br`);
    }
    if (!file.gzip) {
      file.gzip = gzipSync(file.raw, { level: 9 });
      this.compressedAtStartup.push(`${urlPath}.gz`);
    }
  }
}

/** A build-made variant, if it exists and decompresses to exactly `raw`. */
function readVariant(path: string, raw: Uint8Array, decompress: (b: Uint8Array) => Buffer): Uint8Array | undefined {
  if (!existsSync(path)) return undefined;
  const packed = readFileSync(path);
  let unpacked: Buffer;
  try {
    unpacked = decompress(packed);
  } catch (err) {
    void err; // a corrupt variant is treated as missing: it is rebuilt from the source below
    return undefined;
  }
  return Buffer.compare(unpacked, raw) === 0 ? packed : undefined;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
