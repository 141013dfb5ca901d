/**
 * Accept-queue overflows in a connection storm against one process with 1 or
 * K listen sockets on its port (reusePortServer.ts, pinned to core 0, its loop
 * busy 40 of every 50 ms): N TCP connections opened at RATE per second, each
 * sends one HTTP request and waits for the answer. Prints the kernel's
 * ListenOverflows delta (machine-wide: other work on the machine can add to
 * it) and time to answer, for each K, twice.
 *
 *   npx tsx load-tests/bench/reusePortStorm.ts [N=10000] [RATE=10000] [K=4]
 */
import { loadavg } from 'node:os';
import { spawnTsServer } from '../target/spawnProcess';
import { AcceptTally, type AcceptResult } from './acceptTally';

const STEP_MS = 5;

async function storm(port: number, n: number, ratePerSec: number): Promise<AcceptResult> {
  const started = performance.now();
  let tally!: AcceptTally;
  await new Promise<void>((resolve) => {
    let opened = 0;
    tally = new AcceptTally(() => {
      if (tally.settled === n) resolve();
    });
    const timer = setInterval(() => {
      const due = Math.min(n, Math.floor(((performance.now() - started) / 1000) * ratePerSec));
      for (; opened < due; opened++) tally.open(port, '/', 'storm');
      if (opened >= n) clearInterval(timer);
    }, STEP_MS);
  });
  return tally.result();
}

async function main(): Promise<void> {
  const [n = 10_000, rate = 10_000, k = 4] = process.argv.slice(2).map(Number);
  console.log(`reuseport storm: ${n} connections at ${rate}/s; load average ${loadavg()[0].toFixed(2)}`);
  for (const run of [1, 2]) {
    for (const sockets of [1, k]) {
      const server = await spawnTsServer('load-tests/bench/reusePortServer.ts', [String(sockets)], /reuseport listening on (http:\/\/\S+)/, { cpu: 0 });
      try {
        const r = await storm(Number(new URL(server.url).port), n, rate);
        console.log(
          `run ${run}, ${sockets} listen socket(s): ok ${r.ok}, failed ${r.failed}, ListenOverflows +${r.overflows ?? 'n/a'}, ` +
            `time to answer p50 ${r.p50Ms.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(0)} ms; load average ${loadavg()[0].toFixed(2)}`,
        );
      } finally {
        await server.stop();
      }
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`reuseport storm: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
