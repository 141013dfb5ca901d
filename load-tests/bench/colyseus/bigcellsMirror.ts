/**
 * Copies the captured bigcells world (an EntityTable, ids ascending) into the
 * Colyseus state maps once per patch: creates entering entities, deletes gone
 * ones, assigns only the fields that changed (Colyseus records every
 * assignment, so equal values are skipped explicitly).
 *
 * Per patch rather than per step (the arena peer mirrors every step): Colyseus
 * sends only the latest value of a field per patch, so the bytes are the same
 * and the peer does half the mirroring work. Lookups by id go through arrays
 * and the map keys are cached, so the mirror allocates only for new entities:
 * the adapter should cost the peer as little as we can make it.
 */
import type { EntityTable } from '../../../shared/protocol/entityTable';
import { KIND_BINDINGS, type BigEntity, type BigcellsRoomStateInstance, type KindBinding } from './bigcellsState';

/** Entity ids are < 2^16 (cells: players 1..2047, pellets up to 65,535). */
const ID_SPACE = 1 << 16;

export class BigcellsMirror {
  private readonly entityById: (BigEntity | undefined)[] = new Array<BigEntity | undefined>(ID_SPACE).fill(undefined);
  /** The state entities by id (read-only for callers: what a StateView adds). */
  readonly entitiesById: readonly (BigEntity | undefined)[] = this.entityById;
  private readonly kindById = new Uint8Array(ID_SPACE);
  private readonly keys: string[] = new Array<string>(ID_SPACE);
  private liveIds = new Uint32Array(1024);
  private liveCount = 0;
  private nextIds = new Uint32Array(1024);

  constructor(private readonly state: BigcellsRoomStateInstance) {}

  /** The state entity with `id` (undefined when absent): the object a StateView adds. */
  entityOf(id: number): BigEntity | undefined {
    return this.entityById[id];
  }

  /** How many entities the state holds (the whole world). */
  get size(): number {
    return this.liveCount;
  }

  mirror(table: EntityTable): void {
    if (this.nextIds.length < table.count) this.nextIds = new Uint32Array(table.count * 2);
    const next = this.nextIds;
    const stride = table.fieldCount;
    const values = table.values;
    let p = 0;
    for (let row = 0; row < table.count; row++) {
      const id = table.ids[row];
      const kind = table.kinds[row];
      // Ids ascend in both lists: everything live before `id` that this table skipped is gone.
      while (p < this.liveCount && this.liveIds[p] < id) this.remove(this.liveIds[p++]);
      if (p < this.liveCount && this.liveIds[p] === id) p++;
      const binding = KIND_BINDINGS.get(kind);
      if (!binding) throw new Error(`bigcellsMirror: entity ${id} has unknown kind ${kind}`);
      let e = this.entityById[id];
      if (e !== undefined && this.kindById[id] !== kind) {
        this.remove(id);
        e = undefined;
      }
      if (e === undefined) this.create(id, kind, binding, values, row * stride);
      else assignChanged(e, binding.fieldNames, values, row * stride);
      next[row] = id;
    }
    while (p < this.liveCount) this.remove(this.liveIds[p++]);
    this.nextIds = this.liveIds;
    this.liveIds = next;
    this.liveCount = table.count;
  }

  private create(id: number, kind: number, binding: KindBinding, values: ArrayLike<number>, at: number): void {
    const e = binding.create();
    const names = binding.fieldNames;
    for (let k = 0; k < names.length; k++) e[names[k]] = values[at + k];
    this.state[binding.mapName].set(this.keyOf(id), e);
    this.entityById[id] = e;
    this.kindById[id] = kind;
  }

  private remove(id: number): void {
    const binding = KIND_BINDINGS.get(this.kindById[id]);
    if (binding && this.entityById[id] !== undefined) this.state[binding.mapName].delete(this.keyOf(id));
    this.entityById[id] = undefined;
    this.kindById[id] = 0;
  }

  private keyOf(id: number): string {
    return (this.keys[id] ??= String(id));
  }
}

function assignChanged(e: BigEntity, names: readonly string[], values: ArrayLike<number>, at: number): void {
  for (let k = 0; k < names.length; k++) {
    const v = values[at + k];
    if (e[names[k]] !== v) e[names[k]] = v;
  }
}
