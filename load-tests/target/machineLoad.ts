/**
 * How busy the whole machine is, from /proc/stat: lets a benchmark say how
 * much CPU other processes took while it measured, and wait for a quiet
 * moment before a step on a shared machine.
 */
import { readFileSync } from 'node:fs';

export interface CpuTotals {
  busy: number;
  total: number;
}

/** Jiffies summed over all cores, or null without /proc. */
export function readCpuTotals(): CpuTotals | null {
  let text: string;
  try {
    text = readFileSync('/proc/stat', 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) return null;
    throw err;
  }
  const fields = text.split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** Busy share of all cores between two readings (0..1). */
export function busyShare(a: CpuTotals, b: CpuTotals): number {
  const total = b.total - a.total;
  return total > 0 ? (b.busy - a.busy) / total : 0;
}

/**
 * Wait until the machine is at most `maxBusy` busy over a 1 s sample, or
 * `maxWaitMs` passed. Returns the last busy share seen (null without /proc).
 */
export async function waitForQuiet(maxBusy: number, maxWaitMs: number): Promise<number | null> {
  const start = performance.now();
  for (;;) {
    const a = readCpuTotals();
    if (!a) return null;
    await new Promise((r) => setTimeout(r, 1000));
    const share = busyShare(a, readCpuTotals()!);
    if (share <= maxBusy || performance.now() - start >= maxWaitMs) return share;
  }
}
