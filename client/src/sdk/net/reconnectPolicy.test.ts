import { describe, expect, it } from 'vitest';
import { DEFAULT_RECONNECT, reconnectDelayMs, ReconnectPolicy, type ReconnectOptions } from './reconnectPolicy';
import { seededRandom } from '../../../../shared/engine/prng';

const opts: ReconnectOptions = { firstDelayMs: 100, fastDelayMs: 500, fastWindowMs: 10_000, maxDelayMs: 8000, giveUpAfterMs: 60_000 };

const rng = seededRandom;

describe('ReconnectPolicy', () => {
  it('retries at once first (jittered in [0, firstDelayMs)), then every [fast/2, fast) inside the fast window', () => {
    for (const r of [0, 0.25, 0.5, 0.999999]) {
      expect(reconnectDelayMs(0, 0, opts, r)).toBeGreaterThanOrEqual(0);
      expect(reconnectDelayMs(0, 0, opts, r)).toBeLessThan(opts.firstDelayMs);
      for (let waitedMs = 0; waitedMs < opts.fastWindowMs; waitedMs += 137) {
        const d = reconnectDelayMs(5, waitedMs, opts, r);
        expect(d).toBeGreaterThanOrEqual(opts.fastDelayMs / 2);
        expect(d).toBeLessThan(opts.fastDelayMs);
      }
    }
  });

  it('backs off past the fast window: the delays grow, never past maxDelayMs', () => {
    const policy = new ReconnectPolicy(opts, () => 0.5);
    const delays: number[] = [];
    for (let d = policy.nextDelayMs(); d !== null; d = policy.nextDelayMs()) delays.push(d);
    const after = delays.filter((_, i) => delays.slice(0, i).reduce((a, b) => a + b, 0) >= opts.fastWindowMs);
    expect(after.length).toBeGreaterThan(3);
    for (let i = 1; i < after.length; i++) expect(after[i]).toBeGreaterThanOrEqual(after[i - 1]);
    expect(Math.max(...after)).toBeLessThanOrEqual(opts.maxDelayMs);
    expect(after[after.length - 1]).toBeGreaterThan(opts.maxDelayMs / 2);
  });

  it('gives up once the delays add up to giveUpAfterMs, and starts over (immediate) after a success', () => {
    const policy = new ReconnectPolicy(opts, () => 0.999);
    let n = 0;
    while (policy.nextDelayMs() !== null) n++;
    expect(policy.exhausted).toBe(true);
    expect(policy.attempts).toBe(n);
    expect(policy.outageMs).toBeGreaterThanOrEqual(opts.giveUpAfterMs);
    policy.reset();
    expect(policy.nextDelayMs()).toBeLessThan(opts.firstDelayMs);
  });

  it('spreads clients out: different random draws give different delays', () => {
    const a = new ReconnectPolicy(opts, () => 0.1).nextDelayMs();
    const b = new ReconnectPolicy(opts, () => 0.9).nextDelayMs();
    expect(a).not.toBe(b);
  });
});

/**
 * A restart as the client lives it: the 1012 close at t = 0, the server back
 * at `downMs`; each failed attempt (refused handshake, then GET /readyz) costs
 * `attemptCostMs` before the next delay starts. Returns how long after the
 * server was back the client's next attempt starts, ms.
 */
function waitAfterBackMs(policy: ReconnectPolicy, downMs: number, attemptCostMs: number): number {
  let t = 0;
  for (;;) {
    const d = policy.nextDelayMs();
    if (d === null) return Number.POSITIVE_INFINITY;
    t += d;
    if (t >= downMs) return t - downMs;
    t += attemptCostMs;
  }
}

describe('riding out a restart (issue 13 item 7: no needless wait once the server is back)', () => {
  it('attempts within one fast interval of the server coming back, for restarts of 0–10 s', () => {
    const waits: number[] = [];
    const random = rng(7);
    for (let downMs = 0; downMs <= 10_000; downMs += 250) {
      for (let run = 0; run < 20; run++) waits.push(waitAfterBackMs(new ReconnectPolicy(DEFAULT_RECONNECT, random), downMs, 20));
    }
    waits.sort((a, b) => a - b);
    const meanMs = waits.reduce((a, b) => a + b, 0) / waits.length;
    const p95Ms = waits[Math.floor(0.95 * waits.length)];
    process.stdout.write(
      `reconnect after a restart of 0–10 s (20 ms per failed attempt): wait after the server is back mean ${meanMs.toFixed(0)} ms, ` +
        `p95 ${p95Ms.toFixed(0)} ms, max ${waits[waits.length - 1].toFixed(0)} ms\n`,
    );
    // At worst the server comes back just as an attempt fails: that attempt's cost plus one fast delay.
    expect(waits[waits.length - 1]).toBeLessThan(DEFAULT_RECONNECT.fastDelayMs + 20);
    expect(meanMs).toBeLessThan(250);
  });

  it('keeps trying for at least 30 s with the default options before giving up', () => {
    const policy = new ReconnectPolicy(DEFAULT_RECONNECT, () => 0);
    let totalMs = 0;
    for (let d = policy.nextDelayMs(); d !== null; d = policy.nextDelayMs()) totalMs += d;
    // The server's session grace is 15 s: every attempt inside it can still resume.
    expect(totalMs).toBeGreaterThanOrEqual(30_000);
  });
});
