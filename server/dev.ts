/**
 * `npm run dev`: build the client, start the server, and on any change under
 * client/, shared/ or server/ rebuild the client (if it could be affected)
 * and restart the server. A tiny supervisor with no dependencies beyond tsx.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { watch } from 'node:fs';

const tsx = ['--import', 'tsx'];
const args = process.argv.slice(2);
let server: ChildProcess | null = null;
let pending: NodeJS.Timeout | null = null;
let clientDirty = true;
let busy = false;

function run(cmd: string, cmdArgs: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function stopServer(): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function cycle(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    if (clientDirty) {
      clientDirty = false;
      console.log('[dev] building client…');
      if ((await run(process.execPath, [...tsx, 'client/build.ts'])) !== 0) console.log('[dev] client build failed; serving the previous build');
    }
    await stopServer();
    console.log('[dev] starting server…');
    server = spawn(process.execPath, [...tsx, 'server/main.ts', ...args], { stdio: 'inherit' });
  } finally {
    busy = false;
  }
}

function onChange(dir: string, file: string | null): void {
  if (file && /(^|\/)(dist|node_modules)\//.test(file)) return;
  if (dir !== 'server') clientDirty = true;
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => void cycle(), 150);
}

for (const dir of ['client', 'shared', 'server']) {
  watch(dir, { recursive: true }, (_event, file) => onChange(dir, file ? String(file) : null));
}
process.on('SIGINT', () => void stopServer().then(() => process.exit(0)));
process.on('SIGTERM', () => void stopServer().then(() => process.exit(0)));
void cycle();
