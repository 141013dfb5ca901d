/**
 * Many playing bots (TestClients): each joins quick play, sends one Input per
 * snapshot interval (one frame, [buttons, aim], walking right then left, with
 * every unacknowledged frame repeated and the newest snapshot acknowledged —
 * TestClient.sendInput), and pings now and then. Games with a [buttons, aim]
 * input (the line test game, the arena) fit. The swarm records, per bot, the snapshot ticks seen
 * (for gap checks and rates) and Ping→Pong round trips (for RTT percentiles).
 */
import { Opcode } from '../../shared/protocol/constants';
import { TestClient } from '../support/testClient';

/** The `buttons` bits the swarm walks with (LineButton / ArenaButton Right and Left). */
const RIGHT = 8;
const LEFT = 4;

export interface SwarmBot {
  client: TestClient;
  playerId: number;
  roomId: string;
  resume: string;
  snapshotEvery: number;
  /** [receive time ms, tick] of every snapshot (trimmed of nothing: tests are bounded). */
  snapshots: [number, number][];
  rttsMs: number[];
  gaps: number;
  seq: number;
}

export class BotSwarm {
  readonly bots: SwarmBot[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly baseUrl: string) {}

  /** Connect and join `n` bots, `parallel` at a time. */
  async join(n: number, opts: { query?: string; parallel?: number } = {}): Promise<void> {
    const parallel = opts.parallel ?? 20;
    for (let i = 0; i < n; i += parallel) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(parallel, n - i) }, async (_, k) => {
          const client = await TestClient.connect(this.baseUrl, { query: opts.query ?? 'quick=1' });
          const w = await client.join(`bot${i + k}`);
          return this.adopt(client, w.body.playerId, w.body.roomId, w.body.resume, w.body.tickRate / w.body.snapshotRate);
        }),
      );
      this.bots.push(...batch);
    }
  }

  /** Track a client that has joined already. */
  adopt(client: TestClient, playerId: number, roomId: string, resume: string, snapshotEvery: number): SwarmBot {
    const bot: SwarmBot = { client, playerId, roomId, resume, snapshotEvery, snapshots: [], rttsMs: [], gaps: 0, seq: 0 };
    return bot;
  }

  /** Start playing: inputs every `inputMs`, a Ping every `pingMs`. */
  play(inputMs = 1000 / 30, pingMs = 100): void {
    this.timer = setInterval(() => {
      for (const b of this.bots) this.drain(b);
      for (const b of this.bots) {
        if (b.client.closed) continue;
        b.seq++;
        b.client.sendInput([b.seq % 40 < 20 ? RIGHT : LEFT, 0]);
      }
    }, inputMs);
    this.pingTimer = setInterval(() => {
      for (const b of this.bots) if (!b.client.closed) b.client.send({ op: Opcode.Ping, body: { t: performance.now() } });
    }, pingMs);
  }

  /** Move received messages into the per-bot records. */
  drain(b: SwarmBot): void {
    const now = performance.now();
    for (const m of b.client.messages.splice(0)) {
      if (m.op === Opcode.Snapshot) {
        const last = b.snapshots[b.snapshots.length - 1];
        if (last && m.body.delta.tick - last[1] !== b.snapshotEvery) b.gaps++;
        b.snapshots.push([now, m.body.delta.tick]);
      } else if (m.op === Opcode.Pong) {
        b.rttsMs.push(now - m.body.t);
      }
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.timer = this.pingTimer = null;
    for (const b of this.bots) this.drain(b);
  }

  close(): void {
    this.stop();
    for (const b of this.bots) b.client.close();
  }

  /** Snapshots per second per bot between two times (ms), averaged over bots. */
  snapshotRate(fromMs: number, toMs: number): number {
    let n = 0;
    for (const b of this.bots) for (const [t] of b.snapshots) if (t >= fromMs && t < toMs) n++;
    return n / this.bots.length / ((toMs - fromMs) / 1000);
  }

  /** RTT percentile over pongs received between two times (ms). */
  rttPercentile(p: number, fromIndex: Map<SwarmBot, number> = new Map()): number {
    const all: number[] = [];
    for (const b of this.bots) all.push(...b.rttsMs.slice(fromIndex.get(b) ?? 0));
    all.sort((a, b) => a - b);
    return all.length === 0 ? NaN : all[Math.min(all.length - 1, Math.floor((p / 100) * all.length))];
  }

  /** Where each bot's RTT list ends now (to measure a window later). */
  rttMark(): Map<SwarmBot, number> {
    return new Map(this.bots.map((b) => [b, b.rttsMs.length]));
  }

  get totalGaps(): number {
    return this.bots.reduce((n, b) => n + b.gaps, 0);
  }

  get closedCount(): number {
    return this.bots.filter((b) => b.client.closed !== null).length;
  }
}
