/**
 * Read a request body of at most `maxBytes` and parse it as JSON. uWS streams
 * the body in chunks; if the client goes away, onAborted fires and the
 * promise resolves 'aborted' (the caller must not touch `res` then).
 */
import type { HttpResponse } from 'uWebSockets.js';

export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413; reason: string }
  | { ok: false; status: 'aborted' };

export function readJsonBody(res: HttpResponse, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    res.onAborted(() => {
      done = true;
      resolve({ ok: false, status: 'aborted' });
    });
    res.onData((chunk, isLast) => {
      if (done) return;
      size += chunk.byteLength;
      if (size > maxBytes) {
        done = true;
        resolve({ ok: false, status: 413, reason: `body larger than ${maxBytes} bytes` });
        return;
      }
      // The chunk's memory is reused by uWS after this callback: copy it.
      chunks.push(new Uint8Array(chunk.slice(0)));
      if (!isLast) return;
      done = true;
      const all = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        all.set(c, at);
        at += c.length;
      }
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(all);
      } catch {
        resolve({ ok: false, status: 400, reason: 'body is not valid UTF-8' });
        return;
      }
      try {
        resolve({ ok: true, value: JSON.parse(text) as unknown });
      } catch (err) {
        resolve({ ok: false, status: 400, reason: `body is not valid JSON: ${(err as Error).message}` });
      }
    });
  });
}
