/**
 * A structural pre-check of untrusted msgpack bytes, run before msgpackr sees them.
 * msgpackr trusts declared lengths and decodes extension types (RegExp, Error,
 * Set, structured-clone references) whatever its options, so we walk the bytes
 * once, iteratively, and refuse:
 *   - extension, bin and the never-used 0xc1 type bytes,
 *   - declared lengths larger than the bytes that remain (never trust a length),
 *   - nesting deeper than `maxDepth`,
 *   - map keys that are not strings, and the key "__proto__",
 *   - trailing bytes after the single top-level value.
 * Returns null when the bytes are acceptable, otherwise the reason.
 */
export function checkMsgpack(bytes: Uint8Array, start: number, maxDepth: number): string | null {
  const end = bytes.length;
  let pos = start;
  // Items still to read at each open level; maps count keys and values separately.
  const pending: number[] = [1];
  const isMap: boolean[] = [false];

  while (pending.length > 0) {
    const top = pending.length - 1;
    if (pending[top] === 0) {
      pending.pop();
      isMap.pop();
      continue;
    }
    const keyExpected = isMap[top] && pending[top] % 2 === 0;
    pending[top]--;
    if (pos >= end) return 'truncated msgpack value';
    const type = bytes[pos++];

    let strLen = -1;
    let container = -1; // item count of a new array or map
    let containerIsMap = false;
    let skip = 0;

    if (type <= 0x7f || type >= 0xe0 || type === 0xc0 || type === 0xc2 || type === 0xc3) {
      skip = 0;
    } else if (type >= 0xa0 && type <= 0xbf) {
      strLen = type & 0x1f;
    } else if (type >= 0x90 && type <= 0x9f) {
      container = type & 0x0f;
    } else if (type >= 0x80 && type <= 0x8f) {
      container = type & 0x0f;
      containerIsMap = true;
    } else {
      switch (type) {
        case 0xca: skip = 4; break;
        case 0xcb: skip = 8; break;
        case 0xcc: case 0xd0: skip = 1; break;
        case 0xcd: case 0xd1: skip = 2; break;
        case 0xce: case 0xd2: skip = 4; break;
        case 0xcf: case 0xd3: skip = 8; break;
        case 0xd9: case 0xda: case 0xdb: {
          const n = type === 0xd9 ? 1 : type === 0xda ? 2 : 4;
          if (pos + n > end) return 'truncated string header';
          strLen = readUint(bytes, pos, n);
          pos += n;
          break;
        }
        case 0xdc: case 0xdd: case 0xde: case 0xdf: {
          const n = type === 0xdc || type === 0xde ? 2 : 4;
          if (pos + n > end) return 'truncated container header';
          container = readUint(bytes, pos, n);
          containerIsMap = type >= 0xde;
          pos += n;
          break;
        }
        default:
          return `msgpack type 0x${type.toString(16)} is not allowed`;
      }
    }

    if (keyExpected && strLen < 0) return 'map key is not a string';
    if (strLen >= 0) {
      if (strLen > end - pos) return 'string length exceeds frame';
      if (keyExpected && strLen === 9 && isProtoKey(bytes, pos)) return 'map key "__proto__" is not allowed';
      pos += strLen;
      continue;
    }
    if (container >= 0) {
      const items = containerIsMap ? container * 2 : container;
      // Every item takes at least one byte.
      if (items > end - pos) return 'container length exceeds frame';
      if (pending.length > maxDepth) return `nesting deeper than ${maxDepth}`;
      pending.push(items);
      isMap.push(containerIsMap);
      continue;
    }
    if (skip > end - pos) return 'truncated number';
    pos += skip;
  }
  return pos === end ? null : 'trailing bytes after msgpack value';
}

function readUint(bytes: Uint8Array, pos: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + bytes[pos + i];
  return v;
}

const PROTO = [0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x5f]; // "__proto__"
function isProtoKey(bytes: Uint8Array, pos: number): boolean {
  for (let i = 0; i < 9; i++) if (bytes[pos + i] !== PROTO[i]) return false;
  return true;
}
