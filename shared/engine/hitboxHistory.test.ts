import { describe, expect, it } from 'vitest';
import { HitboxHistory, segmentsTouch, type Hitbox } from './hitboxHistory';

const scratch = (): Hitbox => ({ id: 0, x: 0, y: 0, radius: 0, alive: false });

describe('HitboxHistory', () => {
  it('returns each entity where it was at a past tick', () => {
    const h = new HitboxHistory(8);
    for (let t = 1; t <= 5; t++) {
      h.begin(t);
      h.record(1, t * 10, 0, 16, true);
      h.record(2, 0, t * 20, 16, t !== 3);
    }
    const out = scratch();
    expect(h.positionAt(1, 2, out)).toBe(true);
    expect(out).toEqual({ id: 1, x: 20, y: 0, radius: 16, alive: true });
    expect(h.positionAt(2, 3, out)).toBe(true);
    expect(out).toEqual({ id: 2, x: 0, y: 60, radius: 16, alive: false });
    expect(h.positionAt(3, 3, out)).toBe(false);
    expect(h.positionAt(1, 6, out)).toBe(false);
  });

  it('forgets ticks older than its capacity', () => {
    const h = new HitboxHistory(4);
    for (let t = 0; t < 10; t++) {
      h.begin(t);
      h.record(7, t, t, 1, true);
    }
    const out = scratch();
    expect(h.positionAt(7, 5, out)).toBe(false);
    for (let t = 6; t < 10; t++) {
      expect(h.positionAt(7, t, out)).toBe(true);
      expect(out.x).toBe(t);
    }
    expect(h.slotOf(-1)).toBe(-1);
  });

  it('iterates a slot and grows past its initial size without losing older ticks', () => {
    const h = new HitboxHistory(3, 2);
    h.begin(10);
    h.record(1, 1, 1, 1, true);
    h.begin(11);
    for (let id = 1; id <= 9; id++) h.record(id, id, -id, 2, id % 2 === 0);
    const out = scratch();
    expect(h.positionAt(1, 10, out)).toBe(true);
    expect(out.x).toBe(1);
    const slot = h.slotOf(11);
    expect(h.countIn(slot)).toBe(9);
    const seen: number[] = [];
    for (let i = 0; i < h.countIn(slot); i++) seen.push(h.read(slot, i, out).id);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(h.positionAt(8, 11, out)).toBe(true);
    expect(out).toEqual({ id: 8, x: 8, y: -8, radius: 2, alive: true });
    expect(h.countIn(-1)).toBe(0);
  });

  it('rejects records before begin and bad capacities', () => {
    expect(() => new HitboxHistory(0)).toThrow(RangeError);
    expect(() => new HitboxHistory(4).record(1, 0, 0, 1, true)).toThrow(/before begin/);
  });

  it('clear() forgets all ticks', () => {
    const h = new HitboxHistory(4);
    h.begin(1);
    h.record(1, 0, 0, 1, true);
    h.clear();
    expect(h.positionAt(1, 1, scratch())).toBe(false);
  });

  it('overlapIn finds alive overlapping records, skipping one id, and continues from an index', () => {
    const h = new HitboxHistory(4);
    h.begin(3);
    h.record(1, 0, 0, 10, true); // the shooter
    h.record(2, 12, 0, 10, false); // dead
    h.record(3, 14, 0, 10, true);
    h.record(4, 15, 0, 10, true);
    h.record(5, 100, 0, 10, true); // too far
    const slot = h.slotOf(3);
    const first = h.overlapIn(slot, 5, 0, 2, 1);
    expect(h.idAt(slot, first)).toBe(3);
    const second = h.overlapIn(slot, 5, 0, 2, 1, first + 1);
    expect(h.idAt(slot, second)).toBe(4);
    expect(h.overlapIn(slot, 5, 0, 2, 1, second + 1)).toBe(-1);
    expect(h.overlapIn(slot, 17, 0, 2, 1)).toBe(2); // id 3, 3 px away
    expect(h.overlapIn(slot, 0, 0, 0, 0)).toBe(0); // not excluded: the shooter itself
    expect(h.overlapIn(slot, 27, 0, 2, 0)).toBe(-1); // 13 px from id 3; exactly touching id 4 does not count
    expect(h.overlapIn(-1, 0, 0, 100, 0)).toBe(-1);
  });

  it('sweptOverlapIn finds a circle the segment passes between two ticks, with the target moving too', () => {
    const h = new HitboxHistory(4);
    h.begin(1);
    h.record(2, 100, 0, 16, true);
    h.record(3, 0, 50, 16, false); // dead at tick 1: respawned at tick 2
    h.begin(2);
    h.record(2, 100, 10, 16, true);
    h.record(3, 300, 0, 16, true);
    const prev = h.slotOf(1);
    const slot = h.slotOf(2);
    // A shot flying 70 → 130 along y = 30: at both ticks 20 px from the target's (moving) center, reach 20.
    expect(h.overlapIn(slot, 70, 30, 4, 0)).toBe(-1);
    expect(h.overlapIn(slot, 130, 30, 4, 0)).toBe(-1);
    // Mid-interval the target is at (100, 5) and the shot at (100, 30): 25 px apart, no touch ...
    expect(h.sweptOverlapIn(prev, slot, 70, 30, 130, 30, 4, 0)).toBe(-1);
    // ... along y = 24.9 they come within 19.6 px just after mid-interval (the point tests at both ends miss).
    expect(h.overlapIn(slot, 70, 24.9, 4, 0)).toBe(-1);
    expect(h.overlapIn(slot, 130, 24.9, 4, 0)).toBe(-1);
    expect(h.idAt(slot, h.sweptOverlapIn(prev, slot, 70, 24.9, 130, 24.9, 4, 0))).toBe(2);
    expect(h.sweptOverlapIn(prev, slot, 70, 24.9, 130, 24.9, 4, 2)).toBe(-1); // excluded
    // Id 3 was dead at tick 1: tested where it is at tick 2 against the whole segment, not swept from (0, 50).
    expect(h.sweptOverlapIn(prev, slot, 0, 40, 0, 60, 4, 0)).toBe(-1);
    expect(h.idAt(slot, h.sweptOverlapIn(prev, slot, 280, 10, 320, 10, 4, 0))).toBe(3);
    // No previous slot: every record is tested at its current position.
    expect(h.idAt(slot, h.sweptOverlapIn(-1, slot, 70, 24.9, 130, 24.9, 4, 0))).toBe(2);
    expect(h.sweptOverlapIn(prev, -1, 0, 0, 1000, 0, 100, 0)).toBe(-1);
  });

  it('segmentsTouch is the closest approach of a moving offset, endpoints and a zero-length segment included', () => {
    expect(segmentsTouch(-10, 5, 10, 5, 6)).toBe(true); // passes at 5
    expect(segmentsTouch(-10, 5, 10, 5, 5)).toBe(false); // exactly touching does not count
    expect(segmentsTouch(3, 0, 30, 0, 4)).toBe(true); // closest at the start
    expect(segmentsTouch(30, 0, 3, 0, 4)).toBe(true); // closest at the end
    expect(segmentsTouch(10, 0, 30, 0, 4)).toBe(false); // moving away, never within
    expect(segmentsTouch(2, 2, 2, 2, 3)).toBe(true);
    expect(segmentsTouch(3, 3, 3, 3, 3)).toBe(false);
  });
});
