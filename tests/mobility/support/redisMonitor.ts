/**
 * Every room checkpoint written to Redis, in order, captured with MONITOR
 * (the test's own Redis): lets a test compare what a draining node handed
 * over with what the target restored, byte for byte, across processes.
 */
import { createClient } from '@redis/client';
import { decodeCheckpoint, CheckpointError } from '../../../server/cluster/mobility/checkpointCodec';
import type { RoomCheckpoint } from '../../../server/cluster/mobility/roomCheckpoint';

/** Undo redis' sdscatrepr quoting of one MONITOR argument ("…" with \\xHH, \\n, \\", …). */
export function unquoteMonitorArg(quoted: string): Uint8Array {
  const out: number[] = [];
  const escapes: Record<string, number> = { n: 10, r: 13, t: 9, a: 7, b: 8, '"': 34, '\\': 92 };
  for (let i = 1; i < quoted.length - 1; i++) {
    const ch = quoted[i];
    if (ch !== '\\') {
      out.push(...Buffer.from(ch, 'latin1'));
      continue;
    }
    const next = quoted[++i];
    if (next === 'x') {
      out.push(parseInt(quoted.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(escapes[next] ?? next.charCodeAt(0));
  }
  return new Uint8Array(out);
}

/** The quoted arguments of a MONITOR line. */
function monitorArgs(line: string): string[] {
  return line.match(/"(?:[^"\\]|\\.)*"/g) ?? [];
}

export class CheckpointMonitor {
  readonly checkpoints: RoomCheckpoint[] = [];
  private readonly client;

  constructor(redisUrl: string) {
    this.client = createClient({ url: redisUrl });
  }

  async start(): Promise<void> {
    await this.client.connect();
    await this.client.monitor((line: string) => {
      const args = monitorArgs(line);
      if (args.length < 3 || args[0].toUpperCase() !== '"SET"' || !args[1].startsWith('"tw:ckpt:')) return;
      const c = decodeCheckpoint(unquoteMonitorArg(args[2]));
      if (c instanceof CheckpointError) throw new Error(`monitor: undecodable checkpoint: ${c.message}`);
      this.checkpoints.push(c);
    });
  }

  async stop(): Promise<void> {
    await this.client.close();
  }
}
