/**
 * A tickwire.v2 player bot: joins a room (or quick play of a game), produces
 * one input frame per simulation tick from its game's pattern, sends an Input
 * message every `ticksPerMessage` ticks carrying every frame the server has
 * not acknowledged (ClientNetcode / InputUplink), applies every snapshot
 * against its baselines and acknowledges the newest.
 *
 * Input→ack RTT: from the tick a frame is produced (pushed) to the first
 * acknowledgement naming it — an InputAck (received, sent the tick after the
 * message arrives) or a snapshot's ackSeq (applied), whichever comes first —
 * so it includes the wait for the message that carries it (the cost of
 * sending every 2 or 3 ticks). Input→applied RTT: to the first snapshot whose
 * ackSeq ≥ its seq (adds the server's input buffer and the 30 Hz snapshot).
 * Both are AckTimings' (ackTimings.ts), shared with LeanPlayBot.
 *
 * Simulated upstream loss (`uplinkLoss`): a due message is dropped whole
 * before it is written, seeded, so runs repeat. Over TCP every message
 * written arrives, so a frame is lost on the way for good exactly when no
 * written message carried it (counted as `inputsNeverSent`).
 *
 * Counters: inputsSent (frames pushed) = inputsAcked + in flight;
 * inputMessages / inputMessagesDropped; inputBytes (payload) and
 * inputWireBytes (with the client frame header and mask).
 */
import { produceDueFrames } from './frameClock';
import { UplinkLedger } from './uplinkLedger';
import { CloseCode, DecodeError, decodeServerFrame, encodeClientMessage, Opcode, SUBPROTOCOL, type WelcomeBody } from '../../shared/protocol';
import { ClientNetcode } from '../../tests/support/clientNetcode';
import type { MetricsRecorder } from '../harness/metricsRecorder';
import { AckTimings, readVaruint } from './ackTimings';
import { botInputFor, type BotInput } from './botInputs';
import { BotSocket } from './botSocket';
import { RawWebSocket } from './rawWebSocket';

const DEFAULT_GAME = 'arena';

export interface PlayBotOptions {
  wsUrl: string;
  name: string;
  room?: string;
  /** Quick play of this game (when no room is given); default arena. */
  game?: string;
  seed: number;
  metrics: MetricsRecorder;
  now: () => number;
  /**
   * Light bot (capacity benches): read only ackSeq and tick from each snapshot
   * and ack the tick without applying it, so one generator core drives more
   * bots. The server cannot tell the difference.
   */
  light?: boolean;
  /** Use RawWebSocket (hand-written, zero mask key) instead of the `ws` package. */
  fastClient?: boolean;
  /** Ticks per Input message (1 = every tick); default the client's (InputUplink: 3, as real clients send). */
  ticksPerMessage?: number;
  /** Share (0..1) of Input messages dropped before sending: simulated upstream loss. */
  uplinkLoss?: number;
}

export class PlayBot {
  state: 'connecting' | 'joining' | 'playing' | 'closed' = 'connecting';
  private readonly socket: { send(bytes: Uint8Array): void; close(code: number): void };
  private readonly timings: AckTimings;
  private readonly ledger: UplinkLedger;
  private net: ClientNetcode | null = null;
  private pattern: BotInput | null = null;
  private readonly startedAt: number;
  /** Highest seq carried by a message actually written (TCP delivers it). */
  tickMs = 1000 / 60;
  /** When the next frame is due (ms, the injected clock). */
  nextInputAt = Infinity;

  constructor(private readonly o: PlayBotOptions) {
    this.startedAt = o.now();
    this.timings = new AckTimings(o.metrics);
    this.ledger = new UplinkLedger(o.metrics, o.uplinkLoss, o.seed);
    const url = o.room ? `${o.wsUrl}?room=${encodeURIComponent(o.room)}` : o.wsUrl;
    const onOpen = () => {
      this.state = 'joining';
      const body = o.room ? { name: o.name, room: o.room } : { name: o.name, game: o.game ?? DEFAULT_GAME };
      this.socket.send(encodeClientMessage({ op: Opcode.Join, body }));
    };
    const onClose = () => {
      this.state = 'closed';
      this.nextInputAt = Infinity;
    };
    const onMessage = (bytes: Uint8Array) => this.onMessage(bytes);
    this.socket = o.fastClient
      ? new RawWebSocket(url, SUBPROTOCOL, o.metrics, { onOpen, onBinary: (buf, start, end) => onMessage(buf.subarray(start, end)), onClose })
      : new BotSocket(url, SUBPROTOCOL, o.metrics, { onOpen, onMessage, onClose });
  }

  /** Newest seq acknowledged (InputAck or snapshot). */
  get lastAckSeq(): number {
    return this.timings.lastAckSeq;
  }

  /** Frames pushed and not yet acknowledged. */
  get inFlight(): number {
    return this.net ? this.net.uplink.newestSeq - this.lastAckSeq : 0;
  }

  get seq(): number {
    return this.net?.uplink.newestSeq ?? 0;
  }

  private onMessage(bytes: Uint8Array): void {
    const m = this.o.metrics;
    const now = this.o.now();
    const net = this.net;
    if (net && bytes[0] === Opcode.InputAck && bytes.length >= 2) {
      // Light or full, an InputAck is one varint: no need for the generic decoder.
      m.count('inputAckFrames');
      m.count('inputAckBytes', bytes.length);
      this.acknowledge(readVaruint(bytes, 1), now);
      return;
    }
    if (net && this.o.light && bytes[0] === Opcode.Snapshot && bytes.length >= 6) {
      const ackSeq = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1, true);
      const tick = readVaruint(bytes, 5);
      net.onSnapshotHeader(tick, ackSeq);
      this.onSnapshot(now, ackSeq, tick);
      return;
    }
    const msg = net ? net.decode(bytes) : decodeServerFrame(bytes, null);
    if (msg instanceof DecodeError) {
      m.count('decodeErrors');
      return;
    }
    switch (msg.op) {
      case Opcode.Welcome:
        this.onWelcome(msg.body, now);
        break;
      case Opcode.Snapshot:
        try {
          if (!net!.onSnapshot(msg.body)) m.count('snapshotsWithoutBaseline');
        } catch (err) {
          m.count('snapshotApplyErrors');
          if (!(err instanceof Error)) throw err;
        }
        this.onSnapshot(now, msg.body.ackSeq, msg.body.delta.tick);
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

  private onWelcome(w: WelcomeBody, now: number): void {
    const m = this.o.metrics;
    const net = ClientNetcode.fromWelcome(w, { ticksPerMessage: this.o.ticksPerMessage, light: this.o.light }); // unset: the client default (3)
    if (net instanceof DecodeError) {
      m.count('fail:welcome-game');
      this.close();
      return;
    }
    const pattern = botInputFor(w.game.name, net.codec.descriptor.input, this.o.seed, w.tickRate);
    m.count('welcomed');
    m.recordMs('timeToWelcome', now - this.startedAt);
    this.net = net;
    this.pattern = pattern;
    this.tickMs = 1000 / w.tickRate;
    this.state = 'playing';
    this.nextInputAt = now;
  }

  private onSnapshot(now: number, ackSeq: number, tick: number): void {
    this.timings.snapshot(now, ackSeq, tick, this.seq, this.net!.snapshotEvery, this.tickMs);
    this.acknowledge(ackSeq, now);
  }

  /** An InputAck's seq or a snapshot's ackSeq: the uplink stops repeating those frames. */
  private acknowledge(ackSeq: number, now: number): void {
    const upTo = this.timings.acknowledged(ackSeq, this.seq, now);
    if (upTo > 0) this.net?.uplink.acknowledge(upTo);
  }

  /** Produce every frame due by `now` (and send the messages due); returns how many frames. */
  sendDueInputs(now: number): number {
    if (this.state !== 'playing' || !this.pattern) return 0;
    return produceDueFrames(this, now, this.tickInputAt);
  }

  private readonly tickInputAt = (now: number): void => this.tickInput(now);

  private tickInput(now: number): void {
    const net = this.net!;
    const seq = net.push(this.pattern!.next());
    this.timings.pushed(seq, now);
    if (!net.due()) return;
    const bytes = net.message();
    if (!bytes) return;
    if (this.ledger.passes(seq, net.uplink.unacknowledged, bytes.length)) this.socket.send(bytes);
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.nextInputAt = Infinity;
    this.socket.close(CloseCode.Normal);
  }
}
