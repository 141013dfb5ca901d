/**
 * Hostile tickwire frames from a seed: random bytes, valid messages with
 * random field values (Input in the compact encoding of the fuzzed game's
 * input schema: random seq, frame count, base, ack and frame values), arbitrary
 * msgpack bodies under client opcodes, and mutations of valid frames (bit
 * flips, interesting bytes, truncation, insertion, splicing, padding past the
 * size limit). Same seed → same frames.
 */
import { Packr } from 'msgpackr';
import { createRng, nextRandom } from '../../../shared/engine/prng';
import { BitWriter } from '../../../shared/protocol/bitStream';
import { JOIN_CODE_ALPHABET, Limits, Opcode } from '../../../shared/protocol/constants';
import { encodeClientMessage } from '../../../shared/protocol/frameCodec';
import { encodeInputMessage, MAX_FRAMES_PER_INPUT, MAX_VIEW_LAG, type InputCoder } from '../../../shared/protocol/inputCodec';

/** Bytes that sit on msgpack type boundaries or mean trouble (ext, bin, 0xc1, 32-bit lengths). */
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc7, 0xca, 0xcb, 0xcf, 0xd3, 0xd4, 0xd9, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xe0, 0xff];
const CLIENT_OPS = [Opcode.Join, Opcode.Input, Opcode.Ping, Opcode.Leave, Opcode.Chat];
const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const packr = new Packr({ useRecords: false, structuredClone: false, moreTypes: false } as ConstructorParameters<typeof Packr>[0]);

export class FrameMutator {
  private readonly state: { rng: number };
  private readonly seeds: Uint8Array[];

  private readonly writer = new BitWriter();

  /** `coder`: the input coder of the game the fuzzed server hosts. */
  constructor(
    readonly seed: number,
    private readonly coder: InputCoder,
  ) {
    this.state = createRng(seed);
    this.seeds = Array.from({ length: 24 }, () => this.validFrame());
  }

  /** A float in [0, 1). */
  random(): number {
    return nextRandom(this.state);
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }

  /** One hostile frame. */
  next(): Uint8Array {
    const r = this.random();
    if (r < 0.1) return this.randomBytes();
    if (r < 0.2) return this.validFrame();
    if (r < 0.3) return this.arbitraryBody();
    return this.mutate(this.random() < 0.8 ? this.pick(this.seeds) : this.validFrame());
  }

  /** A well-formed client frame with random values (an Input may still name a base the server lacks). */
  validFrame(): Uint8Array {
    switch (this.pick(CLIENT_OPS)) {
      case Opcode.Join: {
        const body: { name: string; room?: string; code?: string; resume?: string } = { name: this.text(1, Limits.maxNameLength) };
        const t = this.int(4);
        if (t === 1) body.room = this.chars('0123456789abcdefghijklmnopqrstuvwxyz', 1 + this.int(16));
        if (t === 2) body.code = this.chars(JOIN_CODE_ALPHABET, Limits.joinCodeLength);
        if (this.int(3) === 0) body.resume = this.chars(TOKEN_CHARS, Limits.resumeTokenLength);
        return encodeClientMessage({ op: Opcode.Join, body });
      }
      case Opcode.Input:
        return this.inputFrame();
      case Opcode.Ping:
        return encodeClientMessage({ op: Opcode.Ping, body: { t: this.pick([0, -1, 1e300, this.random() * 1e6, Number.MAX_SAFE_INTEGER]) } });
      case Opcode.Leave:
        return encodeClientMessage({ op: Opcode.Leave, body: {} });
      default:
        return encodeClientMessage({ op: Opcode.Chat, body: { text: this.text(1, Limits.maxChatLength) } });
    }
  }

  /** A compact Input: random seq, 1..32 frames of in-range values, zero base mostly, random ack and view lag. */
  private inputFrame(): Uint8Array {
    const c = this.coder;
    const count = 1 + this.int(MAX_FRAMES_PER_INPUT);
    const frames = new Int32Array(count * c.fieldCount);
    const hold = this.int(3) === 0; // runs of equal frames exercise the "same" bit
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < c.fieldCount; k++) {
        frames[i * c.fieldCount + k] = hold && i > 0 ? frames[(i - 1) * c.fieldCount + k] : c.mins[k] + this.int(c.maxs[k] - c.mins[k] + 1);
      }
    }
    const base = this.int(4) === 0 ? frames.slice(0, c.fieldCount) : null;
    return encodeInputMessage(this.writer, c, 1 + this.int(512), frames, count, base, this.int(3) === 0 ? 0 : 1 + this.int(200), this.int(MAX_VIEW_LAG + 1));
  }

  private mutate(frame: Uint8Array): Uint8Array {
    let out: Uint8Array = Uint8Array.from(frame);
    const rounds = 1 + this.int(3);
    for (let i = 0; i < rounds; i++) {
      switch (this.int(8)) {
        case 0: // flip one bit
          if (out.length > 0) out[this.int(out.length)] ^= 1 << this.int(8);
          break;
        case 1: // an interesting byte
          if (out.length > 0) out[this.int(out.length)] = this.pick(INTERESTING);
          break;
        case 2: // truncate
          out = out.subarray(0, this.int(out.length + 1));
          break;
        case 3: { // insert random bytes
          const at = this.int(out.length + 1);
          const ins = Uint8Array.from({ length: 1 + this.int(6) }, () => (this.int(2) === 0 ? this.pick(INTERESTING) : this.int(256)));
          out = concat(out.subarray(0, at), ins, out.subarray(at));
          break;
        }
        case 4: { // splice the tail of another frame on
          const other = this.pick(this.seeds);
          out = concat(out.subarray(0, this.int(out.length + 1)), other.subarray(this.int(other.length)));
          break;
        }
        case 5: // change the opcode
          if (out.length > 0) out[0] = this.int(2) === 0 ? this.pick(CLIENT_OPS) : this.int(256);
          break;
        case 6: { // duplicate a slice (repeated keys, longer arrays)
          const a = this.int(out.length + 1);
          const b = a + this.int(out.length - a + 1);
          out = concat(out.subarray(0, b), out.subarray(a, b), out.subarray(b));
          break;
        }
        default: // rarely, pad past the size limit
          if (this.int(20) === 0) out = concat(out, new Uint8Array(Limits.maxClientFrameBytes + this.int(4000)));
          else if (out.length > 1) out[1 + this.int(out.length - 1)] = this.int(256);
      }
    }
    return Uint8Array.from(out);
  }

  private randomBytes(): Uint8Array {
    const n = this.int(4) === 0 ? this.int(300) : this.int(24);
    const out = Uint8Array.from({ length: n }, () => this.int(256));
    if (n > 0 && this.int(3) > 0) out[0] = this.pick(CLIENT_OPS);
    return out;
  }

  /** An arbitrary msgpack value under a client opcode (mostly schema failures). */
  private arbitraryBody(): Uint8Array {
    const body = packr.pack(this.value(3));
    const out = new Uint8Array(body.length + 1);
    out[0] = this.pick(CLIENT_OPS);
    out.set(body, 1);
    return out;
  }

  private value(depth: number): unknown {
    switch (this.int(depth > 0 ? 9 : 6)) {
      case 0:
        return this.pick([0, -1, 1, 255, 65535, 65536, 2 ** 32, -(2 ** 31), 2 ** 53, 0.5, -0.0]);
      case 1:
        return this.text(0, 40);
      case 2:
        return this.pick([true, false, null]);
      case 3:
        return this.random() * 2 ** 40 - 2 ** 39;
      case 4:
        return this.pick(['name', 't', 'text', 'room', 'code', 'resume', '__proto__', 'constructor']);
      case 5:
        return this.pick([Infinity, -Infinity, NaN]);
      case 6:
      case 7:
        return Array.from({ length: this.int(6) }, () => this.value(depth - 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = this.int(4); i > 0; i--) o[String(this.value(0))] = this.value(depth - 1);
        return o;
      }
    }
  }

  private text(min: number, max: number): string {
    const n = min + this.int(max - min + 1);
    let s = '';
    for (let i = 0; i < n; i++) {
      const r = this.int(10);
      s += r < 7 ? String.fromCharCode(0x20 + this.int(95)) : r < 8 ? this.pick(['é', '⚓', '😀', '\u0000', '\u009f', '\ud800', '\n']) : String.fromCharCode(this.int(0x3000));
    }
    return s;
  }

  private chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
