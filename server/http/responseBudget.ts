/**
 * Every HTTP response body leaves through `endBody`, which respects
 * backpressure: it hands uWS only what the socket accepts now (`tryEnd`) and
 * the rest on `onWritable`, from the caller's buffer (a static file's bytes
 * are shared, never copied per request). `res.end(body)` would instead copy
 * the whole body into uWS's per-socket buffer, without limit: 10 connections
 * pipelining 40 GETs of a 4.5 MB file and never reading held 1.8 GB.
 *
 * What bounds memory then:
 * - per connection: what the kernel socket buffers hold. A pipelined request
 *   is not handed to us while the response before it is pending, and uWS
 *   aborts a pending response after ~10 s without progress (its HTTP idle
 *   timeout; measured 11.9 s). 10 connections × 40 pipelined GETs of a 741 KiB
 *   file, never read: +3 to +5 MB RSS (tests/hostile/httpAmplification.test.ts);
 * - per process: bodies held only for a pending response (`owned` bytes, e.g.
 *   a rendered /metrics page) are capped at `maxOwnedBytes`, and responses in
 *   flight at `maxPending`; past either, new responses are a short 503.
 */
import type { HttpResponse } from 'uWebSockets.js';

export interface ResponseBudgetLimits {
  /** Unsent bytes of bodies that exist only for their response (not shared static files). */
  maxOwnedBytes: number;
  /** Responses waiting for the client to read, across all connections. */
  maxPending: number;
}

export class ResponseBudget {
  pending = 0;
  ownedBytes = 0;
  /** Responses answered 503 because the budget was spent. */
  refused = 0;
  /** Pending responses whose client went away (or was timed out by uWS) before reading all. */
  abandoned = 0;

  constructor(readonly limits: ResponseBudgetLimits) {}

  /**
   * May a response of `ownedBytes` (0 for a shared body) start now? Bodies up to
   * SMALL_BODY_BYTES always may: health checks and refusals must be answered when
   * the budget is spent, and such a body, if it ends up pending, costs at most
   * 1 KiB per connection (bounded by the connection caps).
   */
  canStart(ownedBytes: number): boolean {
    if (ownedBytes > 0 && ownedBytes <= SMALL_BODY_BYTES) return true;
    return this.pending < this.limits.maxPending && this.ownedBytes + ownedBytes <= this.limits.maxOwnedBytes;
  }
}

const encoder = new TextEncoder();
/** Generated bodies this small are always sent (see canStart). */
const SMALL_BODY_BYTES = 1024;
/** Bodies short enough to be handed to uWS whole when the connection is closed after them. */
const MAX_CLOSING_BODY_BYTES = 4096;
const BUSY_BODY = encoder.encode('{"error":"busy","message":"server is busy sending other responses; retry shortly"}');

/**
 * Answer 503 without a large body (its 80 bytes go through tryEnd like any other;
 * the budget is not consulted, so a refusal can always be sent).
 */
export function writeBusy(res: HttpResponse, budget: ResponseBudget): void {
  budget.refused++;
  res.writeStatus('503 Service Unavailable');
  res.writeHeader('Content-Type', 'application/json; charset=utf-8');
  res.writeHeader('Retry-After', '1');
  endBody(res, budget, BUSY_BODY, { shared: true });
}

/**
 * End `res` with `body` (status and headers already written), streaming it as
 * the client reads. `shared`: the bytes live anyway (a static file), so holding
 * them costs nothing; otherwise they count toward the owned-bytes budget until
 * sent. Call inside `res.cork()` when not in a handler's synchronous part.
 */
export function endBody(res: HttpResponse, budget: ResponseBudget, body: Uint8Array | string, opts: { shared: boolean; close?: boolean }): void {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  if (opts.close && bytes.length <= MAX_CLOSING_BODY_BYTES) {
    // A refusal that ends the connection (Connection: close): its descriptor is free at once, not after
    // the client's keep-alive. uWS buffers these few bytes whole; tryEnd has no close flag.
    res.end(bytes, true);
    return;
  }
  const start = res.getWriteOffset();
  const [, done] = res.tryEnd(bytes, bytes.length);
  if (done) return;
  let held = opts.shared ? 0 : bytes.length;
  budget.pending++;
  budget.ownedBytes += held;
  let finished = false;
  const finish = (abandoned: boolean) => {
    if (finished) return;
    finished = true;
    budget.pending--;
    budget.ownedBytes -= held;
    held = 0;
    if (abandoned) budget.abandoned++;
  };
  res.onAborted(() => finish(true));
  res.onWritable((offset) => {
    const [ok, sent] = res.tryEnd(bytes.subarray(offset - start), bytes.length);
    if (sent) finish(false);
    return ok;
  });
}
