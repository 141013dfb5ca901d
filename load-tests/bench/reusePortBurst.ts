/**
 * The tickwire server's accept queues against a burst that arrives while its
 * event loop is away: the server (pinned to core 0) is stopped (SIGSTOP) for
 * `PAUSE_MS`, N connections are opened meanwhile (each sends GET /healthz),
 * then it continues (SIGCONT). Whatever does not fit in its listen sockets'
 * queues (512 each, uSockets' fixed backlog) overflows: the kernel's
 * ListenOverflows, and those clients wait for SYN/ACK retransmits (1 s, 3 s).
 * A 10,000/s storm brings 1,500 connections in the 150 ms of a long tick or
 * send pass, so N = 1,500 is that stall; the machine's load does not change
 * the result (the server is stopped either way), only how fast the burst is opened.
 * ListenOverflows is per network namespace: run it in one of its own
 * (`unshare --net sh -c 'ip link set lo up && …'`) so no other work adds to it.
 *
 *   npx tsx load-tests/bench/reusePortBurst.ts [N=1500] [K=4] [PAUSE_MS=1000]
 */
import { loadavg } from 'node:os';
import { spawnTickwire } from '../target/spawnProcess';
import { AcceptTally, type AcceptResult } from './acceptTally';

const ANSWER_TIMEOUT_MS = 30_000;

function burst(pid: number, port: number, n: number, pauseMs: number): Promise<AcceptResult> {
  process.kill(pid, 'SIGSTOP');
  return new Promise<AcceptResult>((resolve) => {
    const finish = () => resolve(tally.result());
    const giveUp = setTimeout(finish, ANSWER_TIMEOUT_MS);
    const tally = new AcceptTally(() => {
      if (tally.settled < n) return;
      clearTimeout(giveUp);
      finish();
    });
    for (let i = 0; i < n; i++) tally.open(port, '/healthz', 'burst');
    setTimeout(() => process.kill(pid, 'SIGCONT'), pauseMs);
  });
}

async function main(): Promise<void> {
  const [n = 1500, k = 4, pauseMs = 1000] = process.argv.slice(2).map(Number);
  console.log(`accept-queue burst: ${n} connections while the server is stopped for ${pauseMs} ms; load average ${loadavg()[0].toFixed(2)}`);
  for (const run of [1, 2]) {
    for (const sockets of [1, k]) {
      const server = await spawnTickwire(['--listen-sockets', String(sockets)], 0);
      try {
        const r = await burst(server.pid, Number(new URL(server.url).port), n, pauseMs);
        console.log(
          `run ${run}, --listen-sockets ${sockets}: answered ${r.ok}, failed ${r.failed}, ListenOverflows +${r.overflows ?? 'n/a'}, ` +
            `time to answer p50 ${r.p50Ms.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(0)} ms; load average ${loadavg()[0].toFixed(2)}`,
        );
      } finally {
        process.kill(server.pid, 'SIGCONT');
        await server.stop();
      }
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`accept-queue burst: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
