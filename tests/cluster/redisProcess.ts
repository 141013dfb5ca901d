/**
 * A real redis-server for one test file, on a free port, with no persistence
 * (a restart loses everything, the hardest case for a resync). Stop and start
 * it again on the same port to test Redis trouble. Kills only what it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../hostile/hostileKit';

export interface RedisProcess {
  readonly port: number;
  readonly url: string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** Start again on the same port (empty: no persistence). */
  start(): Promise<void>;
}

/** `bind`: addresses to listen on (default loopback); the URL names the first. */
export async function startRedis(bind: readonly string[] = ['127.0.0.1']): Promise<RedisProcess> {
  const port = await freePort();
  // Beyond loopback, protected mode would refuse clients (there is no password on a test's own Redis).
  const exposure = bind.every((a) => a.startsWith('127.')) ? [] : ['--protected-mode', 'no'];
  let child: ChildProcess | null = null;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const c = spawn('redis-server', ['--port', String(port), '--bind', ...bind, ...exposure, '--save', '', '--appendonly', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      let out = '';
      c.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) resolve();
      });
      c.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      c.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${out}`)));
    });
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGTERM');
    await exited;
  };
  await start();
  return { port, url: `redis://${bind[0]}:${port}`, stop, start };
}
