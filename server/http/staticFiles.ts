/**
 * The built client, held in memory: each file with its content type, a strong
 * ETag, and brotli/gzip variants for text assets, chosen by Accept-Encoding.
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
  br: Uint8Array | null;
  gzip: Uint8Array | null;
}

export class StaticFiles {
  private readonly files = new Map<string, StaticFile>();

  /** Load every file under `dir` (missing dir → no files; the index route explains). */
  constructor(readonly dir: string) {
    if (!existsSync(dir)) return;
    for (const path of walk(dir)) {
      const ext = extname(path).toLowerCase();
      const raw = readFileSync(path);
      const compress = COMPRESSIBLE.has(ext) && raw.length > 512;
      const urlPath = '/' + relative(dir, path).split(sep).join('/');
      this.files.set(urlPath, {
        contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
        etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`,
        raw,
        br: compress ? brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }) : null,
        gzip: compress ? gzipSync(raw, { level: 9 }) : null,
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
      if (file.br && /\bbr\b/.test(accept)) {
        body = file.br;
        encoding = 'br';
      } else if (file.gzip && /\bgzip\b/.test(accept)) {
        body = file.gzip;
        encoding = 'gzip';
      }
      res.writeStatus('200 OK');
      res.writeHeader('Content-Type', file.contentType);
      res.writeHeader('Cache-Control', 'no-cache');
      res.writeHeader('ETag', file.etag);
      res.writeHeader('X-Content-Type-Options', 'nosniff');
      if (file.gzip) res.writeHeader('Vary', 'Accept-Encoding');
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
