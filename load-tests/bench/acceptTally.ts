/**
 * What a burst or storm of TCP connections met at a listen port: each one
 * sends one HTTP request and is timed to the first byte of the answer; the
 * kernel's ListenOverflows is read before and after (reusePortBurst.ts,
 * reusePortStorm.ts).
 */
import { connect } from 'node:net';
import { listenOverflows } from '../target/listenOverflows';

export interface AcceptResult {
  ok: number;
  failed: number;
  /** ListenOverflows added meanwhile (null: the counter could not be read). */
  overflows: number | null;
  p50Ms: number;
  p99Ms: number;
}

export class AcceptTally {
  private readonly before = listenOverflows();
  private readonly latencies: number[] = [];
  private failed = 0;

  /** `onSettled` runs after each connection is answered or fails. */
  constructor(private readonly onSettled: () => void) {}

  get settled(): number {
    return this.latencies.length + this.failed;
  }

  /** Open one connection to 127.0.0.1:`port` and ask GET `path`. */
  open(port: number, path: string, host: string): void {
    const t0 = performance.now();
    const s = connect({ host: '127.0.0.1', port }, () => s.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\n\r\n`));
    s.once('data', () => {
      this.latencies.push(performance.now() - t0);
      s.destroy();
      this.onSettled();
    });
    s.once('error', () => {
      this.failed++;
      this.onSettled();
    });
  }

  result(): AcceptResult {
    const after = listenOverflows();
    const l = [...this.latencies].sort((a, b) => a - b);
    const at = (q: number) => l[Math.min(l.length - 1, Math.floor(l.length * q))] ?? NaN;
    return { ok: l.length, failed: this.failed, overflows: this.before === null || after === null ? null : after - this.before, p50Ms: at(0.5), p99Ms: at(0.99) };
  }
}
