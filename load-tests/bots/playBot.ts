/**
 * A tickwire player bot: joins a room, sends one Input per simulation tick
 * (newest frame first, repeating the unacknowledged ones, up to 8), applies
 * every snapshot against its baselines and acknowledges the newest.
 *
 * Input→ack RTT: the time from sending input `seq` to the first snapshot whose
 * ackSeq ≥ seq. Counting invariant: inputsSent = inputsAcked + in flight
 * (seq − last ackSeq), which the tests check.
 *
 *   send seq 41 ──► server applies it at its next tick ──► next snapshot (30 Hz)
 *   t0                                                     carries ackSeq ≥ 41 → RTT = now − t0
 */
import {
  CloseCode,
  decodeServerFrame,
  DecodeError,
  encodeClientMessage,
  Limits,
  Opcode,
  SUBPROTOCOL_V1,
  type EntitySchema,
  type InputFrame,
  type SnapshotDelta,
} from '../../shared/protocol';
import type { MetricsRecorder } from '../harness/metricsRecorder';
import { BotSocket } from './botSocket';
import { encodeInputFrame } from './inputEncoder';
import { RawWebSocket } from './rawWebSocket';
import { InputPattern } from './inputPattern';
import { SnapshotBaselines } from './snapshotBaselines';

/** Send times of the last 256 inputs, by seq & 255 (4 s at 60 Hz). */
const SENT_RING = 256;

export interface PlayBotOptions {
  wsUrl: string;
  name: string;
  room?: string;
  seed: number;
  schema: EntitySchema;
  metrics: MetricsRecorder;
  now: () => number;
  /**
   * Light bot (capacity benches): read only ackSeq and tick from each snapshot
   * and ack the tick without applying it, so one generator core drives more
   * bots. The server cannot tell the difference.
   */
  light?: boolean;
  /** Use RawWebSocket and the hand-written Input encoder instead of `ws` + msgpackr. */
  fastClient?: boolean;
}

export class PlayBot {
  state: 'connecting' | 'joining' | 'playing' | 'closed' = 'connecting';
  private readonly socket: { send(bytes: Uint8Array): void; close(code: number): void };
  private readonly sentAt = new Float64Array(SENT_RING);
  private readonly recentFrames: InputFrame[] = [];
  private readonly baselines: SnapshotBaselines;
  private pattern: InputPattern | null = null;
  private readonly startedAt: number;
  seq = 0;
  lastAckSeq = 0;
  tickMs = 1000 / 60;
  /** When the next input is due (ms, the injected clock). */
  nextInputAt = Infinity;
  private ticksPerSnapshot = 2;
  private welcomeServerTick = 0;
  private welcomeAt = 0;
  private lastSnapshotAt = 0;
  private lastSnapshotTick = 0;

  constructor(private readonly o: PlayBotOptions) {
    this.startedAt = o.now();
    this.baselines = new SnapshotBaselines(o.schema);
    const url = o.room ? `${o.wsUrl}?room=${encodeURIComponent(o.room)}` : o.wsUrl;
    const onOpen = () => {
      this.state = 'joining';
      this.socket.send(encodeClientMessage({ op: Opcode.Join, body: o.room ? { name: o.name, room: o.room } : { name: o.name } }));
    };
    const onClose = () => {
      this.state = 'closed';
      this.nextInputAt = Infinity;
    };
    const onMessage = (bytes: Uint8Array) => this.onMessage(bytes);
    this.socket = o.fastClient
      ? new RawWebSocket(url, SUBPROTOCOL_V1, o.metrics, { onOpen, onBinary: onMessage, onClose })
      : new BotSocket(url, SUBPROTOCOL_V1, o.metrics, { onOpen, onMessage, onClose });
  }

  get inFlight(): number {
    return this.seq - this.lastAckSeq;
  }

  private onMessage(bytes: Uint8Array): void {
    const m = this.o.metrics;
    const now = this.o.now();
    if (this.o.light && bytes[0] === Opcode.Snapshot && bytes.length >= 6) {
      this.onSnapshot(now, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1, true), readVaruint(bytes, 5), null);
      return;
    }
    const msg = decodeServerFrame(bytes, this.o.schema);
    if (msg instanceof DecodeError) {
      m.count('decodeErrors');
      return;
    }
    switch (msg.op) {
      case Opcode.Welcome: {
        const w = msg.body;
        m.count('welcomed');
        m.recordMs('timeToWelcome', now - this.startedAt);
        this.tickMs = 1000 / w.tickRate;
        this.ticksPerSnapshot = Math.max(1, Math.round(w.tickRate / w.snapshotRate));
        this.welcomeServerTick = w.serverTick;
        this.welcomeAt = now;
        this.pattern = new InputPattern(this.o.seed, w.tickRate);
        this.state = 'playing';
        this.nextInputAt = now;
        break;
      }
      case Opcode.Snapshot:
        this.onSnapshot(now, msg.body.ackSeq, msg.body.delta.tick, msg.body.delta);
        break;
      case Opcode.Events:
        m.count('eventFrames');
        break;
      case Opcode.Error:
        m.count(`serverError:${msg.body.code}`);
        break;
      default:
        break;
    }
  }

  private onSnapshot(now: number, ackSeq: number, tick: number, delta: SnapshotDelta | null): void {
    const m = this.o.metrics;
    m.count('snapshots');
    if (this.lastSnapshotAt > 0) {
      const nominal = this.ticksPerSnapshot * this.tickMs;
      m.recordMs('snapshotJitter', Math.abs(now - this.lastSnapshotAt - nominal));
      const gap = tick - this.lastSnapshotTick;
      if (gap > this.ticksPerSnapshot) m.count('snapshotsSkipped', Math.round(gap / this.ticksPerSnapshot) - 1);
    }
    this.lastSnapshotAt = now;
    if (tick > this.lastSnapshotTick) this.lastSnapshotTick = tick;
    if (delta) {
      try {
        if (!this.baselines.apply(delta)) m.count('snapshotsWithoutBaseline');
      } catch (err) {
        m.count('snapshotApplyErrors');
        if (!(err instanceof Error)) throw err;
      }
    }
    this.acknowledge(ackSeq, now);
  }

  private acknowledge(ackSeq: number, now: number): void {
    const upTo = Math.min(ackSeq, this.seq);
    // Inputs sent but not yet applied when this snapshot left the server (a count, kept in
    // a latency histogram as "ms"): a standing queue on the server shows up here.
    if (this.seq > 0) this.o.metrics.recordMs('unackedAtSnapshot', this.seq - Math.max(upTo, this.lastAckSeq));
    if (upTo <= this.lastAckSeq) return;
    for (let s = Math.max(this.lastAckSeq + 1, upTo - SENT_RING + 1); s <= upTo; s++) {
      this.o.metrics.recordMs('inputRtt', now - this.sentAt[s % SENT_RING]);
    }
    this.o.metrics.count('inputsAcked', upTo - this.lastAckSeq);
    this.lastAckSeq = upTo;
  }

  /** Send every input due by `now`; returns how many were sent. */
  sendDueInputs(now: number): number {
    if (this.state !== 'playing' || !this.pattern) return 0;
    let sent = 0;
    // After a generator stall, send at most 2 ticks at once: a burst would sit in the server's
    // input queue (one applied per tick) and inflate every later RTT.
    if (now - this.nextInputAt > 2 * this.tickMs) this.nextInputAt = now - 2 * this.tickMs;
    while (this.nextInputAt <= now) {
      this.sendInput(now);
      this.nextInputAt += this.tickMs;
      sent++;
    }
    return sent;
  }

  private sendInput(now: number): void {
    const frame = this.pattern!.next();
    this.recentFrames.unshift(frame);
    if (this.recentFrames.length > Limits.maxInputFrames) this.recentFrames.pop();
    this.seq++;
    const unacked = Math.max(1, Math.min(this.seq - this.lastAckSeq, this.recentFrames.length));
    const clientTick = this.welcomeServerTick + Math.floor((now - this.welcomeAt) / this.tickMs);
    const ackTick = this.o.light ? this.lastSnapshotTick : this.baselines.newestTick;
    const viewTick = Math.max(0, ackTick - this.ticksPerSnapshot);
    const frames = this.recentFrames.slice(0, unacked);
    const bytes = this.o.fastClient
      ? encodeInputFrame(this.seq, clientTick, ackTick, viewTick, frames)
      : encodeClientMessage({ op: Opcode.Input, body: [this.seq, clientTick, ackTick, viewTick, frames] });
    this.sentAt[this.seq % SENT_RING] = now;
    this.o.metrics.count('inputsSent');
    this.socket.send(bytes);
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.nextInputAt = Infinity;
    this.socket.close(CloseCode.Normal);
  }
}

/** Unsigned LEB128 at `offset` (the snapshot's tick field). */
function readVaruint(bytes: Uint8Array, offset: number): number {
  let v = 0;
  for (let shift = 0, i = offset; i < bytes.length && shift < 35; shift += 7, i++) {
    v += (bytes[i] & 0x7f) * 2 ** shift;
    if ((bytes[i] & 0x80) === 0) break;
  }
  return v;
}
