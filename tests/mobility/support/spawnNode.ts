/** A cluster node as operators run it (`server/main.ts --redis … --node-id …`), as a child process (like tests/support/serverCli.ts). */
import { spawn, type ChildProcess } from 'node:child_process';

/** Presence heartbeat of the test nodes: a dead node's key expires after 3 × this. */
export const HEARTBEAT_MS = 1000;

export interface NodeProcess {
  nodeId: string;
  child: ChildProcess;
  url: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

export async function spawnNode(nodeId: string, redisUrl: string, extraArgs: string[] = []): Promise<NodeProcess> {
  const args = [
    '--import', 'tsx', 'server/main.ts', '--redis', redisUrl, '--node-id', nodeId, '--cluster-heartbeat', String(HEARTBEAT_MS),
    '--port', '0', '--host', '127.0.0.1',
    // info: a failed drain or failover prints each node's hand-overs, adoptions and failovers (a rare stuck room
    // under load, seen 1 run in 3, needs them to be diagnosed); the output is shown only on failure.
    '--log-level', 'info', '--drain-grace', '0', '--shutdown-timeout', '20000', ...extraArgs,
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /tickwire listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', () => reject(new Error(`node ${nodeId} exited before listening:\n${out}`)));
  });
  return { nodeId, child, url, exit, output: () => out };
}
