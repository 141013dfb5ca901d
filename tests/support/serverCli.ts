/** The server as operators run it, as a child process: for CLI, restart and soak tests. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface CliServer {
  child: ChildProcess;
  /** Resolves with the URL the server printed ("tickwire listening on ..."). */
  url: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  output(): string;
}

/** `node --import tsx server/main.ts <args>` as operators run it. */
export function spawnServerCli(args: string[]): CliServer {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /tickwire listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', () => reject(new Error(`server exited before listening:\n${out}`)));
  });
  url.catch(() => undefined);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, atMs: performance.now() })),
  );
  return { child, url, exit, output: () => out };
}
