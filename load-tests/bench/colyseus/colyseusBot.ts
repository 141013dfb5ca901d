/**
 * The same player bot as bots/playBot.ts (same InputPattern, one input per
 * simulation tick, at most 2 ticks caught up after a stall), speaking
 * Colyseus 0.18 through its own SDK (@colyseus/sdk): joinOrCreate, the typed
 * input handle `room.input({ mode: 'reliable' })` (the SDK's advice on a
 * WebSocket transport: no datagrams, so no redundancy ring), state patches
 * decoded by the SDK's schema decoder. RTT is measured the same way as for
 * tickwire: send seq → first state frame whose ack (`input.lastProcessed`,
 * Colyseus' own reconcile ack) is ≥ seq.
 */
import { Client, type Room } from '@colyseus/sdk';
import type { MetricsRecorder } from '../../harness/metricsRecorder';
import { InputPattern } from '../../bots/inputPattern';
import { INPUT_FIELD_NAMES } from './arenaInput';

const SENT_RING = 256;

export interface ColyseusBotOptions {
  wsUrl: string;
  roomName: string;
  name: string;
  seed: number;
  metrics: MetricsRecorder;
  now: () => number;
}

type InputHandle = ReturnType<Room['input']>;
interface WsLike {
  addEventListener(event: 'message', fn: (e: { data: ArrayBuffer | Buffer }) => void): void;
  send(data: Uint8Array): void;
}

export class ColyseusBot {
  state: 'connecting' | 'playing' | 'closed' = 'connecting';
  private room: Room | null = null;
  private input: InputHandle | null = null;
  private readonly sentAt = new Float64Array(SENT_RING);
  private pattern: InputPattern | null = null;
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
    client.joinOrCreate(o.roomName, { name: o.name }).then(
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

  private countBytes(room: Room): void {
    const m = this.o.metrics;
    const ws = (room.connection.transport as unknown as { ws: WsLike }).ws;
    ws.addEventListener('message', (e) => m.count('bytesIn', e.data.byteLength));
    const send = ws.send.bind(ws);
    ws.send = (data: Uint8Array) => {
      m.count('bytesOut', data.byteLength);
      send(data);
    };
  }

  private onJoined(room: Room): void {
    const m = this.o.metrics;
    this.room = room;
    this.countBytes(room);
    this.input = room.input({ mode: 'reliable' });
    room.onMessage('welcome', (msg: { playerId: number; tickRate: number }) => {
      this.tickMs = 1000 / msg.tickRate;
      this.pattern = new InputPattern(this.o.seed, msg.tickRate);
      this.state = 'playing';
      this.nextInputAt = this.o.now();
      m.count('welcomed');
      m.recordMs('timeToWelcome', this.o.now() - this.startedAt);
    });
    room.onMessage('events', () => m.count('eventFrames'));
    room.onStateChange(() => {
      const now = this.o.now();
      m.count('snapshots');
      if (this.lastPatchAt > 0) m.recordMs('snapshotInterval', now - this.lastPatchAt);
      this.lastPatchAt = now;
      if (this.input) this.acknowledge(this.input.lastProcessed, now);
    });
    room.onLeave((code: number) => {
      if (!this.closing) m.count(`close:${code}`);
      this.state = 'closed';
      this.nextInputAt = Infinity;
    });
    room.onError((code: number) => m.count(`serverError:${code}`));
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
    const input = this.input;
    if (this.state !== 'playing' || !input || !this.pattern) return;
    // After a generator stall, send at most 2 ticks at once: a burst would sit in the server's
    // input buffer (one consumed per step) and inflate every later RTT.
    if (now - this.nextInputAt > 2 * this.tickMs) this.nextInputAt = now - 2 * this.tickMs;
    const data = input.data as Record<string, number>;
    while (this.nextInputAt <= now) {
      const frame = this.pattern.next();
      for (let i = 0; i < INPUT_FIELD_NAMES.length; i++) data[INPUT_FIELD_NAMES[i]] = frame[i];
      // The handle numbers reliable inputs 1, 2, 3… exactly as the server acks them.
      const seq = input.send();
      if (seq === 0) return;
      this.seq = seq;
      this.sentAt[seq % SENT_RING] = now;
      this.o.metrics.count('inputsSent');
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
