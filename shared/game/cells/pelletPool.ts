/**
 * Every pellet (food and ejected mass) in flat typed arrays, indexed by slot,
 * with two intrusive linked lists so nothing is searched or allocated per tick:
 *
 * - a spatial grid (head per grid square, next/prev per slot): pellets never
 *   move, so a pellet is linked into its square once, when it appears, and
 *   unlinked when it is eaten or expires. A cell looks only at the squares
 *   under it.
 * - an age list of ejected pellets (oldest first): they all live the same
 *   number of ticks, so expiry pops from the head.
 *
 * Slots are recycled through a free stack (LIFO, deterministic); `slotOfId`
 * maps a pellet id to its slot (−1 = none).
 */
import { CellsKind } from './constants';
import { POSITION_SCALE } from './schema';
import { gridIndex, type CellsWorld } from './world';

const NONE = -1;

export class PelletPool {
  readonly capacity: number;
  readonly id: Uint16Array;
  readonly kind: Uint8Array;
  /** u, on the 1/8 u grid. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly mass: Int32Array;
  /** Ejected: the player id that ejected it. */
  readonly owner: Uint8Array;
  /** Ejected: the tick at which it disappears. */
  readonly expireTick: Int32Array;
  readonly slotOfId = new Int32Array(65536).fill(NONE);

  /** Grid: first slot in each square, and the links between slots in a square. */
  readonly gridHead: Int32Array;
  private readonly gridNext: Int32Array;
  private readonly gridPrev: Int32Array;
  private readonly gridSquare: Int32Array;

  /** Ejected pellets, oldest first. */
  private ageHead = NONE;
  private ageTail = NONE;
  private readonly ageNext: Int32Array;
  private readonly agePrev: Int32Array;

  private readonly freeSlots: Int32Array;
  private freeCount: number;
  foodCount = 0;
  ejectedCount = 0;

  constructor(private readonly world: CellsWorld) {
    const capacity = world.foodTarget + world.maxEjected;
    this.capacity = capacity;
    this.id = new Uint16Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.mass = new Int32Array(capacity);
    this.owner = new Uint8Array(capacity);
    this.expireTick = new Int32Array(capacity);
    this.gridHead = new Int32Array(world.gridCols * world.gridRows).fill(NONE);
    this.gridNext = new Int32Array(capacity).fill(NONE);
    this.gridPrev = new Int32Array(capacity).fill(NONE);
    this.gridSquare = new Int32Array(capacity).fill(NONE);
    this.ageNext = new Int32Array(capacity).fill(NONE);
    this.agePrev = new Int32Array(capacity).fill(NONE);
    this.freeSlots = new Int32Array(capacity);
    // Pop order: slot 0 first.
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  /** Room for one more pellet of `kind` (food up to foodTarget, ejected up to maxEjected). */
  hasRoomFor(kind: number): boolean {
    return kind === CellsKind.Food ? this.foodCount < this.world.foodTarget : this.ejectedCount < this.world.maxEjected;
  }

  /**
   * Add a pellet (caller checked hasRoomFor and allocated `id`); returns its
   * slot. The position comes in whole eighths of a unit (the wire grid): small
   * integers travel through calls unboxed, doubles would be boxed on the heap.
   */
  add(id: number, kind: number, x8: number, y8: number, mass: number, owner: number, expireTick: number): number {
    const slot = this.freeSlots[--this.freeCount];
    const x = x8 / POSITION_SCALE;
    const y = y8 / POSITION_SCALE;
    this.id[slot] = id;
    this.kind[slot] = kind;
    this.x[slot] = x;
    this.y[slot] = y;
    this.mass[slot] = mass;
    this.owner[slot] = owner;
    this.expireTick[slot] = expireTick;
    this.slotOfId[id] = slot;
    const w = this.world;
    const square = gridIndex(y, w.gridCellSize, w.gridRows) * w.gridCols + gridIndex(x, w.gridCellSize, w.gridCols);
    const head = this.gridHead[square];
    this.gridSquare[slot] = square;
    this.gridPrev[slot] = NONE;
    this.gridNext[slot] = head;
    if (head !== NONE) this.gridPrev[head] = slot;
    this.gridHead[square] = slot;
    if (kind === CellsKind.Food) {
      this.foodCount++;
    } else {
      this.ejectedCount++;
      this.agePrev[slot] = this.ageTail;
      this.ageNext[slot] = NONE;
      if (this.ageTail !== NONE) this.ageNext[this.ageTail] = slot;
      else this.ageHead = slot;
      this.ageTail = slot;
    }
    return slot;
  }

  /** Remove the pellet in `slot`; returns its id (the caller releases it). */
  remove(slot: number): number {
    const id = this.id[slot];
    this.slotOfId[id] = NONE;
    const next = this.gridNext[slot];
    const prev = this.gridPrev[slot];
    if (prev !== NONE) this.gridNext[prev] = next;
    else this.gridHead[this.gridSquare[slot]] = next;
    if (next !== NONE) this.gridPrev[next] = prev;
    this.gridSquare[slot] = NONE;
    if (this.kind[slot] === CellsKind.Food) {
      this.foodCount--;
    } else {
      this.ejectedCount--;
      const an = this.ageNext[slot];
      const ap = this.agePrev[slot];
      if (ap !== NONE) this.ageNext[ap] = an;
      else this.ageHead = an;
      if (an !== NONE) this.agePrev[an] = ap;
      else this.ageTail = ap;
    }
    this.kind[slot] = 0;
    this.freeSlots[this.freeCount++] = slot;
    return id;
  }

  /** The slot after `slot` in its grid square (−1 at the end). */
  nextInSquare(slot: number): number {
    return this.gridNext[slot];
  }

  /** The oldest ejected pellet's slot, or −1. */
  oldestEjected(): number {
    return this.ageHead;
  }

  get count(): number {
    return this.foodCount + this.ejectedCount;
  }
}
