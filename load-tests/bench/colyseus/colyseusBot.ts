/**
 * The same player bot as bots/playBot.ts, speaking Colyseus 0.16 through its
 * own client library (colyseus.js): joinOrCreate, one `input` message per
 * simulation tick ([seq, buttons, aim], Colyseus' usual one-input-per-message
 * style), state patches decoded by the client's schema decoder. The room
 * mirrors each player's last applied input seq into its entity (`ackSeq`),
 * the usual Colyseus pattern for reconciliation, so RTT is measured the same
 * way: send seq → first patch that shows ackSeq ≥ seq.
 */
import { Client, type Room } from 'colyseus.js';
import type { MetricsRecorder } from '../../harness/metricsRecorder';
import { InputPattern } from '../../bots/inputPattern';

const SENT_RING = 256;

export interface ColyseusBotOptions {
  wsUrl: string;
  roomName: string;
  name: string;
  seed: number;
  metrics: MetricsRecorder;
  now: () => number;
}

interface EntityView {
  ackSeq: number;
}
interface StateView {
  entities: { get(key: string): EntityView | undefined };
}
interface WsLike {
  on(event: 'message', fn: (data: ArrayBuffer | Buffer) => void): void;
  send(data: Uint8Array): void;
}

export class ColyseusBot {
  state: 'connecting' | 'playing' | 'closed' = 'connecting';
  private room: Room<StateView> | null = null;
  private readonly sentAt = new Float64Array(SENT_RING);
  private pattern: InputPattern | null = null;
  private playerId = 0;
  private closing = false;
  private lastPatchAt = 0;
  seq = 0;
  lastAckSeq = 0;
  tickMs = 1000 / 60;
  nextInputAt = Infinity;
  private readonly startedAt: number;

  constructor(private readonly o: ColyseusBotOptions) {
    this.startedAt = o.now();
    const client = new Client(o.wsUrl.replace(/^ws/, 'http'));
    client.joinOrCreate<StateView>(o.roomName, { name: o.name }).then(
      (room) => this.onJoined(room),
      (err: unknown) => {
        this.state = 'closed';
        const code = (err as { code?: number | string }).code;
        o.metrics.count(`fail:${code ?? (err instanceof Error ? err.message.slice(0, 40) : 'join')}`);
      },
    );
  }

  get inFlight(): number {
    return this.seq - this.lastAckSeq;
  }

  private onJoined(room: Room<StateView>): void {
    const m = this.o.metrics;
    this.room = room;
    const transport = room.connection.transport as unknown as { ws: WsLike };
    transport.ws.on('message', (data) => m.count('bytesIn', data.byteLength));
    const send = transport.ws.send.bind(transport.ws);
    transport.ws.send = (data: Uint8Array) => {
      m.count('bytesOut', data.byteLength);
      send(data);
    };
    room.onMessage('welcome', (msg: { playerId: number; tickRate: number }) => {
      this.playerId = msg.playerId;
      this.tickMs = 1000 / msg.tickRate;
      this.pattern = new InputPattern(this.o.seed, msg.tickRate);
      this.state = 'playing';
      this.nextInputAt = this.o.now();
      m.count('welcomed');
      m.recordMs('timeToWelcome', this.o.now() - this.startedAt);
    });
    room.onMessage('events', () => m.count('eventFrames'));
    room.onStateChange((state) => {
      const now = this.o.now();
      m.count('snapshots');
      if (this.lastPatchAt > 0) m.recordMs('snapshotInterval', now - this.lastPatchAt);
      this.lastPatchAt = now;
      const me = this.playerId ? state.entities.get(String(this.playerId)) : undefined;
      if (me) this.acknowledge(me.ackSeq, now);
    });
    room.onLeave((code) => {
      if (!this.closing) m.count(`close:${code}`);
      this.state = 'closed';
      this.nextInputAt = Infinity;
    });
    room.onError((code) => m.count(`serverError:${code}`));
  }

  private acknowledge(ackSeq: number, now: number): void {
    const upTo = Math.min(ackSeq, this.seq);
    if (upTo <= this.lastAckSeq) return;
    for (let s = Math.max(this.lastAckSeq + 1, upTo - SENT_RING + 1); s <= upTo; s++) {
      this.o.metrics.recordMs('inputRtt', now - this.sentAt[s % SENT_RING]);
    }
    this.o.metrics.count('inputsAcked', upTo - this.lastAckSeq);
    this.lastAckSeq = upTo;
  }

  sendDueInputs(now: number): void {
    if (this.state !== 'playing' || !this.room || !this.pattern) return;
    // After a generator stall, send at most 2 ticks at once: a burst would sit in the server's
    // input queue (one applied per tick) and inflate every later RTT.
    if (now - this.nextInputAt > 2 * this.tickMs) this.nextInputAt = now - 2 * this.tickMs;
    while (this.nextInputAt <= now) {
      const [buttons, aim] = this.pattern.next();
      this.seq++;
      this.sentAt[this.seq % SENT_RING] = now;
      this.o.metrics.count('inputsSent');
      this.room.send('input', [this.seq, buttons, aim]);
      this.nextInputAt += this.tickMs;
    }
  }

  close(): void {
    if (this.state === 'closed' && !this.room) return;
    this.closing = true;
    this.state = 'closed';
    this.nextInputAt = Infinity;
    if (this.room) void this.room.leave(true).catch(() => this.o.metrics.count('leaveErrors'));
  }
}
