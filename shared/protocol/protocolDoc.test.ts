/**
 * PROTOCOL.md's examples, checked against the codec: the hex dumps of §10 are
 * read from the document itself (the fenced block after each
 * `<!-- hex:… -->` marker) and must be exactly the codec's bytes and decode to
 * the values the document annotates; the byte counts it quotes (§5.3, §7) are
 * what the encoder produces. If this fails, fix the document (or the codec) —
 * not the test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arena } from '../game/arena/arena';
import { ArenaButton } from '../game/arena/constants';
import { BitWriter } from './bitStream';
import { CloseCode, Opcode } from './constants';
import { dequantize } from './entitySchema';
import { decodeClientFrame, decodeServerFrame, encodeClientMessage, encodeInputAck, encodeServerMessage } from './frameCodec';
import { GameCodec } from './gameCodec';
import { decodeInputMessage, encodeInputMessage, MAX_FRAMES_PER_INPUT, type InputMessageHeader } from './inputCodec';
import { InputUplink } from './inputUplink';
import { MAX_MINIMAP_DENSITY, MAX_MINIMAP_SIDE, MAX_STANDINGS_ENTRIES } from './messages';
import { applyDelta } from './snapshotDelta';
import { encodeSnapshotFrame } from './snapshotFrame';

const doc = readFileSync(new URL('../../PROTOCOL.md', import.meta.url), 'utf8');
const game = new GameCodec(arena);
const layout = game.layout;
const playerFields = layout.fields(1)!;

/** The bytes of the fenced block that follows `<!-- hex:name -->` in PROTOCOL.md. */
function docHex(name: string): Uint8Array {
  const m = new RegExp(`<!-- hex:${name} -->\\s*\`\`\`\\n([^\`]*)\`\`\``).exec(doc);
  if (!m) throw new Error(`PROTOCOL.md has no hex block "${name}"`);
  return Uint8Array.from(m[1].trim().split(/\s+/).map((h) => parseInt(h, 16)));
}

const fromHex = (hex: string): Uint8Array => Uint8Array.from(hex.trim().split(/\s+/).map((h) => parseInt(h, 16)));

describe('PROTOCOL.md §10 worked hex dumps (read from the document)', () => {
  it('§10.1 Input: 6 bytes, frames 24–25 against the acknowledged frame 23', () => {
    const bytes = docHex('input');
    expect(doc).toContain('### 10.1 Input (6 bytes)');
    const { Down, Right, Fire } = ArenaButton;
    // The client as the document describes it: frames 1–25 sent, seq 23 acknowledged, snapshot of tick 26 applied, view tick 20.
    const up = new InputUplink(game.input, 2, 2);
    for (let seq = 1; seq <= 23; seq++) up.push([Down | Right, 128]);
    up.push([Down | Right | Fire, 130]);
    up.push([Down | Right | Fire, 132]);
    up.acknowledge(23);
    expect(up.message(26, 20)).toEqual(bytes);
    expect(encodeInputMessage(new BitWriter(), game.input, 25, [0x1a, 130, 0x1a, 132], 2, [0x0a, 128], 13, 6)).toEqual(bytes);

    // The server's side: the frame passes through the frame decoder, then the Input decoder restores both frames.
    expect(decodeClientFrame(bytes)).toEqual({ op: Opcode.Input, bytes });
    const header: InputMessageHeader = { seq: 0, count: 0, zeroBase: false, ackLow: -1, viewLag: 0 };
    const out = new Int32Array(MAX_FRAMES_PER_INPUT * 2);
    expect(decodeInputMessage(bytes, game.input, 22, (seq) => (seq === 23 ? [0x0a, 128] : null), header, out)).toBeNull();
    expect(header).toEqual({ seq: 25, count: 2, zeroBase: false, ackLow: 13, viewLag: 6 });
    expect(Array.from(out.subarray(0, 4))).toEqual([0x1a, 130, 0x1a, 132]);
    // "Had frame 25 turned to 133 instead … 6 bits instead of 1, and the message would be 7 bytes."
    const alt = encodeInputMessage(new BitWriter(), game.input, 25, [0x1a, 130, 0x1a, 133], 2, [0x0a, 128], 13, 6);
    expect(alt.length).toBe(7);
    expect(doc).toContain('the message would be 7 bytes');
  });

  it('§8.8 InputAck: seq 299 in 3 bytes', () => {
    const bytes = docHex('input-ack');
    expect(encodeInputAck(299)).toEqual(bytes);
    expect(decodeServerFrame(bytes, null)).toEqual({ op: Opcode.InputAck, body: { seq: 299 } });
    expect(doc).toContain('InputAck for seq 299 (`0xab 0x02` = 43 + 2 × 128): 3 bytes');
  });

  it('§10.2 full snapshot: player 1 at (1285, 553) px with 100 health, 11 player fields', () => {
    const bytes = docHex('full-snapshot');
    expect(doc).toContain(`### 10.2 Snapshot, full (${bytes.length} bytes)`);
    const delta = { tick: 2, baseTick: 0, removed: [], created: [{ id: 1, kind: 1, values: [10280, 4424, 0, 0, 0, 0, 0, 100, 0, 0, 0] }], changed: [] };
    expect(decodeServerFrame(bytes, game)).toEqual({ op: Opcode.Snapshot, body: { ackSeq: 0, delta } });
    expect(encodeSnapshotFrame(delta, 0)).toEqual(bytes);
    expect(dequantize(playerFields[0], 10280)).toBe(1285);
    expect(dequantize(playerFields[1], 4424)).toBe(553);
  });

  it('§10.3 delta snapshot: x and y +52 (6.5 px) against tick 38, and a projectile created with its 7 fields', () => {
    const bytes = docHex('delta-snapshot');
    expect(doc).toContain(`### 10.3 Snapshot, delta (${bytes.length} bytes)`);
    const delta = {
      tick: 40,
      baseTick: 38,
      removed: [],
      created: [{ id: 256, kind: 2, values: [10400, 4600, 124, 124, 1, 39, 20] }],
      changed: [{ id: 1, mask: 0b11, deltas: [52, 52] }],
    };
    expect(decodeServerFrame(bytes, game)).toEqual({ op: Opcode.Snapshot, body: { ackSeq: 38, delta } });
    expect(encodeSnapshotFrame(delta, 38)).toEqual(bytes);
    expect(dequantize(playerFields[0], 52)).toBe(6.5);
    const projectile = layout.fields(2)!;
    expect(projectile.map((f) => f.name)).toEqual(['x', 'y', 'vx', 'vy', 'owner', 'bornTick', 'lagTicks']);
    expect([dequantize(projectile[0], 10400), dequantize(projectile[1], 4600), dequantize(projectile[2], 124)]).toEqual([1300, 575, 496]);
  });

  it('the full and delta dumps chain: a table at tick 38 plus the delta gives tick 40', () => {
    const full = decodeServerFrame(docHex('full-snapshot'), game);
    if (!('op' in full) || full.op !== Opcode.Snapshot) throw new Error('not a snapshot');
    const at38 = applyDelta(null, { ...full.body.delta, tick: 38 }, layout);
    const delta = decodeServerFrame(docHex('delta-snapshot'), game);
    if (!('op' in delta) || delta.op !== Opcode.Snapshot) throw new Error('not a snapshot');
    const at40 = applyDelta(at38, delta.body.delta, layout);
    expect(at40.tick).toBe(40);
    expect(at40.toRows()[0].values.slice(0, 2)).toEqual([10332, 4476]);
    expect(at40.toRows()[1]).toEqual({ id: 256, kind: 2, values: [10400, 4600, 124, 124, 1, 39, 20, 0, 0, 0, 0] });
  });

  it('§11.4 quotes the arena descriptor\'s hash', () => {
    expect(doc).toContain(`hashes to \`${game.hash}\``);
  });
});

describe('PROTOCOL.md spectators (issue 15)', () => {
  it('§7.6 Ack: the dump is the codec\'s bytes and decodes to the annotated body', () => {
    const bytes = docHex('ack');
    expect(doc).toContain(`Example, \`{k: 40, f: 1, x: 812, y: -35}\` (${bytes.length} bytes)`);
    expect(encodeClientMessage({ op: Opcode.Ack, body: { k: 40, f: 1, x: 812, y: -35 } })).toEqual(bytes);
    expect(decodeClientFrame(bytes)).toEqual({ op: Opcode.Ack, body: { k: 40, f: 1, x: 812, y: -35 } });
  });

  it('lists the spectator opcodes and close codes with their numbers', () => {
    expect(doc).toMatch(/\| `0x07` \| client → server \| Ack/);
    expect(doc).toMatch(/\| `0x8b` \| server → client \| Watching/);
    for (const [name, code] of [['NotAPlayer', CloseCode.NotAPlayer], ['SpectatorsFull', CloseCode.SpectatorsFull], ['NotWatchable', CloseCode.NotWatchable]] as const) {
      expect(doc).toMatch(new RegExp(`\\| \`${code}\` \\| ${name} `));
    }
    expect(doc).toContain('## 17. Spectators');
    expect(doc).toContain('| `watch`  | `true`');
  });
});

describe('PROTOCOL.md byte counts', () => {
  it('§5.3 the Input size table', () => {
    const table = /<!-- input-sizes -->\n((?:\|.*\n)+)/.exec(doc);
    if (!table) throw new Error('no input-sizes table');
    const sizes = table[1]
      .split('\n')
      .slice(2)
      .filter((l) => l.startsWith('|'))
      .map((l) => Number(l.split('|')[2].trim()));
    const w = new BitWriter();
    const c = game.input;
    const steady = Array.from({ length: 8 }, () => [10, 128]).flat();
    const changing = Array.from({ length: MAX_FRAMES_PER_INPUT }, (_, i) => (i % 2 ? [31, 0] : [0, 512])).flat();
    expect(sizes).toEqual([
      encodeInputMessage(w, c, 1, [0, 0], 1, null, -1, 0).length,
      encodeInputMessage(w, c, 10_000, [10, 128, 10, 128], 2, [10, 128], 5000, 6).length,
      encodeInputMessage(w, c, 10_000, [10, 130, 10, 132], 2, [10, 128], 5000, 6).length,
      encodeInputMessage(w, c, 10_000, [26, 300, 10, 310], 2, [10, 128], 5000, 6).length,
      encodeInputMessage(w, c, 10_000, steady, 8, [10, 128], 5000, 6).length,
      encodeInputMessage(w, c, 10_000, changing, MAX_FRAMES_PER_INPUT, null, 5000, 6).length,
    ]);
  });

  it('§7.1 Join {"name":"Ada"} is 11 bytes; §7.4 Leave is 04 80', () => {
    expect([...encodeClientMessage({ op: Opcode.Join, body: { name: 'Ada' } })]).toEqual([...fromHex('01 81 a4 6e 61 6d 65 a3 41 64 61')]);
    expect([...encodeClientMessage({ op: Opcode.Leave, body: {} })]).toEqual([0x04, 0x80]);
  });

  it('§5.2 the 6-byte array32 frame from the text is refused', () => {
    expect(decodeClientFrame(fromHex('01 dd ff ff ff ff'))).toMatchObject({ closeCode: 4000 });
  });

  it('§3.2 names the subprotocol this build speaks', () => {
    expect(doc).toContain('The server supports exactly `tickwire.v2`');
  });
});

describe('PROTOCOL.md §8.9–8.11 standings (big worlds)', () => {
  it('lists the standings opcodes in §5.1 and gives each its section', () => {
    for (const [name, op, section] of [['Leaderboard', Opcode.Leaderboard, '8.9'], ['Minimap', Opcode.Minimap, '8.10'], ['Rank', Opcode.Rank, '8.11']] as const) {
      const hex = `0x${op.toString(16)}`;
      expect(doc).toMatch(new RegExp(`\\| \`${hex}\` \\| server → client \\| ${name}\\s+\\|.*§${section.replace('.', '\\.')}\\s+\\|`));
      expect(doc).toContain(`### ${section} ${name} \`${hex}\``);
    }
  });

  it('a Rank frame is 8–14 bytes and the documented limits are the schema limits', () => {
    const small = encodeServerMessage({ op: Opcode.Rank, body: { r: 1, s: 0 } });
    const big = encodeServerMessage({ op: Opcode.Rank, body: { r: 65535, s: 2 ** 31 - 1 } });
    expect([small.length, big.length]).toEqual([8, 14]); // opcode, map of 2, keys r and s, the values
    expect(doc).toContain('Rank frame is 8–14 bytes');
    expect(doc).toContain('array ≤ 10 of `[id, value]`');
    expect(MAX_STANDINGS_ENTRIES).toBe(10);
    expect(doc).toContain('int 1 … 32');
    expect(MAX_MINIMAP_SIDE).toBe(32);
    expect(MAX_MINIMAP_DENSITY).toBe(15);
  });
});
