/**
 * Test kit for interest management: a synthetic world of dots (kind 1: x, y,
 * hue; kind 2: x, y) that wander, appear and vanish, an InterestDefinition
 * over it, and simulated clients that decode every frame a fake link
 * receives into a SnapshotStore and acknowledge (or lose the ack of) what
 * they applied — the same path a real client takes.
 */
import type { InterestArea, InterestDefinition, Viewer } from '../../shared/engine/gameDefinition';
import { seededRandom } from '../../shared/engine/prng';
import { EntityLayout, type EntitySchema } from '../../shared/protocol/entitySchema';
import { EntityTable } from '../../shared/protocol/entityTable';
import { decodeSnapshotFrame } from '../../shared/protocol/snapshotFrame';
import { SnapshotStore } from '../../shared/protocol/snapshotStore';
import { DecodeError } from '../../shared/protocol/decodeError';
import { SendStatus, type ClientLink } from '../../server/rooms/clientLink';
import { INTEREST_VIEW_GROUP, type InterestRecipient } from '../../server/interest/interestBroadcaster';

export const DOTS_SCHEMA: EntitySchema = {
  kinds: [
    { kind: 1, name: 'dot', fields: [{ name: 'x', scale: 1, min: 0, max: 100_000 }, { name: 'y', scale: 1, min: 0, max: 100_000 }, { name: 'hue', scale: 1, min: 0, max: 359 }] },
    { kind: 2, name: 'crumb', fields: [{ name: 'x', scale: 1, min: 0, max: 100_000 }, { name: 'y', scale: 1, min: 0, max: 100_000 }] },
  ],
};
export const DOTS_LAYOUT = new EntityLayout(DOTS_SCHEMA);

export interface Dot {
  id: number;
  kind: number;
  x: number;
  y: number;
  hue: number;
}

export interface DotsState {
  size: number;
  dots: Dot[];
  nextId: number;
  /** Per viewer id: its area half-size and margin. */
  half: number;
  margin: number;
  random: () => number;
}

export function createDots(seed: number, count: number, size: number, half = 1000, margin = 300): DotsState {
  const random = seededRandom(seed);
  const s: DotsState = { size, dots: [], nextId: 1, half, margin, random };
  for (let i = 0; i < count; i++) addDot(s);
  return s;
}

export function addDot(s: DotsState): Dot {
  const d = { id: s.nextId++, kind: s.random() < 0.3 ? 1 : 2, x: Math.floor(s.random() * s.size), y: Math.floor(s.random() * s.size), hue: Math.floor(s.random() * 360) };
  s.dots.push(d);
  return d;
}

/** Move the dots of kind 1 by up to `step`, remove and add a few. */
export function stepDots(s: DotsState, step: number, churn = 2): void {
  for (const d of s.dots) {
    if (d.kind !== 1) continue;
    d.x = clamp(d.x + Math.round((s.random() * 2 - 1) * step), 0, s.size);
    d.y = clamp(d.y + Math.round((s.random() * 2 - 1) * step), 0, s.size);
  }
  for (let i = 0; i < churn && s.dots.length > 0; i++) s.dots.splice(Math.floor(s.random() * s.dots.length), 1);
  for (let i = 0; i < churn; i++) addDot(s);
}

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

/** Viewers look at (viewer.x, viewer.y); `focus` names their own dot. */
export function dotsInterest(budgetBytesPerSec = 0): InterestDefinition<DotsState> {
  return {
    writeWorld(s: DotsState, out: EntityTable): void {
      for (const d of s.dots) {
        const row = out.push(d.id, d.kind);
        out.set(row, 0, d.x);
        out.set(row, 1, d.y);
        if (d.kind === 1) out.set(row, 2, d.hue);
      }
    },
    xField: 0,
    yField: 1,
    gridCellSize: 500,
    worldSize: (s) => ({ width: s.size, height: s.size }),
    areaOf(s: DotsState, viewer: Viewer, out: InterestArea): void {
      const own = viewer.focus > 0 ? s.dots.find((d) => d.id === viewer.focus) : undefined;
      out.x = own ? own.x : viewer.x;
      out.y = own ? own.y : viewer.y;
      out.halfWidth = out.halfHeight = s.half;
      out.margin = s.margin;
    },
    importance: (kind) => (kind === 1 ? 4 : 1),
    budgetBytesPerSec,
  };
}

/** A link that hands frames to a simulated client; it may drop some (as a full socket buffer would). */
export class LossyLink implements ClientLink {
  readonly frames: Uint8Array[] = [];
  isOpen = true;
  bytes = 0;
  dropRate = 0;

  constructor(private readonly random: () => number) {}

  send(bytes: Uint8Array): SendStatus {
    return this.sendBatch(bytes);
  }

  sendBatch(first: Uint8Array): SendStatus {
    if (this.random() < this.dropRate) return SendStatus.Dropped;
    this.frames.push(first.slice());
    this.bytes += first.length;
    return SendStatus.Success;
  }

  bufferedAmount(): number {
    return 0;
  }

  close(): void {
    this.isOpen = false;
  }
}

/** A viewer of the dots world with its own client-side store, as a browser would keep it. */
export class SimClient implements InterestRecipient {
  readonly link: LossyLink;
  readonly store = new SnapshotStore(DOTS_LAYOUT, 64);
  readonly viewer: { playerId: number; focus: number; x: number; y: number };
  viewGroup = -1;
  ackTick = 0;
  lastAckedTick = 0;
  lastFullAtMs = -Infinity;
  lastFullTick = 0;
  backedUpSinceMs = 0;
  readonly lastAppliedSeq = 0;
  /** Ticks of every frame applied, in order. */
  readonly appliedTicks: number[] = [];
  ackLossRate = 0;

  constructor(playerId: number, x: number, y: number, private readonly random: () => number) {
    this.link = new LossyLink(random);
    this.viewer = { playerId, focus: 0, x, y };
  }

  /** Decode and apply every frame received; acknowledge the newest (unless the ack is "lost"). */
  receive(): void {
    for (const bytes of this.link.frames.splice(0)) {
      const frame = decodeSnapshotFrame(bytes, DOTS_LAYOUT);
      if (frame instanceof DecodeError) throw new Error(`decode: ${frame.reason}`);
      const result = this.store.apply(frame.delta);
      if (!result.ok) throw new Error(`apply: ${result.reason} ${result.detail}`);
      this.appliedTicks.push(frame.delta.tick);
    }
    if (this.viewGroup !== INTEREST_VIEW_GROUP || this.store.newestTick === 0) return;
    if (this.random() < this.ackLossRate) return;
    if (this.store.newestTick > this.ackTick) this.ackTick = this.lastAckedTick = this.store.newestTick;
  }
}

/** The world's rows (ids ascending) as a table, for comparisons. */
export function worldTable(s: DotsState, tick: number): EntityTable {
  const t = new EntityTable(DOTS_LAYOUT.stride).begin(tick);
  dotsInterest().writeWorld(s, t);
  return t.finish();
}
