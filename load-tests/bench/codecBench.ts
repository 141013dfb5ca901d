/**
 * Snapshot codecs side by side on the same 100-entity arena state: bytes and
 * encodes/s for a full state and for the next snapshot with 10 % of entities
 * moving. tickwire = shared/protocol diffTables + writeSnapshotFrame; JSON and
 * msgpackr send whole objects (full) or changed fields (delta); Colyseus =
 * @colyseus/schema 5 Encoder (encodeAll / encode after mutating).
 * "Bytes per moving entity" subtracts the same codec's no-change frame.
 */
import { Encoder } from '@colyseus/schema';
import { Packr } from 'msgpackr';
import { arenaSchema } from '../../shared/game/arena/schema';
import { ByteWriter, diffTables, EntityLayout, writeSnapshotFrame, type EntityTable } from '../../shared/protocol';
import { SnapshotDeltaWriter } from '../../shared/protocol/snapshotDeltaWriter';
import { newArenaRoomState } from './colyseus/entityState';
import { mirrorTable } from './colyseus/tableMirror';
import { buildCodecWorld, changedObjects, tableToObjects } from './codecWorld';

export interface CodecRow {
  codec: string;
  fullBytes: number;
  fullBytesPerEntity: number;
  fullEncodesPerSec: number;
  deltaBytes: number;
  bytesPerMovingEntity: number;
  deltaEncodesPerSec: number;
}

/** Encodes per second of `fn`, run for about `ms`. */
function rate(ms: number, fn: () => void): number {
  for (let i = 0; i < 200; i++) fn(); // warm up the JIT
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

export function runCodecBench(msPerCase: number): CodecRow[] {
  const { base, next, movingIds } = buildCodecWorld();
  const moving = movingIds.length;
  const n = base.count;
  const rows: CodecRow[] = [];
  const schema = new EntityLayout(arenaSchema);

  // tickwire: the bytes the server sends (diff + frame into a reused writer).
  const w = new ByteWriter(4096);
  const frameBytes = (b: EntityTable | null, t: EntityTable) => {
    w.reset();
    writeSnapshotFrame(w, diffTables(b, t, schema), 12345);
    return w.length;
  };
  const unchanged = base.clone();
  unchanged.tick = next.tick;
  const emptyDelta = frameBytes(base, unchanged);
  const twDelta = frameBytes(base, next);
  rows.push({
    codec: 'tickwire delta (diffTables + writeSnapshotFrame)',
    fullBytes: frameBytes(null, next),
    fullBytesPerEntity: frameBytes(null, next) / n,
    fullEncodesPerSec: rate(msPerCase, () => frameBytes(null, next)),
    deltaBytes: twDelta,
    bytesPerMovingEntity: (twDelta - emptyDelta) / moving,
    deltaEncodesPerSec: rate(msPerCase, () => frameBytes(base, next)),
  });

  // The server's encoder (same bytes, no intermediate delta object).
  const writer = new SnapshotDeltaWriter(schema);
  const serverBytes = (b: EntityTable | null, t: EntityTable) => {
    w.reset();
    writer.write(w, b, t);
    return w.length;
  };
  rows.push({
    codec: 'tickwire server path (SnapshotDeltaWriter)',
    fullBytes: serverBytes(null, next),
    fullBytesPerEntity: serverBytes(null, next) / n,
    fullEncodesPerSec: rate(msPerCase, () => serverBytes(null, next)),
    deltaBytes: serverBytes(base, next),
    bytesPerMovingEntity: (serverBytes(base, next) - serverBytes(base, unchanged)) / moving,
    deltaEncodesPerSec: rate(msPerCase, () => serverBytes(base, next)),
  });

  const enc = new TextEncoder();
  const jsonBytes = (v: unknown) => enc.encode(JSON.stringify(v)).length;
  const jsonFull = jsonBytes(tableToObjects(next));
  const jsonDelta = jsonBytes(changedObjects(base, next));
  rows.push({
    codec: 'JSON (full objects / changed fields)',
    fullBytes: jsonFull,
    fullBytesPerEntity: jsonFull / n,
    fullEncodesPerSec: rate(msPerCase, () => enc.encode(JSON.stringify(tableToObjects(next)))),
    deltaBytes: jsonDelta,
    bytesPerMovingEntity: (jsonDelta - jsonBytes([])) / moving,
    deltaEncodesPerSec: rate(msPerCase, () => enc.encode(JSON.stringify(changedObjects(base, next)))),
  });

  const packr = new Packr({ useRecords: false });
  const mpFull = packr.pack(tableToObjects(next)).length;
  const mpDelta = packr.pack(changedObjects(base, next)).length;
  rows.push({
    codec: 'msgpackr (full objects / changed fields)',
    fullBytes: mpFull,
    fullBytesPerEntity: mpFull / n,
    fullEncodesPerSec: rate(msPerCase, () => packr.pack(tableToObjects(next))),
    deltaBytes: mpDelta,
    bytesPerMovingEntity: (mpDelta - packr.pack([]).length) / moving,
    deltaEncodesPerSec: rate(msPerCase, () => packr.pack(changedObjects(base, next))),
  });

  // Colyseus: full = encodeAll of the next state; delta = mutate the moving entities, encode, discard.
  const state = newArenaRoomState();
  mirrorTable(next, state);
  const encoder = new Encoder(state);
  encoder.discardChanges();
  const csFull = encoder.encodeAll().length;
  let flip = 1;
  const mutate = () => {
    flip = -flip;
    for (const id of movingIds) {
      const e = state.entities.get(String(id))!;
      e.x += flip * 37;
      e.y += flip * 37;
    }
  };
  mutate();
  const csDelta = encoder.encode().length;
  encoder.discardChanges();
  const csEmpty = encoder.encode().length;
  encoder.discardChanges();
  rows.push({
    codec: '@colyseus/schema 5 Encoder',
    fullBytes: csFull,
    fullBytesPerEntity: csFull / n,
    fullEncodesPerSec: rate(msPerCase, () => encoder.encodeAll()),
    deltaBytes: csDelta,
    bytesPerMovingEntity: (csDelta - csEmpty) / moving,
    deltaEncodesPerSec: rate(msPerCase, () => {
      mutate();
      encoder.encode();
      encoder.discardChanges();
    }),
  });
  return rows;
}
