/**
 * A connection storm, run as its own process so it does not share an event
 * loop with the server or with the players it must not starve:
 *
 *   node --import tsx tests/hostile/connectionStorm.ts <port> <durationMs> <concurrency>
 *
 * Each lane loops: connect → upgrade (101) → drop the TCP connection, with
 * every fourth one cut mid-handshake instead. Loopback only. Prints one JSON
 * line with the counts when done.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { RawWebSocket, upgradeRequest } from '../support/rawWebSocket';

export interface StormResult {
  connections: number;
  upgraded: number;
  cutMidHandshake: number;
  refused: number;
  errors: number;
  ms: number;
}

export async function runStorm(port: number, durationMs: number, concurrency: number): Promise<StormResult> {
  const r: StormResult = { connections: 0, upgraded: 0, cutMidHandshake: 0, refused: 0, errors: 0, ms: 0 };
  const t0 = performance.now();
  const deadline = t0 + durationMs;
  const request = upgradeRequest(port);
  async function lane(): Promise<void> {
    while (performance.now() < deadline) {
      r.connections++;
      try {
        if (r.connections % 4 === 0) {
          const ws = await RawWebSocket.connect(port);
          ws.write(request.slice(0, 40));
          ws.destroy();
          r.cutMidHandshake++;
          continue;
        }
        const ws = await RawWebSocket.open(port);
        if (ws.status === 101) r.upgraded++;
        else r.refused++;
        ws.destroy();
      } catch {
        r.errors++; // counted: ECONNRESET/EADDRNOTAVAIL under a storm are outcomes, not test failures
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => lane()));
  r.ms = performance.now() - t0;
  return r;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [port, durationMs, concurrency] = process.argv.slice(2).map(Number);
  const result = await runStorm(port, durationMs, concurrency || 32);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

/** Run the storm in a child process; resolves with its counts. */
export function spawnStorm(port: number, durationMs: number, concurrency: number): Promise<StormResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/hostile/connectionStorm.ts', String(port), String(durationMs), String(concurrency)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`connection storm exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as StormResult);
    });
  });
}
