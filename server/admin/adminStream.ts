/**
 * Server-sent events to the console: one `data: <json>` a second per open
 * stream. Backpressure decided: a stream whose client is not reading skips
 * updates (the next one supersedes it) and is closed after STALL_MS; at most
 * MAX_STREAMS at once. uWS is reached through server/http's types only.
 */
import type { HttpResponse } from '../replay/replayApi';

const MAX_STREAMS = 8;
const STALL_MS = 10_000;

interface Stream {
  res: HttpResponse;
  backedUpSinceMs: number;
}

export class AdminStreams {
  private readonly streams = new Set<Stream>();

  get size(): number {
    return this.streams.size;
  }

  get full(): boolean {
    return this.streams.size >= MAX_STREAMS;
  }

  /** Start an event stream on `res` (status and headers written here); `first` is sent at once. */
  open(res: HttpResponse, first: string, nowMs: number): void {
    const stream: Stream = { res, backedUpSinceMs: 0 };
    this.streams.add(stream);
    res.onAborted(() => this.streams.delete(stream));
    res.writeStatus('200 OK');
    res.writeHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.writeHeader('Cache-Control', 'no-store');
    res.writeHeader('X-Accel-Buffering', 'no');
    this.write(stream, first, nowMs);
  }

  broadcast(data: string, nowMs: number): void {
    for (const s of this.streams) {
      if (s.backedUpSinceMs > 0) {
        if (nowMs - s.backedUpSinceMs > STALL_MS) this.end(s);
        continue;
      }
      s.res.cork(() => this.write(s, data, nowMs));
    }
  }

  closeAll(): void {
    for (const s of [...this.streams]) this.end(s);
  }

  private write(s: Stream, data: string, nowMs: number): void {
    const ok = s.res.write(`data: ${data}\n\n`);
    if (ok) return;
    s.backedUpSinceMs = nowMs;
    s.res.onWritable(() => {
      s.backedUpSinceMs = 0;
      return true;
    });
  }

  private end(s: Stream): void {
    this.streams.delete(s);
    s.res.cork(() => s.res.end());
  }
}
