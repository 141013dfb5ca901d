import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputCoder } from '../../shared/protocol/inputCodec';
import { LineButton as Button, lineInput } from '../../tests/support/lineGame';
import { InputQueue } from './inputQueue';

/** The line game's input: [buttons (Mark is the carried bit), aim]. */
const coder = new InputCoder(lineInput);

function queue(maxPending = 8, targetDepth = 2, standingLimitTicks = 6): InputQueue {
  return new InputQueue(coder, maxPending, targetDepth, standingLimitTicks);
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

  it('drains a standing backlog to the target depth, carrying only the carryMask bits of skipped frames', () => {
    const q = queue(8, 2, 3);
    // A burst of five (seq 3 presses Mark while moving Down), then one per tick as usual.
    for (let s = 1; s <= 5; s++) offer(q, s, s === 3 ? Button.Mark | Button.Down : Button.Up);
    let seq = 5;
    const applied: number[] = [];
    const buttons: number[] = [];
    for (let tick = 0; tick < 6; tick++) {
      q.next();
      applied.push(q.lastAppliedSeq);
      buttons.push(q.current[0]);
      offer(q, ++seq, Button.Up);
    }
    // Depth 4 (> 2) for three ticks → skip 3..5 so that 2 wait; afterwards it stays at the target.
    expect(applied).toEqual([1, 2, 6, 7, 8, 9]);
    expect(buttons[2]).toBe(Button.Up | Button.Mark); // seq 3's Mark carried onto seq 6; its Down is not
    expect(buttons[3]).toBe(Button.Up); // carried once only
    expect(q.depth).toBe(2);
    expect(q.skipped).toBe(3);
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
