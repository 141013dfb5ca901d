import { describe, expect, it } from 'vitest';
import { arena } from '../game/arena';
import { cells } from '../game/cells';
import { stateHash, StateHashError } from './stateHash';

describe('stateHash', () => {
  it('is stable across key order and equal states, and 16 hex digits', () => {
    expect(stateHash({ a: 1, b: [2, 3] })).toBe(stateHash({ b: [2, 3], a: 1 }));
    expect(stateHash({ a: 1 })).toMatch(/^[0-9a-f]{16}$/);
    expect(stateHash(arena.createState(5, { tickRate: 60 }))).toBe(stateHash(arena.createState(5, { tickRate: 60 })));
    expect(stateHash(cells.createState(5, { tickRate: 60 }))).toBe(stateHash(cells.createState(5, { tickRate: 60 })));
  });

  it('tells apart what differs: a value, a bit of a float, a type, a typed array byte, a Map entry', () => {
    const distinct = [
      { a: 1 }, { a: 1.0000000000000002 }, { a: '1' }, { a: [1] }, { a: true }, { a: null }, { a: undefined }, { b: 1 },
      { a: new Uint8Array([1]) }, { a: new Int8Array([1]) }, { a: new Map([[1, 2]]) }, { a: new Set([1]) }, { a: 0 }, { a: -0 }, {},
    ];
    const hashes = distinct.map(stateHash);
    expect(new Set(hashes).size).toBe(distinct.length);
    const s = cells.createState(5, { tickRate: 60 });
    const before = stateHash(s);
    s.pellets.x[3] += 0.125;
    expect(stateHash(s)).not.toBe(before);
    expect(stateHash(arena.createState(5, { tickRate: 60 }))).not.toBe(stateHash(arena.createState(6, { tickRate: 60 })));
  });

  it('walks class instances by their fields and skips functions', () => {
    class P {
      x = 1;
      move(): void {}
    }
    expect(stateHash(new P())).toBe(stateHash({ x: 1 }));
  });

  it('refuses cycles and absurd nesting with a typed error', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => stateHash(a)).toThrow(StateHashError);
    let deep: unknown = 0;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(() => stateHash(deep)).toThrow(/deeper than 64/);
    // A shared (non-cyclic) reference is fine.
    const shared = { v: 1 };
    expect(() => stateHash({ a: shared, b: shared })).not.toThrow();
  });
});
