/**
 * The state every codec in the bench encodes: 100 arena players with seeded
 * positions, velocities and scores, and the next tick where 10 % of them moved
 * one tick at full speed (x, y change; nothing else). Quantized with the
 * arena's schema, so the numbers are the ones the server really sends.
 */
import { createRng, nextRandom } from '../../shared/engine/prng';
import { ArenaKind } from '../../shared/game/arena/constants';
import { ARENA_FIELD_COUNT, ArenaField, playerFields, POSITION_SCALE } from '../../shared/game/arena/schema';
import { EntityTable } from '../../shared/protocol';

export const ENTITY_COUNT = 100;
export const MOVING_FRACTION = 0.1;
/** Row stride: every entity here is a player. */
const F = ARENA_FIELD_COUNT;
/** One tick at full speed (280 px/s at 60 Hz), in wire units (1/8 px). */
const STEP_UNITS = Math.round((280 / 60) * POSITION_SCALE);

export interface CodecWorld {
  base: EntityTable;
  next: EntityTable;
  movingIds: number[];
}

export function buildCodecWorld(seed = 42): CodecWorld {
  const rng = createRng(seed);
  const rand = (max: number) => Math.floor(nextRandom(rng) * max);
  const base = new EntityTable(F, ENTITY_COUNT);
  base.begin(1000);
  for (let id = 1; id <= ENTITY_COUNT; id++) {
    const row = base.push(id, ArenaKind.Player);
    base.set(row, ArenaField.X, rand(1600 * POSITION_SCALE));
    base.set(row, ArenaField.Y, rand(1000 * POSITION_SCALE));
    base.set(row, ArenaField.Aim, rand(1024));
    base.set(row, ArenaField.Health, 100);
    base.set(row, ArenaField.Score, rand(50));
    base.set(row, ArenaField.Kills, rand(10));
    base.set(row, ArenaField.Deaths, rand(10));
  }
  base.finish();
  const next = base.clone();
  next.tick = base.tick + 2;
  const movingIds: number[] = [];
  const moving = Math.round(ENTITY_COUNT * MOVING_FRACTION);
  while (movingIds.length < moving) {
    const id = 1 + rand(ENTITY_COUNT);
    if (!movingIds.includes(id)) movingIds.push(id);
  }
  movingIds.sort((a, b) => a - b);
  for (const id of movingIds) {
    const row = next.indexOf(id);
    // Two ticks per snapshot at 30 Hz: two steps in a random diagonal-ish direction.
    next.set(row, ArenaField.X, next.get(row, ArenaField.X) + (rand(2) ? 2 : -2) * STEP_UNITS);
    next.set(row, ArenaField.Y, next.get(row, ArenaField.Y) + (rand(2) ? 2 : -2) * STEP_UNITS);
  }
  return { base, next, movingIds };
}

/** Entities as plain objects (what a JSON or msgpack game server would send). */
export function tableToObjects(t: EntityTable): Record<string, number>[] {
  const out: Record<string, number>[] = [];
  for (let row = 0; row < t.count; row++) {
    const o: Record<string, number> = { id: t.ids[row], kind: t.kinds[row] };
    for (let k = 0; k < F; k++) o[playerFields[k].name] = t.values[row * F + k];
    out.push(o);
  }
  return out;
}

/** Changed entities with only their changed fields, by diffing two tables (a "JSON delta"). */
export function changedObjects(base: EntityTable, next: EntityTable): Record<string, number>[] {
  const out: Record<string, number>[] = [];
  for (let row = 0; row < next.count; row++) {
    const b = base.indexOf(next.ids[row]);
    let o: Record<string, number> | null = null;
    for (let k = 0; k < F; k++) {
      const v = next.values[row * F + k];
      if (b < 0 || base.values[b * F + k] !== v) (o ??= { id: next.ids[row] })[playerFields[k].name] = v;
    }
    if (o) out.push(o);
  }
  return out;
}
