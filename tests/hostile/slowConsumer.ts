/**
 * A slow consumer: a joined raw client that stops reading its socket and
 * keeps asking for downstream data, so the server's send buffer for it fills.
 * Loopback kernel buffers hold megabytes, so it asks hard: WebSocket ping
 * frames with 125-byte payloads (uWS answers each with a 125-byte pong) and
 * tickwire Pings (each answered with a Pong; the server must allow the rate,
 * --max-message-rate). Afterwards it reads again, to see how it was closed.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { Opcode } from '../../shared/protocol/constants';
import { encodeClientMessage } from '../../shared/protocol/frameCodec';
import { buildFrame, describeEnding, type Ending, RawWebSocket, WsOpcode } from '../support/rawWebSocket';
import { joinedRawSocket } from './hostileKit';

export class SlowConsumer {
  private timer: ReturnType<typeof setInterval> | null = null;
  bytesRequested = 0;
  doneRequesting = false;

  private constructor(readonly ws: RawWebSocket) {}

  static async join(port: number, roomId: string, name: string): Promise<SlowConsumer> {
    return new SlowConsumer(await joinedRawSocket(port, roomId, name));
  }

  /**
   * Stop reading and send requests every 10 ms until about `maxRequestedBytes`
   * of answers are due (loopback buffers must fill before uWS sees backpressure).
   */
  stall(maxRequestedBytes = 8 * 1024 * 1024, wsPingsPerBatch = 400, tickwirePingsPerBatch = 50): void {
    this.ws.socket.pause();
    const wsPing = buildFrame({ opcode: WsOpcode.Ping, payload: new Uint8Array(125).fill(0x2a) });
    const twPing = buildFrame({ opcode: WsOpcode.Binary, payload: encodeClientMessage({ op: Opcode.Ping, body: { t: 1 } }) });
    const batch = Buffer.concat([...Array<Buffer>(wsPingsPerBatch).fill(wsPing), ...Array<Buffer>(tickwirePingsPerBatch).fill(twPing)]);
    this.timer = setInterval(() => {
      // Our own send buffer grows too if the server stops reading us: cap it.
      if (this.ws.socket.destroyed || this.ws.socket.writableLength > 4 * 1024 * 1024) return;
      if (this.bytesRequested >= maxRequestedBytes) {
        this.doneRequesting = true;
        return;
      }
      this.ws.write(batch);
      this.bytesRequested += wsPingsPerBatch * 127 + tickwirePingsPerBatch * 30;
    }, 10);
  }

  /** Stop flooding, read again, and report how the server ended the connection. */
  async ending(timeoutMs = 10_000): Promise<Ending> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.ws.socket.resume();
    return this.ws.ending(timeoutMs, true);
  }

  destroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.ws.destroy();
  }
}

/**
 * As a process, so the flood does not share an event loop with the players
 * being measured:
 *   node --import tsx tests/hostile/slowConsumer.ts <port> <roomId> <count> <holdMs>
 * Prints one JSON line: how the server ended each connection.
 */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [port, roomId, count, holdMs] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4] ?? 1), Number(process.argv[5] ?? 5000)];
  const consumers = await Promise.all(Array.from({ length: count }, (_, i) => SlowConsumer.join(port, roomId, `slow${i}`)));
  const t0 = performance.now();
  for (const c of consumers) c.stall();
  // Tell the parent when every request is out: from then on the consumers only sit there, stalled.
  const flooded = setInterval(() => {
    if (consumers.every((c) => c.doneRequesting)) {
      clearInterval(flooded);
      process.stdout.write('flooded\n');
    }
  }, 20);
  // A paused socket only learns how it was closed once it reads again: stall for holdMs, then read.
  await new Promise((r) => setTimeout(r, holdMs));
  const endings = await Promise.all(consumers.map((c) => c.ending(5000)));
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, endings: endings.map(describeEnding) })}\n`);
  process.exit(0);
}

/** Run `count` slow consumers in a child process for `holdMs`; resolves with how each was closed. */
export function spawnSlowConsumers(port: number, roomId: string, count: number, holdMs: number, onFlooded: () => void = () => undefined): Promise<{ ms: number; endings: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/hostile/slowConsumer.ts', String(port), roomId, String(count), String(holdMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let told = false;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (!told && out.includes('flooded\n')) {
      told = true;
      onFlooded();
    }
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`slow consumers exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as { ms: number; endings: string[] });
    });
  });
}
