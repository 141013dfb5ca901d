/**
 * The client side of one tickwire.v2 session, for load-test bots and hostile
 * test bots (one place, not one per bot): the game codec the Welcome
 * describes, the InputUplink that numbers and repeats input frames, and the
 * baselines that snapshot deltas apply to (SnapshotReplica). It knows no game
 * and no socket: bots feed it frames and bytes and send what it returns.
 *
 *   Welcome ─▶ ClientNetcode.fromWelcome ─▶ codec, uplink, replica
 *   snapshot ─▶ onSnapshot (apply, acknowledge ackSeq)   tick ─▶ push(frame)
 *   due() ─▶ message() ─▶ bytes to send
 */
import { DecodeError } from '../../shared/protocol/decodeError';
import { decodeServerFrame, type ServerMessage } from '../../shared/protocol/frameCodec';
import { describeGame, descriptorHash, type GameDescriptor } from '../../shared/protocol/gameDescriptor';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { InputUplink } from '../../shared/protocol/inputUplink';
import type { WelcomeBody } from '../../shared/protocol/messages';
import type { SnapshotFrame } from '../../shared/protocol/snapshotFrame';
import { SnapshotReplica } from './snapshotReplica';

/** Codecs by descriptor hash: a thousand bots of one game build one codec (the Events validator compiles once). */
const codecs = new Map<string, GameCodec>();

/** The codec for a Welcome's game, shared by every session of that game; a DecodeError if unusable. */
export function codecForWelcome(w: WelcomeBody): GameCodec | DecodeError {
  const cached = codecs.get(w.gameHash);
  if (cached && descriptorHash(describeGame(w.game as GameDescriptor)) === w.gameHash) return cached;
  const codec = GameCodec.fromWelcome(w);
  if (!(codec instanceof DecodeError)) codecs.set(codec.hash, codec);
  return codec;
}

export interface ClientNetcodeOptions {
  /** Ticks per Input message (InputUplink; its default: 3, a button change at once). */
  ticksPerMessage?: number;
  /** Light: keep no baselines; only the snapshot's tick and ackSeq are read (capacity benches). */
  light?: boolean;
}

export class ClientNetcode {
  readonly uplink: InputUplink;
  readonly replica: SnapshotReplica | null;
  /** Server ticks per snapshot (Welcome: tickRate ÷ snapshotRate). */
  readonly snapshotEvery: number;
  /** Newest snapshot tick received: what the next Input acknowledges (light sessions too). */
  newestTick = 0;
  /** Newest ackSeq the server reported. */
  ackSeq = 0;

  private constructor(
    readonly codec: GameCodec,
    readonly welcome: WelcomeBody,
    o: ClientNetcodeOptions,
  ) {
    this.snapshotEvery = Math.max(1, Math.round(welcome.tickRate / welcome.snapshotRate));
    this.uplink = new InputUplink(codec.input, this.snapshotEvery, o.ticksPerMessage);
    this.replica = o.light ? null : new SnapshotReplica(codec.layout);
  }

  static fromWelcome(w: WelcomeBody, o: ClientNetcodeOptions = {}): ClientNetcode | DecodeError {
    const codec = codecForWelcome(w);
    return codec instanceof DecodeError ? codec : new ClientNetcode(codec, w, o);
  }

  decode(bytes: Uint8Array): ServerMessage | DecodeError {
    return decodeServerFrame(bytes, this.codec);
  }

  /**
   * Take a snapshot: apply it to the baselines (false when its baseline is
   * not kept; throws BaselineMismatchError on a contradicting delta) and
   * acknowledge the frames it confirms.
   */
  onSnapshot(frame: SnapshotFrame): boolean {
    const applied = this.replica ? this.replica.apply(frame) : true;
    // Acknowledge only ticks we hold as baselines: the server diffs against the tick we name.
    if (applied && frame.delta.tick > this.newestTick) this.newestTick = frame.delta.tick;
    this.onAck(frame.ackSeq);
    return applied;
  }

  /** A light session's snapshot: its tick and ackSeq only (read from the frame header). */
  onSnapshotHeader(tick: number, ackSeq: number): void {
    if (tick > this.newestTick) this.newestTick = tick;
    this.onAck(ackSeq);
  }

  private onAck(ackSeq: number): void {
    if (ackSeq > this.ackSeq) this.ackSeq = ackSeq;
    this.uplink.acknowledge(ackSeq);
  }

  /** Record this tick's input frame (one value per input field); returns its seq. */
  push(frame: ArrayLike<number>): number {
    return this.uplink.push(frame);
  }

  /** True when ticksPerMessage frames have been pushed since the last message. */
  due(): boolean {
    return this.uplink.due();
  }

  /**
   * The Input message carrying every unacknowledged frame, acknowledging the
   * newest snapshot; `viewLagTicks`: how far behind it the player's view is.
   */
  message(viewLagTicks = this.snapshotEvery): Uint8Array | null {
    const ack = this.newestTick;
    return this.uplink.message(ack, Math.max(0, ack - viewLagTicks));
  }
}
