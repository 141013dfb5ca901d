/**
 * `npm run cluster`: a local 3-node cluster for trying it — its own
 * redis-server (port 6390, no persistence) and nodes a, b, c on ports
 * 8080-8082, each a whole tickwire process joined to that Redis. Ctrl-C (or
 * SIGTERM) drains the nodes, then stops Redis; it kills only the processes it
 * started. Flags after `--` go to every node (e.g. `-- --log-level debug`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const REDIS_PORT = Number(process.env.TICKWIRE_CLUSTER_REDIS_PORT ?? 6390);
const BASE_PORT = Number(process.env.TICKWIRE_CLUSTER_BASE_PORT ?? 8080);
const NODE_IDS = ['a', 'b', 'c'];

/** A CLI's own output (this is not library code; the nodes log through their logger). */
const say = (line: string) => process.stdout.write(`${line}\n`);

function checkFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Error(`port ${port} is in use; stop what holds it (or set TICKWIRE_CLUSTER_BASE_PORT / TICKWIRE_CLUSTER_REDIS_PORT)`)));
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** Spawn, prefix its output lines with `label`, resolve when a line matches `ready`. */
function start(label: string, cmd: string, args: string[], ready: RegExp): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const readyP = new Promise<void>((resolve, reject) => {
    const onLine = (d: Buffer) => {
      const text = d.toString();
      for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`[${label}] ${line}\n`);
      if (ready.test(text)) resolve();
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    child.once('error', (err) => reject(new Error(`${label}: ${err.message}${cmd === 'redis-server' ? ' (install redis-server: apt-get install redis-server)' : ''}`)));
    child.once('exit', (code) => reject(new Error(`${label} exited (${code}) before it was ready`)));
  });
  return { child, ready: readyP };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Everything this script started: Redis first, then the nodes. Nothing else is ever signalled. */
const started: ChildProcess[] = [];
let stopping = false;

async function stopAll(why: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`cluster: ${why}; stopping the nodes, then Redis`);
  await Promise.all(started.slice(1).map(stopChild));
  if (started[0]) await stopChild(started[0]);
  process.exit(exitCode);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stopAll('SIGINT'));
  process.on('SIGTERM', () => void stopAll('SIGTERM'));
  const extra = process.argv.slice(2).filter((a) => a !== '--');
  await checkFree(REDIS_PORT);
  for (let i = 0; i < NODE_IDS.length; i++) await checkFree(BASE_PORT + i);
  const redis = start('redis', 'redis-server', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], /Ready to accept connections/);
  started.push(redis.child);
  await redis.ready;
  const redisUrl = `redis://127.0.0.1:${REDIS_PORT}`;
  const nodes = NODE_IDS.map((id, i) =>
    start(`node ${id}`, process.execPath, ['--import', 'tsx', 'server/main.ts', '--workers', '1', '--port', String(BASE_PORT + i), '--redis', redisUrl, '--node-id', id, ...extra], /tickwire listening on/),
  );
  started.push(...nodes.map((n) => n.child));
  for (const n of nodes) {
    n.child.once('exit', (code) => void stopAll(`a node exited (${code})`, 1));
  }
  await Promise.all(nodes.map((n) => n.ready));
  say(`cluster: 3 nodes on Redis ${redisUrl}:`);
  NODE_IDS.forEach((id, i) => say(`  node ${id}: http://127.0.0.1:${BASE_PORT + i}   (metrics: /metrics)`));
  say('cluster: open any of them; joins for rooms on another node are Moved there. Ctrl-C stops everything.');
}

main().catch((err: unknown) => void stopAll(err instanceof Error ? err.message : String(err), 1));
