import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputCoder } from '../../shared/protocol/inputCodec';
import { LineButton as Button, lineInput } from '../../tests/support/lineGame';
import { DEFAULT_INPUT_LEAD } from './inputLead';
import { InputQueue } from './inputQueue';

/** The line game's input: [buttons (Mark is the carried bit), aim]. */
const coder = new InputCoder(lineInput);

/** Short windows (3 ticks) so that tests stay readable; the rest as on the server. */
function queue(maxPending = 8, windowTicks = 3, skipAboveDepth = 4): InputQueue {
  return new InputQueue(coder, maxPending, { ...DEFAULT_INPUT_LEAD, windowTicks, skipAboveDepth, slowAfterWindows: 2 });
}

/** Offer one frame [buttons, aim] as `seq`. */
function offer(q: InputQueue, seq: number, buttons: number, aim = 0, viewTick = 0): void {
  q.offer(seq, [buttons, aim], 0, viewTick);
}

describe('InputQueue', () => {
  it('applies frames one per tick in sequence order, whatever order they arrive in; a duplicate keeps the first copy', () => {
    const q = queue();
    offer(q, 2, Button.Down, 2);
    offer(q, 1, Button.Up, 1);
    offer(q, 1, Button.Left, 9);
    expect(q.next()).toBe(true);
    expect(Array.from(q.current)).toEqual([Button.Up, 1]);
    expect(q.lastAppliedSeq).toBe(1);
    expect(q.next()).toBe(true);
    expect(Array.from(q.current)).toEqual([Button.Down, 2]);
    expect(q.lastAppliedSeq).toBe(2);
  });

  it('keeps the current frame when none is due, without advancing the sequence; a stale frame is ignored', () => {
    const q = queue();
    offer(q, 1, Button.Right, 100, 7);
    q.next();
    expect(q.next()).toBe(false);
    expect(Array.from(q.current)).toEqual([Button.Right, 100]);
    expect(q.currentViewTick).toBe(7);
    expect(q.lastAppliedSeq).toBe(1);
    offer(q, 1, Button.Left);
    expect(q.next()).toBe(false);
    expect(q.current[0]).toBe(Button.Right);
  });

  it('skips a backlog that stood a whole window (a server stall), down to highDepth, carrying only the carryMask bits', () => {
    const q = queue(16, 3, 4);
    // Seven frames at once (seq 3 presses Mark while moving Down), then one per tick as usual.
    for (let s = 1; s <= 7; s++) offer(q, s, s === 3 ? Button.Mark | Button.Down : Button.Up);
    let seq = 7;
    const applied: number[] = [];
    const buttons: number[] = [];
    for (let tick = 0; tick < 6; tick++) {
      q.next();
      applied.push(q.lastAppliedSeq);
      buttons.push(q.current[0]);
      offer(q, ++seq, Button.Up);
    }
    // Ticks 0–2 are a window with 7 waiting at least (> 4): at its end (tick 2) 3 are kept of 3..9, so 3..6 are skipped.
    expect(applied).toEqual([1, 2, 7, 8, 9, 10]);
    expect(buttons[2]).toBe(Button.Up | Button.Mark); // seq 3's Mark carried onto seq 7; its Down is not
    expect(buttons[3]).toBe(Button.Up); // carried once only
    expect(q.skipped).toBe(4);
    expect(q.depth).toBe(3);
  });

  it('never skips the bursts of a batched sender (3 frames per message) however long it runs', () => {
    const q = queue(16, 30, 10);
    let seq = 0;
    for (let tick = 0; tick < 3000; tick++) {
      if (tick % 3 === 0) for (let k = 0; k < 3; k++) offer(q, ++seq, Button.Up);
      if (tick === 0) offer(q, ++seq, Button.Up); // one frame ahead: the minimum waiting is 2
      q.next();
    }
    expect(q.skipped).toBe(0);
    expect(q.lead.late).toBe(0);
    expect(q.advice).toBe(0);
  });

  it('advises the client to run ahead when frames arrive just in time or late, and to fall back when too many wait', () => {
    const late = queue(16, 3, 10);
    offer(late, 1, 0);
    late.next(); // 1 waiting: just in time
    late.next(); // 0 waiting: seq 2 is late, seq 1 repeated
    offer(late, 2, 0);
    offer(late, 3, 0);
    late.next();
    expect(late.lead.late).toBe(1);
    expect(late.advice).toBe(2); // lowDepth 2 − window minimum 0

    const early = queue(16, 3, 10);
    let seq = 0;
    for (let k = 0; k < 6; k++) offer(early, ++seq, 0);
    for (let tick = 0; tick < 12; tick++) {
      offer(early, ++seq, 0); // 7 waiting before each tick, steadily
      early.next();
    }
    expect(early.advice).toBe(-4); // highDepth 3 − 7, after two windows in a row above it
    expect(early.skipped).toBe(0);
  });

  it('tolerates a short burst without skipping', () => {
    const q = queue(8, 2, 6);
    for (let s = 1; s <= 4; s++) offer(q, s, 0);
    for (let t = 0; t < 4; t++) q.next();
    expect(q.lastAppliedSeq).toBe(4);
    expect(q.skipped).toBe(0);
  });

  it('moves past a frame lost for good once a later one is there', () => {
    const q = queue();
    offer(q, 1, 0);
    q.next();
    offer(q, 3, Button.Down);
    expect(q.next()).toBe(true);
    expect(q.current[0]).toBe(Button.Down);
    expect(q.lastAppliedSeq).toBe(3);
  });

  it('holds at most maxPending future frames; lastAppliedSeq moves only to a received seq', () => {
    const q = queue(8);
    offer(q, 1, 0);
    q.next();
    for (let s = 2; s <= 6; s++) offer(q, s, s === 4 ? Button.Mark : 0);
    offer(q, 30, Button.Left); // 30 − 8 = 22: everything pending up to 22 is dropped
    expect(q.lastAppliedSeq).toBe(6); // the newest dropped frame, not 22 (never received)
    expect(q.skipped).toBe(5);
    expect(q.next()).toBe(true);
    expect(q.lastAppliedSeq).toBe(30);
    expect(q.current[0]).toBe(Button.Left | Button.Mark);
  });

  it('keeps received frames by seq as delta bases, applied or not, and forgets them on reset', () => {
    const q = queue();
    offer(q, 1, Button.Up, 5);
    offer(q, 2, Button.Down, 6);
    q.next();
    expect(Array.from(q.frameAt(1)!)).toEqual([Button.Up, 5]);
    expect(Array.from(q.frameAt(2)!)).toEqual([Button.Down, 6]);
    expect(q.frameAt(3)).toBeNull();
    expect(q.frameAt(0)).toBeNull();
    for (let s = 3; s <= 80; s++) {
      offer(q, s, 0);
      q.next();
    }
    expect(q.frameAt(2)).toBeNull(); // more than 64 frames ago
    expect(q.frameAt(80)).not.toBeNull();
    q.reset();
    expect(q.frameAt(80)).toBeNull();
    expect(q.lastAppliedSeq).toBe(0);
    expect(q.newestSeq).toBe(0);
  });

  it('a hostile seq jump (to 2^32 − 1) costs one pass over the ring, not a loop over the gap', () => {
    const q = queue();
    offer(q, 1, Button.Mark);
    offer(q, 2 ** 32 - 1, Button.Right); // overflow: seq 1 is dropped (its Mark carried)
    expect(q.lastAppliedSeq).toBe(1);
    expect(q.skipped).toBe(1);
    expect(q.next()).toBe(true);
    expect(q.current[0]).toBe(Button.Right | Button.Mark);
    expect(q.lastAppliedSeq).toBe(2 ** 32 - 1);
  });

  it('property: lastAppliedSeq is always 0 or a seq that was received, and never goes back', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('offer' as const), seq: fc.integer({ min: 1, max: 120 }), buttons: fc.integer({ min: 0, max: 31 }) }),
      fc.record({ kind: fc.constant('next' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const q = queue(8, 2, 3);
        const received = new Set<number>();
        let last = 0;
        for (const o of ops) {
          if (o.kind === 'offer') {
            if (o.seq > q.lastAppliedSeq) received.add(o.seq);
            offer(q, o.seq, o.buttons);
          } else {
            q.next();
          }
          if (q.lastAppliedSeq !== 0 && !received.has(q.lastAppliedSeq)) return false;
          if (q.lastAppliedSeq < last) return false;
          last = q.lastAppliedSeq;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
