/**
 * The InputAcks of one event-loop turn (inputIntake.ts): every Input read in
 * the turn marks its member; one flush after the turn's reads sends each
 * marked member one InputAck naming its newest seq, however many of its
 * messages the turn read (a burst after a stall costs one send).
 */
import type { InputIntake } from './inputIntake';
import type { RoomMember } from './roomMember';

/**
 * `schedule` runs the flush after the reads: setImmediate, whose check phase
 * follows the poll phase in which uWS delivers messages.
 */
export class InputAckTurn {
  private readonly intakes: InputIntake[] = [];
  private readonly members: RoomMember[] = [];
  private scheduled = false;
  private readonly runFlush = (): void => this.flush();

  constructor(private readonly schedule: (flush: () => void) => void = (flush) => void setImmediate(flush)) {}

  mark(intake: InputIntake, member: RoomMember): void {
    this.intakes.push(intake);
    this.members.push(member);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(this.runFlush);
  }

  /** Send the marked members their acks (a member marked twice is acked once: the second finds nothing new). */
  flush(): void {
    this.scheduled = false;
    for (let i = 0; i < this.members.length; i++) this.intakes[i].ackReceived(this.members[i]);
    this.intakes.length = 0;
    this.members.length = 0;
  }
}

/** The process's turn: every room's intake marks here, so one setImmediate serves all rooms. */
export const processAckTurn = new InputAckTurn();
