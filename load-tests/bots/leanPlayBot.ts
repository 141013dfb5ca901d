/**
 * A full-behaviour play bot that costs the generator as little as possible
 * (`npm run load -- play --lean`), so one core can drive the player counts the
 * server is meant to hold. What the server sees is what PlayBot sends:
 *
 * - the same inputs: the game's pattern (botInputFor: arena's InputPattern,
 *   the one the Colyseus peer bots use too; SchemaPattern for other games),
 *   seeded the same way, one frame per tick;
 * - the same messages: LeanUplink = the SDK's InputUplink schedule and bytes
 *   (ticksPerMessage, a flags change at once, every unacknowledged frame
 *   repeated, acked snapshot index and view lag; leanUplink.test.ts);
 * - the same acknowledgements: each snapshot's tick is acknowledged in the
 *   next Input, InputAck and snapshot ackSeq stop repetition;
 * - the same measurements (AckTimings): input→ack, input→applied, snapshot
 *   rate, jitter and gaps, bytes each way.
 *
 * What it leaves out is work no behaviour here uses: it reads a snapshot only
 * to its header (ackSeq, tick) and does not rebuild the world, and counts
 * Events frames without decoding them. The patterns do not look at the world
 * (they steer, aim and boost toward random targets), so nothing they send
 * changes. The worker runs a classic PlayBot that applies every snapshot for
 * one bot in VERIFY_EVERY, so a stream that does not decode still shows up.
 *
 * Per message it allocates nothing: the Input is written into the uplink's
 * buffer and framed and masked into the socket's (RawWebSocket.sendBinary).
 */
import { produceDueFrames } from './frameClock';
import { UplinkLedger } from './uplinkLedger';
import { CloseCode, DecodeError, decodeServerFrame, encodeClientMessage, Opcode, SUBPROTOCOL, type WelcomeBody } from '../../shared/protocol';
import { codecForWelcome } from '../../tests/support/clientNetcode';
import type { MetricsRecorder } from '../harness/metricsRecorder';
import { AckTimings, readVaruint } from './ackTimings';
import { botInputFor, type BotInput } from './botInputs';
import { LeanUplink } from './leanUplink';
import { RawWebSocket } from './rawWebSocket';

const DEFAULT_GAME = 'arena';
/** In a --lean run, one bot in this many is a PlayBot that applies every snapshot (decode errors still show). */
export const VERIFY_EVERY = 50;
/** Smallest snapshot frame: opcode, u32 ackSeq, a 1-byte tick. */
const MIN_SNAPSHOT_BYTES = 6;

export interface LeanPlayBotOptions {
  wsUrl: string;
  name: string;
  room?: string;
  /** Quick play of this game (when no room is given); default arena. */
  game?: string;
  seed: number;
  metrics: MetricsRecorder;
  now: () => number;
  /** Ticks per Input message; default the SDK's (3). */
  ticksPerMessage?: number;
  /** Share (0..1) of Input messages dropped before sending: simulated upstream loss. */
  uplinkLoss?: number;
}

export class LeanPlayBot {
  state: 'connecting' | 'joining' | 'playing' | 'closed' = 'connecting';
  private readonly socket: RawWebSocket;
  private readonly timings: AckTimings;
  private readonly ledger: UplinkLedger;
  private readonly startedAt: number;
  private uplink: LeanUplink | null = null;
  private pattern: BotInput | null = null;
  private snapshotEvery = 1;
  /** Newest snapshot tick received: acknowledged in the next Input. */
  private newestTick = 0;
  /** Highest seq carried by a message actually written (TCP delivers it). */
  tickMs = 1000 / 60;
  /** When the next frame is due (ms, the injected clock). */
  nextInputAt = Infinity;

  constructor(private readonly o: LeanPlayBotOptions) {
    this.startedAt = o.now();
    this.timings = new AckTimings(o.metrics);
    this.ledger = new UplinkLedger(o.metrics, o.uplinkLoss, o.seed);
    const url = o.room ? `${o.wsUrl}?room=${encodeURIComponent(o.room)}` : o.wsUrl;
    this.socket = new RawWebSocket(url, SUBPROTOCOL, o.metrics, {
      onOpen: () => {
        this.state = 'joining';
        const body = o.room ? { name: o.name, room: o.room } : { name: o.name, game: o.game ?? DEFAULT_GAME };
        this.socket.send(encodeClientMessage({ op: Opcode.Join, body }));
      },
      onBinary: (buf, start, end) => this.onMessage(buf, start, end),
      onClose: () => {
        this.state = 'closed';
        this.nextInputAt = Infinity;
      },
    });
  }

  get seq(): number {
    return this.uplink?.newestSeq ?? 0;
  }

  /** Frames pushed and not yet acknowledged. */
  get inFlight(): number {
    return this.seq - this.timings.lastAckSeq;
  }

  private onMessage(buf: Buffer, start: number, end: number): void {
    const op = buf[start];
    const now = this.o.now();
    const m = this.o.metrics;
    if (this.uplink) {
      if (op === Opcode.Snapshot && end - start >= MIN_SNAPSHOT_BYTES) {
        this.onSnapshot(now, buf.readUInt32LE(start + 1), readVaruint(buf, start + 5, end));
        return;
      }
      if (op === Opcode.InputAck && end - start >= 2) {
        m.count('inputAckFrames');
        m.count('inputAckBytes', end - start);
        this.acknowledge(readVaruint(buf, start + 1, end), now);
        return;
      }
      if (op === Opcode.Events) {
        m.count('eventFrames');
        return;
      }
    }
    // Welcome, Error and anything unexpected: the generic decoder (rare; the bytes are copied).
    const msg = decodeServerFrame(buf.subarray(start, end), null);
    if (msg instanceof DecodeError) {
      m.count('decodeErrors');
      return;
    }
    if (msg.op === Opcode.Welcome) this.onWelcome(msg.body, now);
    else if (msg.op === Opcode.Error) m.count(`serverError:${msg.body.code}`);
  }

  private onWelcome(w: WelcomeBody, now: number): void {
    const m = this.o.metrics;
    const codec = codecForWelcome(w);
    if (codec instanceof DecodeError) {
      m.count('fail:welcome-game');
      this.close();
      return;
    }
    this.snapshotEvery = Math.max(1, Math.round(w.tickRate / w.snapshotRate));
    this.uplink = new LeanUplink(codec.input, this.snapshotEvery, this.o.ticksPerMessage);
    this.pattern = botInputFor(w.game.name, codec.descriptor.input, this.o.seed, w.tickRate);
    m.count('welcomed');
    m.recordMs('timeToWelcome', now - this.startedAt);
    this.tickMs = 1000 / w.tickRate;
    this.state = 'playing';
    this.nextInputAt = now;
  }

  private onSnapshot(now: number, ackSeq: number, tick: number): void {
    if (tick > this.newestTick) this.newestTick = tick;
    this.timings.snapshot(now, ackSeq, tick, this.seq, this.snapshotEvery, this.tickMs);
    this.acknowledge(ackSeq, now);
  }

  private acknowledge(ackSeq: number, now: number): void {
    const upTo = this.timings.acknowledged(ackSeq, this.seq, now);
    if (upTo > 0) this.uplink!.acknowledge(upTo);
  }

  /** Produce every frame due by `now` (and send the messages due); returns how many frames. */
  sendDueInputs(now: number): number {
    if (this.state !== 'playing') return 0;
    return produceDueFrames(this, now, this.tickInputAt);
  }

  private readonly tickInputAt = (now: number): void => this.tickInput(now);

  private tickInput(now: number): void {
    const up = this.uplink!;
    const seq = up.push(this.pattern!.next());
    this.timings.pushed(seq, now);
    if (!up.due()) return;
    // ClientNetcode.message: acknowledge the newest snapshot, viewed one snapshot interval behind it.
    const n = up.message(this.newestTick, Math.max(0, this.newestTick - this.snapshotEvery));
    if (n === 0) return;
    if (this.ledger.passes(seq, up.unacknowledged, n)) this.socket.sendBinary(up.bytes, 0, n);
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.nextInputAt = Infinity;
    this.socket.close(CloseCode.Normal);
  }
}
