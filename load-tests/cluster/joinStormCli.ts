/**
 * `npm run load:cluster-storm -- [--joins 5000] [--nodes 3] [--concurrency 200] [--game arena]
 *   [--tick-rate 60] [--snapshot-rate 30] [--urls http://127.0.0.1:8080,...]`
 *
 * A join storm over a cluster: without --urls it starts its own redis-server
 * and N tickwire nodes (separate processes, loopback, stopped at the end);
 * each join asks a node's matchmaking (round robin over the nodes), connects
 * where it says, follows Moved, and holds its seat until the storm ends.
 * Prints joins, failures by reason (failed seat reservations separately),
 * time to Welcome p50/p90/p99/max, Moved count, players per node, and each
 * node's process CPU. Bounded: it stops by itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import type WebSocket from 'ws';
import { isLoopbackHost } from '../targetGuard';
import { newHistogram, recordMs, summarize } from '../stats/latencyHistogram';
import { stormJoin } from './stormJoin';

interface Args { joins: number; nodes: number; concurrency: number; game: string; tickRate: number; snapshotRate: number; urls: string[] }

function parseArgs(argv: string[]): Args {
  const a: Args = { joins: 5000, nodes: 3, concurrency: 200, game: 'arena', tickRate: 60, snapshotRate: 30, urls: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const num = () => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: a positive integer`);
      i++;
      return n;
    };
    if (flag === '--joins') a.joins = Math.min(num(), 20_000);
    else if (flag === '--nodes') a.nodes = Math.min(num(), 8);
    else if (flag === '--concurrency') a.concurrency = Math.min(num(), 2000);
    else if (flag === '--tick-rate') a.tickRate = num();
    else if (flag === '--snapshot-rate') a.snapshotRate = num();
    else if (flag === '--game') {
      a.game = value;
      i++;
    } else if (flag === '--urls') {
      a.urls = value.split(',');
      i++;
    }
    else if (flag !== '--') throw new Error(`unknown flag ${flag}`);
  }
  for (const u of a.urls) if (!isLoopbackHost(new URL(u).hostname)) throw new Error(`--urls: ${u} is not loopback`);
  return a;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function waitFor(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const on = (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) resolve(m[1] ?? m[0]);
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}):\n${out}`)));
  });
}

/** User+system CPU seconds of a process so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started: ChildProcess[] = [];
  const stopAll = async () => {
    const exits = started.map((c) =>
      c.exitCode !== null
        ? Promise.resolve()
        : new Promise<void>((r) => {
            c.once('exit', () => r());
            c.kill('SIGTERM');
          }),
    );
    await Promise.all(exits);
  };
  try {
    let urls = args.urls;
    if (urls.length === 0) {
      const redisPort = await freePort();
      const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
      started.push(redis);
      await waitFor(redis, /Ready to accept connections/, 'redis-server');
      const nodeArgs = (i: number) => ['--import', 'tsx', 'server/main.ts', '--port', '0', '--workers', '1', '--redis', `redis://127.0.0.1:${redisPort}`, '--node-id', `storm-${i}`,
        '--log-level', 'error', '--tick-rate', String(args.tickRate), '--snapshot-rate', String(args.snapshotRate), '--max-rooms', '5000', '--max-connections', '20000',
        // No replay recording: three nodes writing thousands of room files into one ./replays with
        // retention raced at start once (ENOENT); the storm measures routing and seats, not recording.
        '--replays=false'];
      const nodes = Array.from({ length: args.nodes }, (_, i) => spawn(process.execPath, nodeArgs(i), { stdio: ['ignore', 'pipe', 'pipe'] }));
      started.push(...nodes);
      urls = await Promise.all(nodes.map((n, i) => waitFor(n, /tickwire listening on (http:\/\/\S+)/, `node ${i}`)));
      await new Promise((r) => setTimeout(r, 1500)); // every node sees the others (heartbeats)
    }
    const nodePids = started.slice(1).map((c) => c.pid!);
    const cpu0 = nodePids.map(cpuSeconds);
    const gen0 = process.cpuUsage();
    const hist = newHistogram();
    const failures = new Map<string, number>();
    const perNode = new Map<string, number>();
    const sockets: WebSocket[] = [];
    let moves = 0;
    let next = 0;
    const t0 = performance.now();
    const worker = async () => {
      while (next < args.joins) {
        const i = next++;
        const r = await stormJoin(urls[i % urls.length], args.game, `p${i}`);
        if (r.kind === 'welcomed') {
          recordMs(hist, r.ms);
          moves += r.moves;
          sockets.push(r.socket);
          perNode.set(r.node, (perNode.get(r.node) ?? 0) + 1);
        } else failures.set(r.reason, (failures.get(r.reason) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: args.concurrency }, worker));
    const wallS = (performance.now() - t0) / 1000;
    const gen = process.cpuUsage(gen0);
    const nodeCpu = nodePids.map((p, i) => cpuSeconds(p) - cpu0[i]);
    const s = summarize(hist);
    say(`join storm: ${args.joins} joins over ${urls.length} nodes through round-robin matchmaking, concurrency ${args.concurrency}, game ${args.game}, tick ${args.tickRate}/snapshot ${args.snapshotRate} Hz`);
    say(`  welcomed ${sockets.length}, failed ${args.joins - sockets.length} (failed seat reservations: ${failures.get('seat-reservation-failed-4101') ?? 0})`);
    for (const [reason, n] of failures) say(`  failure ${reason}: ${n}`);
    say(`  time to Welcome (matchmaking request → Welcome) ms: p50 ${s.p50Ms.toFixed(1)}  p90 ${s.p90Ms.toFixed(1)}  p99 ${s.p99Ms.toFixed(1)}  max ${s.maxMs.toFixed(1)}`);
    say(`  joins followed a Moved: ${moves}; wall ${wallS.toFixed(1)} s (${(args.joins / wallS).toFixed(0)} joins/s)`);
    say(`  players per node: ${[...perNode].map(([n, c]) => `${n}=${c}`).join(' ')}`);
    if (nodePids.length > 0) say(`  node CPU during the storm s: ${nodeCpu.map((c) => c.toFixed(2)).join(' ')}; generator CPU s: ${((gen.user + gen.system) / 1e6).toFixed(2)}`);
    for (const ws of sockets) ws.terminate();
  } finally {
    await stopAll();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`join storm: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
