/**
 * The built client, held in memory: each file with its content type, a strong
 * ETag, and brotli/gzip variants for text assets, chosen by Accept-Encoding.
 * Variants are made on first request and kept (brotli quality 9 below 1 MiB,
 * 5 above: q11 takes ~15 s on a 4 MB source map, which would delay startup).
 * `index.html` is revalidated on every load (no-cache + ETag → 304) so a
 * deploy takes effect at once; other files too, since their names are not
 * content-hashed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { HttpRequest, HttpResponse } from 'uWebSockets.js';

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

interface StaticFile {
  contentType: string;
  etag: string;
  raw: Uint8Array;
  compressible: boolean;
  br?: Uint8Array;
  gzip?: Uint8Array;
}

export class StaticFiles {
  private readonly files = new Map<string, StaticFile>();

  /** Load every file under `dir` (missing dir → no files; the index route explains). */
  constructor(readonly dir: string) {
    if (!existsSync(dir)) return;
    for (const path of walk(dir)) {
      const ext = extname(path).toLowerCase();
      const raw = readFileSync(path);
      const urlPath = '/' + relative(dir, path).split(sep).join('/');
      this.files.set(urlPath, {
        contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
        etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`,
        raw,
        compressible: COMPRESSIBLE.has(ext) && raw.length > 512,
      });
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
      let body = file.raw;
      let encoding = '';
      if (file.compressible && /\bbr\b/.test(accept)) {
        const quality = file.raw.length < 1 << 20 ? 9 : 5;
        body = file.br ??= brotliCompressSync(file.raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality } });
        encoding = 'br';
      } else if (file.compressible && /\bgzip\b/.test(accept)) {
        body = file.gzip ??= gzipSync(file.raw, { level: 9 });
        encoding = 'gzip';
      }
      res.writeStatus('200 OK');
      res.writeHeader('Content-Type', file.contentType);
      res.writeHeader('Cache-Control', 'no-cache');
      res.writeHeader('ETag', file.etag);
      res.writeHeader('X-Content-Type-Options', 'nosniff');
      if (file.compressible) res.writeHeader('Vary', 'Accept-Encoding');
      if (encoding) res.writeHeader('Content-Encoding', encoding);
      res.end(body);
    });
    return true;
  }
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
