/**
 * A tickwire server under benchmark as a set of processes: `--workers 1` is
 * one process; `--workers N` is a primary plus N forked workers, each with its
 * own port (port+1+i) and its own /metrics. CPU is summed over the whole set.
 */
import { createServer } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { spawnTickwire, type SpawnedServer } from '../target/spawnProcess';
import { processCpuMs } from '../target/procCpu';

export interface ServerProcessSet {
  readonly workers: number;
  /** Each game worker's own base URL (the single server's URL with --workers 1). */
  readonly workerUrls: string[];
  readonly primary: SpawnedServer;
  /** The primary and every process it forked (found at start). */
  readonly pids: number[];
  /** CPU ms used so far by the whole set (processes gone count as 0 from then on). */
  cpuMs(): number;
  stop(): Promise<void>;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/**
 * A port with the `count` after it free, below the ephemeral range (32768+), where the sockets other
 * programs open (port 0, outgoing connections) never land: workers need fixed ports.
 */
async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    let ok = true;
    for (let i = 0; i <= count && ok; i++) ok = await isFree(port + i);
    if (ok) return port;
  }
  throw new Error('no run of free ports found in 20000-32000');
}

/** The game workers forked by `pid`: its children running server/main.ts (not a passing helper process). */
function workersOf(pid: number): number[] {
  return childrenOf(pid).filter((child) => {
    try {
      return readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('server/main.ts');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ESRCH') return false;
      throw err;
    }
  });
}

/** Child process ids of `pid`, from /proc/<n>/stat (field 4 is the parent id). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ESRCH') continue;
      throw err;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) out.push(Number(name));
  }
  return out;
}

export async function startServerSet(workers: number, extraArgs: readonly string[]): Promise<ServerProcessSet> {
  let port = 0;
  if (workers > 1) port = await freePortRun(workers);
  // Raised priority when allowed (root; forked workers inherit it), as the bench's other servers.
  const primary = await spawnTickwire(['--workers', String(workers), ...(workers > 1 ? ['--port', String(port)] : []), ...extraArgs], undefined, true);
  const base = new URL(primary.url);
  const workerUrls = workers > 1 ? Array.from({ length: workers }, (_, i) => `http://${base.hostname}:${port + 1 + i}`) : [primary.url];
  const pids = [primary.pid, ...(workers > 1 ? workersOf(primary.pid) : [])];
  if (pids.length !== (workers > 1 ? workers + 1 : 1)) {
    await primary.stop();
    throw new Error(`--workers ${workers}: found ${pids.length - 1} worker processes under pid ${primary.pid}`);
  }
  return {
    workers,
    workerUrls,
    primary,
    pids,
    cpuMs: () => pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0),
    stop: () => primary.stop(10_000),
  };
}

/** Open `rooms` arena rooms of `maxPlayers` on one worker through its lobby API; their ids. */
export async function openRooms(workerUrl: string, rooms: number, maxPlayers: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rooms; i++) {
    const res = await fetch(new URL('/api/rooms', workerUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `bench ${i}`, maxPlayers }),
    });
    if (res.status !== 201) throw new Error(`POST ${workerUrl}/api/rooms: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}
