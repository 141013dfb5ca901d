import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_RECONNECT, ReconnectPolicy } from './reconnectPolicy';

const opts = { baseDelayMs: 250, maxDelayMs: 8000, maxAttempts: 10 };

describe('ReconnectPolicy', () => {
  it('keeps every delay within [ceiling/2, ceiling] where the ceiling doubles up to the cap', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const ceiling = Math.min(8000, 250 * 2 ** attempt);
      for (const r of [0, 0.25, 0.5, 0.999999, 1]) {
        const d = backoffDelayMs(attempt, opts, r);
        expect(d).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('grows, gives up after maxAttempts, and starts over after a success', () => {
    const policy = new ReconnectPolicy(opts, () => 0);
    const delays: number[] = [];
    for (;;) {
      const d = policy.nextDelayMs();
      if (d === null) break;
      delays.push(d);
    }
    expect(delays).toEqual([125, 250, 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000]);
    expect(policy.exhausted).toBe(true);
    policy.reset();
    expect(policy.nextDelayMs()).toBe(125);
  });

  it('spreads clients out: different random draws give different delays', () => {
    const a = new ReconnectPolicy(opts, () => 0.1).nextDelayMs();
    const b = new ReconnectPolicy(opts, () => 0.9).nextDelayMs();
    expect(a).not.toBe(b);
  });
});

describe('riding out an outage (issue 9: a stall or restart must not end the game)', () => {
  it('keeps trying for at least 30 s with the default options before giving up', () => {
    const policy = new ReconnectPolicy(DEFAULT_RECONNECT, () => 0);
    let totalMs = 0;
    for (let d = policy.nextDelayMs(); d !== null; d = policy.nextDelayMs()) totalMs += d;
    // The server's session grace is 15 s: every attempt inside it can still resume.
    expect(totalMs).toBeGreaterThanOrEqual(30_000);
  });
});
