/**
 * A deterministic 64-bit hash of a whole game state, for any game: replay
 * keyframes record it at tick T, and a re-simulation must reach the same value.
 * It walks what a state is made of, in a stable order:
 *
 *   number   its IEEE-754 bits (NaN canonical), so 0.1 + 0.2 ≠ 0.3 shows
 *   string   length + UTF-16 code units        boolean, null, undefined: a tag
 *   array    length + items (holes as undefined)
 *   typed array / DataView / ArrayBuffer: element type + byte length + raw bytes
 *            (little-endian, as every engine we run on stores them)
 *   Map, Set entries in insertion order (deterministic code inserts in a deterministic order)
 *   object   own enumerable keys SORTED, then each key and value (class instances
 *            too: their fields, not their methods)
 *   function, symbol: skipped
 *
 * Not cryptographic: murmur3-style mixing in two lanes, to catch divergence.
 * A cycle or a nesting deeper than MAX_DEPTH is a StateHashError, not a hang.
 *
 * @example
 *   const before = stateHash(machine.state); // '9b1f0c2a77d0e413'
 */

export class StateHashError extends Error {
  constructor(
    readonly code: 'cycle' | 'too-deep',
    message: string,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 64;

/** Type tags mixed in before each value, so [1] and {0: 1} differ. */
const Tag = {
  Undefined: 1,
  Null: 2,
  False: 3,
  True: 4,
  Number: 5,
  String: 6,
  BigInt: 7,
  Array: 8,
  View: 9,
  Buffer: 10,
  Map: 11,
  Set: 12,
  Object: 13,
  Skipped: 14,
} as const;

const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);

/**
 * Two 32-bit murmur3-style lanes; words alternate between them (half the
 * mixing per word of hashing both), finalized together. Typed arrays, the
 * bulk of a state, are hashed in an inlined loop.
 */
class Hasher {
  private h1 = 0x9368e53c;
  private h2 = 0x2b3f6d81;
  private words = 0;

  word(w: number): void {
    if ((this.words++ & 1) === 0) this.h1 = mix1(this.h1, w);
    else this.h2 = mix2(this.h2, w);
  }

  number(n: number): void {
    f64[0] = n !== n ? NaN : n; // one NaN bit pattern
    this.word(f64Words[0]);
    this.word(f64Words[1]);
  }

  string(s: string): void {
    this.word(s.length);
    let i = 0;
    for (; i + 1 < s.length; i += 2) this.word(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < s.length) this.word(s.charCodeAt(i));
  }

  bytes(view: ArrayBufferView | ArrayBuffer): void {
    const u8 = view instanceof ArrayBuffer ? new Uint8Array(view) : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    this.word(u8.length);
    let i = 0;
    if ((u8.byteOffset & 3) === 0) {
      const n = u8.length >>> 3 << 1; // whole pairs of words
      const w32 = new Int32Array(u8.buffer, u8.byteOffset, n);
      let a = this.h1;
      let b = this.h2;
      for (let k = 0; k < n; k += 2) {
        a = mix1(a, w32[k]);
        b = mix2(b, w32[k + 1]);
      }
      this.h1 = a;
      this.h2 = b;
      this.words += n;
      i = n << 2;
    }
    for (; i < u8.length; i++) this.word(u8[i]);
  }

  digest(): string {
    const a = fmix(this.h1 ^ this.words);
    const b = fmix(this.h2 ^ Math.imul(this.words, 0x9e3779b1));
    const x = fmix((a + b) | 0);
    const y = fmix((x + b) | 0);
    return (x >>> 0).toString(16).padStart(8, '0') + (y >>> 0).toString(16).padStart(8, '0');
  }
}

function mix1(h: number, w: number): number {
  let k = Math.imul(w, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function mix2(h: number, w: number): number {
  let k = Math.imul(w, 0x85ebca77);
  k = (k << 13) | (k >>> 19);
  h ^= Math.imul(k, 0xc2b2ae3d);
  h = (h << 17) | (h >>> 15);
  return (Math.imul(h, 9) + 0x27d4eb2f) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The 16-hex-digit hash of `state` (see the file comment for what it covers). */
export function stateHash(state: unknown): string {
  const h = new Hasher();
  walk(h, state, new Set<object>(), 0);
  return h.digest();
}

function walk(h: Hasher, v: unknown, path: Set<object>, depth: number): void {
  switch (typeof v) {
    case 'number':
      h.word(Tag.Number);
      return h.number(v);
    case 'string':
      h.word(Tag.String);
      return h.string(v);
    case 'boolean':
      return h.word(v ? Tag.True : Tag.False);
    case 'undefined':
      return h.word(Tag.Undefined);
    case 'bigint':
      h.word(Tag.BigInt);
      return h.string(v.toString(16));
    case 'function':
    case 'symbol':
      return h.word(Tag.Skipped);
  }
  if (v === null) return h.word(Tag.Null);
  const obj = v as object;
  if (ArrayBuffer.isView(obj)) {
    h.word(Tag.View);
    h.string(obj.constructor.name);
    return h.bytes(obj);
  }
  if (obj instanceof ArrayBuffer) {
    h.word(Tag.Buffer);
    return h.bytes(obj);
  }
  if (depth >= MAX_DEPTH) throw new StateHashError('too-deep', `stateHash: nesting deeper than ${MAX_DEPTH}`);
  if (path.has(obj)) throw new StateHashError('cycle', 'stateHash: the state contains a cycle');
  path.add(obj);
  walkContainer(h, obj, path, depth + 1);
  path.delete(obj);
}

function walkContainer(h: Hasher, obj: object, path: Set<object>, depth: number): void {
  if (Array.isArray(obj)) {
    h.word(Tag.Array);
    h.word(obj.length);
    for (let i = 0; i < obj.length; i++) walk(h, obj[i], path, depth);
  } else if (obj instanceof Map) {
    h.word(Tag.Map);
    h.word(obj.size);
    for (const [k, val] of obj) {
      walk(h, k, path, depth);
      walk(h, val, path, depth);
    }
  } else if (obj instanceof Set) {
    h.word(Tag.Set);
    h.word(obj.size);
    for (const k of obj) walk(h, k, path, depth);
  } else {
    const keys = Object.keys(obj).sort();
    h.word(Tag.Object);
    h.word(keys.length);
    for (const k of keys) {
      h.string(k);
      walk(h, (obj as Record<string, unknown>)[k], path, depth);
    }
  }
}
