/**
 * Memory per connected player (issue 14, item 7): a fresh pinned tickwire
 * server per step, 0 / 1,000 / 2,000 playing arena bots (light, built-in
 * client, 10 per room), and the server's resident set (/proc VmRSS) and V8
 * heap in use (/metrics) once everyone has joined and played for a window.
 * Per player = (step − empty server) ÷ players. Heap in use depends on when the
 * last GC ran: it is the smallest of several scrapes (the closest to the live
 * size after a collection), still ±20 %; RSS is the one to budget with.
 */
import { readFileSync } from 'node:fs';
import { wsUrlOf } from '../target/lobbyClient';
import { scrapeMetrics } from '../target/metricsScrape';
import { SERVER_CPU } from '../target/cpuPinning';
import { spawnTickwire } from '../target/spawnProcess';
import { measureWindow } from './measureWindow';

export interface MemoryStep {
  players: number;
  /** Bots that got their Welcome (a saturated generator may fall short of `players`). */
  joined: number;
  rssBytes: number | null;
  heapUsedBytes: number | null;
  /** (this − the empty server) ÷ joined; null for the empty step. */
  rssBytesPerPlayer: number | null;
  heapBytesPerPlayer: number | null;
  generatorCpu: number;
}

/** VmRSS of `pid` in bytes (null without /proc). */
export function residentBytes(pid: number): number | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) return null;
    throw err;
  }
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(text);
  return m ? Number(m[1]) * 1024 : null;
}

const HEAP_SCRAPES = 8;
const HEAP_SCRAPE_EVERY_MS = 250;

async function smallestHeapUsed(url: string): Promise<number | null> {
  let smallest: number | null = null;
  for (let i = 0; i < HEAP_SCRAPES; i++) {
    const v = (await scrapeMetrics(url))?.get('tickwire_process_nodejs_heap_size_used_bytes');
    if (v !== undefined && (smallest === null || v < smallest)) smallest = v;
    await new Promise((r) => setTimeout(r, HEAP_SCRAPE_EVERY_MS));
  }
  return smallest;
}

async function measureStep(players: number, windowMs: number): Promise<Omit<MemoryStep, 'rssBytesPerPlayer' | 'heapBytesPerPlayer'>> {
  const proc = await spawnTickwire(['--max-connections', String(players * 2 + 100), '--max-rooms', String(Math.ceil(players / 10) + 100)], SERVER_CPU, true);
  try {
    let heap: number | null = null;
    let rss: number | null = null;
    let joined = 0;
    let generatorCpu = 0;
    const atEnd = async () => {
      rss = residentBytes(proc.pid);
      heap = await smallestHeapUsed(proc.url);
    };
    if (players === 0) {
      await new Promise((r) => setTimeout(r, windowMs));
      await atEnd();
    } else {
      const w = await measureWindow(
        {
          kind: 'play', wsUrl: wsUrlOf(proc.url), bots: Array.from({ length: players }, (_, index) => ({ index })),
          connectRatePerSec: 0, rampMs: Math.min(5000, players * 3), hold: false, pipeline: 1, raw: false,
          roomName: 'arena', light: true, fastClient: true, workers: 1,
        },
        proc.pid,
        { isReady: (c) => c.counter('welcomed') + Object.values(c.family('fail')).reduce((a, b) => a + b, 0) >= players, readyTimeoutMs: 20_000, windowMs, atEnd },
      );
      joined = w.collector.counter('welcomed');
      generatorCpu = w.generatorCpu;
    }
    return { players, joined, rssBytes: rss, heapUsedBytes: heap, generatorCpu };
  } finally {
    await proc.stop();
  }
}

export async function runMemoryBench(counts: readonly number[], windowMs: number, onStep: (s: MemoryStep) => void): Promise<MemoryStep[]> {
  const steps: MemoryStep[] = [];
  let empty: MemoryStep | null = null;
  for (const players of [0, ...counts.filter((n) => n > 0)]) {
    const m = await measureStep(players, windowMs);
    const per = (v: number | null, base: number | null) => (v === null || base === null || m.joined === 0 ? null : (v - base) / m.joined);
    const step: MemoryStep = {
      ...m,
      rssBytesPerPlayer: empty ? per(m.rssBytes, empty.rssBytes) : null,
      heapBytesPerPlayer: empty ? per(m.heapUsedBytes, empty.heapUsedBytes) : null,
    };
    if (players === 0) empty = step;
    steps.push(step);
    onStep(step);
  }
  return steps;
}
