import { describe, expect, it } from 'vitest';
import { Button } from '../../shared/protocol/constants';
import { InputQueue } from './inputQueue';

describe('InputQueue', () => {
  it('applies inputs one per tick in sequence order, whatever order they arrive in', () => {
    const q = new InputQueue();
    q.offer(2, Button.Down, 2, 0);
    q.offer(1, Button.Up, 1, 0);
    q.offer(1, Button.Left, 9, 0); // duplicate: the first copy wins
    expect(q.next().buttons).toBe(Button.Up);
    expect(q.lastAppliedSeq).toBe(1);
    expect(q.next().buttons).toBe(Button.Down);
    expect(q.lastAppliedSeq).toBe(2);
  });

  it('repeats the last input when none is due, without advancing the sequence', () => {
    const q = new InputQueue();
    q.offer(1, Button.Right, 100, 0);
    q.next();
    const repeated = q.next();
    expect(repeated.buttons).toBe(Button.Right);
    expect(repeated.aim).toBe(100);
    expect(q.lastAppliedSeq).toBe(1);
    q.offer(1, Button.Left, 0, 0); // stale now
    expect(q.next().buttons).toBe(Button.Right);
  });

  it('drains a standing backlog down to the target depth, keeping skipped Fire presses', () => {
    const q = new InputQueue(8, 2, 3);
    // A burst: five inputs arrive at once, then one per tick as usual.
    for (let s = 1; s <= 5; s++) q.offer(s, s === 3 ? Button.Fire : Button.Up, 0, 0);
    let seq = 5;
    const applied: number[] = [];
    for (let tick = 0; tick < 6; tick++) {
      const input = q.next();
      applied.push(q.lastAppliedSeq);
      if (tick === 2) expect(input.buttons & Button.Fire).toBe(Button.Fire); // skipped seq 3's shot carried over
      q.offer(++seq, Button.Up, 0, 0);
    }
    // Depth 4 (> 2) for three ticks → skip to keep 2 waiting; afterwards it stays at the target.
    expect(applied).toEqual([1, 2, 6, 7, 8, 9]);
    expect(q.depth).toBe(2);
    expect(q.skipped).toBe(3);
  });

  it('tolerates a short burst without skipping', () => {
    const q = new InputQueue(8, 2, 6);
    q.offer(1, 0, 0, 0);
    q.offer(2, 0, 0, 0);
    q.offer(3, 0, 0, 0);
    q.offer(4, 0, 0, 0);
    q.next(); // depth 3 after this
    q.next(); // no new arrivals: the burst drains by itself
    q.next();
    q.next();
    expect(q.lastAppliedSeq).toBe(4);
    expect(q.skipped).toBe(0);
  });

  it('skips an input lost for good once a later one is there', () => {
    const q = new InputQueue();
    q.offer(1, 0, 0, 0);
    q.next();
    q.offer(3, Button.Down, 0, 0);
    expect(q.next().buttons).toBe(Button.Down);
    expect(q.lastAppliedSeq).toBe(3);
  });

  it('never holds more than capacity future inputs', () => {
    const q = new InputQueue(8);
    q.offer(1, 0, 0, 0);
    q.offer(20, Button.Left, 0, 0);
    expect(q.depth).toBeLessThanOrEqual(8);
    expect(q.next().buttons).toBe(Button.Left);
    expect(q.lastAppliedSeq).toBe(20);
  });
});
