/**
 * The server's snapshot encoder: writes the Snapshot frame for `base → next`
 * straight from the two tables, with no intermediate SnapshotDelta object and
 * no allocation once its scratch buffers have grown. Same bytes as
 * writeSnapshotFrame(w, diffTables(base, next)) — property-tested — which
 * remains the readable reference.
 */
import { ByteWriter } from './bytes';
import { Opcode } from './constants';
import { fieldDelta, type EntityLayout } from './entitySchema';
import type { EntityTable } from './entityTable';

export class SnapshotDeltaWriter {
  private readonly removed = new ByteWriter(256);
  private readonly created = new ByteWriter(1024);
  private readonly changed = new ByteWriter(1024);

  constructor(private readonly layout: EntityLayout) {}

  /** Append the frame (ackSeq 0) for `base` (null = full snapshot) → `next` to `w`. */
  write(w: ByteWriter, base: EntityTable | null, next: EntityTable): void {
    const f = this.layout.stride;
    const layout = this.layout;
    const removed = this.removed.reset();
    const created = this.created.reset();
    const changed = this.changed.reset();
    let nRemoved = 0;
    let nCreated = 0;
    let nChanged = 0;
    let prevRemoved = 0;
    let prevCreated = 0;
    let prevChanged = 0;
    const baseCount = base ? base.count : 0;
    let i = 0;
    let j = 0;
    while (i < baseCount || j < next.count) {
      const bid = i < baseCount ? base!.ids[i] : Infinity;
      const nid = j < next.count ? next.ids[j] : Infinity;
      if (bid < nid) {
        removed.varuint(bid - prevRemoved);
        prevRemoved = bid;
        nRemoved++;
        i++;
        continue;
      }
      if (nid < bid || base!.kinds[i] !== next.kinds[j]) {
        created.varuint(nid - prevCreated).u8(next.kinds[j]);
        prevCreated = nid;
        nCreated++;
        const no = j * f;
        const n = layout.fieldCount(next.kinds[j]);
        for (let k = 0; k < n; k++) created.varint(next.values[no + k]);
        if (nid === bid) i++;
        j++;
        continue;
      }
      // Same id and kind: the changed fields only.
      const bo = i * f;
      const no = j * f;
      const fields = layout.fields(next.kinds[j])!;
      const n = fields.length;
      let mask = 0;
      for (let k = 0; k < n; k++) if (base!.values[bo + k] !== next.values[no + k]) mask |= 1 << k;
      if (mask !== 0) {
        changed.varuint(nid - prevChanged).varuint(mask);
        prevChanged = nid;
        nChanged++;
        for (let k = 0; k < n; k++) {
          if (mask & (1 << k)) changed.varint(fieldDelta(fields[k], base!.values[bo + k], next.values[no + k]));
        }
      }
      i++;
      j++;
    }
    w.u8(Opcode.Snapshot).u32(0).varuint(next.tick).varuint(base ? base.tick : 0);
    w.varuint(nRemoved).bytes(removed.written());
    w.varuint(nCreated).bytes(created.written());
    w.varuint(nChanged).bytes(changed.written());
  }
}
