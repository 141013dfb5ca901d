/**
 * A room's inbound input path: Input frames are decoded into each member's
 * InputQueue (acks resolved against the member's view group), and once per
 * tick each connected member's next input becomes one `input` command when it
 * changed. Also tells a client to move its input clock (InputTiming) when its
 * queue runs too thin or too deep (inputLead.ts), and which frames it may stop
 * repeating (InputAck) as soon as they are here, not when they are applied:
 *
 *   poll phase: Input 41–43 read, Input 44–46 read (same client, same turn)
 *   check phase (setImmediate, InputAckTurn): one InputAck 46 ─▶ client stops repeating 41–46
 *   ticks later: frame 46 applied ─▶ snapshot ackSeq 46 (prediction reconciles)
 *
 * The snapshot's ackSeq (applied) waits out the input buffer (2–3 frames, inputLead.ts)
 * and the 30 Hz snapshot; the redundancy window does not have to, nor wait for the
 * next tick (up to 16.7 ms): the ack leaves in the same event-loop turn as the read.
 * A member whose ack could not go then (no turn flush ran yet) is acked by the tick.
 */
import { Opcode } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { encodeInputAck, encodeServerMessage } from '../../shared/protocol/frameCodec';
import type { GameCodec } from '../../shared/protocol/gameCodec';
import { decodeInputMessage, MAX_FRAMES_PER_INPUT, MISSING_BASE, type InputMessageHeader } from '../../shared/protocol/inputCodec';
import type { ServerStats } from '../serverStats';
import type { ClientLink } from './clientLink';
import type { RoomMachine } from './roomMachine';
import type { RoomMember } from './roomMember';
import type { ViewGroups } from './viewGroups';
import { processAckTurn, type InputAckTurn } from './inputAckTurn';

export class InputIntake {
  private readonly header: InputMessageHeader = { seq: 0, count: 0, zeroBase: false, ackLow: -1, viewLag: 0 };
  private readonly frames: Int32Array;

  constructor(
    private readonly codec: GameCodec,
    private readonly machine: RoomMachine,
    private readonly views: ViewGroups,
    private readonly snapshotEvery: number,
    private readonly stats: ServerStats,
    private readonly ackTurn: InputAckTurn = processAckTurn,
  ) {
    this.frames = new Int32Array(MAX_FRAMES_PER_INPUT * codec.input.fieldCount);
  }

  /**
   * Take one Input frame (compact encoding) at room tick `tick`. Returns the
   * DecodeError to close with, or null. A frame whose delta base we no longer
   * hold is dropped and counted (the client's redundancy covers it), never fatal.
   */
  offer(member: RoomMember, bytes: Uint8Array, tick: number): DecodeError | null {
    const q = member.inputs;
    const h = this.header;
    member.lastInputTick = tick;
    const result = decodeInputMessage(bytes, this.codec.input, q.newestSeq, member.baseFrame, h, this.frames);
    if (result instanceof DecodeError) return result;
    if (result === MISSING_BASE) {
      this.stats.inputsMissingBase++;
      return null;
    }
    if (h.ackLow < 0) {
      // A client without a usable baseline asks for a full snapshot (rate-limited per client: fullSnapshotLimiter.ts).
      member.ackTick = 0;
    } else {
      const acked = this.views.resolveAck(member, h.ackLow, this.snapshotEvery);
      if (acked > member.ackTick) member.ackTick = member.lastAckedTick = acked;
    }
    const viewTick = Math.max(0, (member.ackTick > 0 ? member.ackTick : tick) - h.viewLag);
    const f = this.codec.input.fieldCount;
    const first = h.seq - h.count + 1;
    for (let i = 0; i < h.count; i++) if (first + i >= 1) q.offer(first + i, this.frames, i * f, viewTick);
    if (hasUnackedInput(member)) this.ackTurn.mark(this, member);
    return null;
  }

  /** Ack what a member sent since its last InputAck (from the turn's flush; nothing if the tick acked it already or it left). */
  ackReceived(member: RoomMember): void {
    if (member.link && hasUnackedInput(member)) this.sendInputAck(member.link, member);
  }

  /** One `input` command per connected member whose applied input changed this tick. */
  submit(members: Iterable<RoomMember>): void {
    for (const m of members) {
      if (!m.link) continue;
      const q = m.inputs;
      const skipped = q.skipped;
      const late = q.lead.late;
      q.next();
      this.stats.inputsSkipped += q.skipped - skipped;
      this.stats.inputsLate += q.lead.late - late;
      if (q.advice !== 0) this.sendInputTiming(m.link, m);
      if (hasUnackedInput(m)) this.sendInputAck(m.link, m);
      let changed = q.currentViewTick !== m.submittedViewTick;
      for (let k = 0; k < m.submitted.length && !changed; k++) changed = q.current[k] !== m.submitted[k];
      if (!changed) continue;
      m.submitted.set(q.current);
      m.submittedViewTick = q.currentViewTick;
      this.machine.submit({ type: 'input', playerId: m.playerId, viewTick: q.currentViewTick, values: Array.from(q.current) });
    }
  }

  /**
   * Tell a client every frame through its newest seq is here (a fresh array: the send pass may
   * still hold it after this tick). `!==`, not `>`: a resumed session counts seqs from 1 again.
   */
  private sendInputAck(link: ClientLink, m: RoomMember): void {
    m.inputAckSeq = m.inputs.newestSeq;
    link.send(encodeInputAck(m.inputAckSeq));
    this.stats.inputAcksSent++;
  }

  /** Tell a client how far to move its input clock (its buffer here is too thin or too deep). */
  private sendInputTiming(link: ClientLink, m: RoomMember): void {
    link.send(encodeServerMessage({ op: Opcode.InputTiming, body: { a: m.inputs.advice } }));
    m.inputs.advice = 0;
    this.stats.inputTimingSent++;
  }
}

/** Input arrived since the member's last InputAck (`!==`, not `>`: a resumed session counts seqs from 1 again). */
function hasUnackedInput(m: RoomMember): boolean {
  return m.inputs.newestSeq > 0 && m.inputs.newestSeq !== m.inputAckSeq;
}
