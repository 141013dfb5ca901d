/**
 * Random play (fast-check): any inputs, hostile numbers included, from any
 * starting masses, never break the state's invariants, checked after every tick.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TickInput } from '../../engine/gameDefinition';
import { EntityTable } from '../../protocol/entityTable';
import { cells } from './cells';
import { CellsKind, MAX_MASS, START_MASS } from './constants';
import { radiusOfMass } from './mass';
import { CELLS_STRIDE, cellsEntitySchema, type CellsInput } from './schema';
import type { CellsState } from './state';
import { placeCell } from './testKit';

/** Every broken invariant, as text (empty when the state is sound). */
function problems(s: CellsState): string[] {
  const out: string[] = [];
  const w = s.world;
  for (const c of s.cells) {
    const at = `tick ${s.tick} cell ${c.id}`;
    if (!(c.score >= c.mass && c.score <= MAX_MASS && Number.isInteger(c.score))) out.push(`${at}: score ${c.score} vs mass ${c.mass}`);
    if (c.respawnTicks > 0) {
      if (c.mass !== 0 || c.vx !== 0 || c.vy !== 0) out.push(`${at}: eaten but mass ${c.mass}, v ${c.vx},${c.vy}`);
      if (c.respawnTicks > w.respawnDelayTicks) out.push(`${at}: respawnTicks ${c.respawnTicks}`);
      continue;
    }
    if (!(Number.isInteger(c.mass) && c.mass >= START_MASS && c.mass <= MAX_MASS)) out.push(`${at}: mass ${c.mass}`);
    const r = radiusOfMass(c.mass);
    for (const [v, size] of [[c.x, w.width], [c.y, w.height]]) {
      if (!(v >= r && v <= size - r)) out.push(`${at}: centre ${v} not within a radius (${r}) of the world`);
      if (v * 8 !== Math.round(v * 8)) out.push(`${at}: ${v} off the 1/8 u grid`);
    }
    for (const v of [c.vx, c.vy]) if (!(Number.isInteger(v) && Math.abs(v) <= 1024)) out.push(`${at}: velocity ${v}`);
    if (!(c.ejectTicks >= 0 && c.ejectTicks <= w.ejectIntervalTicks)) out.push(`${at}: ejectTicks ${c.ejectTicks}`);
  }
  const p = s.pellets;
  if (p.foodCount > w.foodTarget || p.ejectedCount > w.maxEjected) out.push(`pellets: ${p.foodCount} food, ${p.ejectedCount} ejected`);
  let live = 0;
  for (let id = 0; id < 65536; id++) {
    if (s.pelletIds.live[id >>> 5] === 0) {
      id |= 31; // skip a word with no live id
      continue;
    }
    if (!s.pelletIds.isLive(id)) continue;
    live++;
    const slot = p.slotOfId[id];
    if (slot < 0 || p.id[slot] !== id) {
      out.push(`pellet ${id}: live id without a slot`);
      continue;
    }
    if (!(p.x[slot] >= 0 && p.x[slot] <= w.width && p.y[slot] >= 0 && p.y[slot] <= w.height)) out.push(`pellet ${id} outside`);
    if (!(p.mass[slot] >= 1 && p.mass[slot] <= MAX_MASS)) out.push(`pellet ${id}: mass ${p.mass[slot]}`);
    if (p.kind[slot] !== CellsKind.Food && p.kind[slot] !== CellsKind.Ejected) out.push(`pellet ${id}: kind ${p.kind[slot]}`);
  }
  if (live !== p.count) out.push(`${live} live pellet ids, ${p.count} pellets`);
  return out;
}

function viewProblems(s: CellsState): string[] {
  const out: string[] = [];
  const t = new EntityTable(CELLS_STRIDE);
  cells.writeView(s, { playerId: 1, focus: 0, x: 0, y: 0 }, t.begin(s.tick));
  for (let row = 0; row < t.count; row++) {
    const fields = cellsEntitySchema.kinds.find((k) => k.kind === t.kinds[row])!.fields;
    fields.forEach((f, i) => {
      const v = t.get(row, i);
      if (!(v >= f.min && v <= f.max)) out.push(`view: entity ${t.ids[row]} ${f.name} = ${v}`);
    });
  }
  return out;
}

const hostile = fc.constantFrom(NaN, Infinity, -Infinity, 1.5, 4096, -4096, 1e12);
const component = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: -2048, max: 2047 }) }, { weight: 1, arbitrary: hostile });
const tickInput = fc.record({ targetX: component, targetY: component, buttons: fc.oneof(fc.integer({ min: 0, max: 1 }), hostile) });
/** A stretch of play: how long, and each player's input for it (null: sends nothing). */
const segment = fc.record({ ticks: fc.integer({ min: 1, max: 40 }), inputs: fc.array(fc.option(tickInput), { minLength: 8, maxLength: 8 }) });

describe('invariants under random play (property)', () => {
  it('masses stay in bounds, cells inside the world and on the grid, pellets consistent', () => {
    const seen = { eaten: 0, respawned: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.integer({ min: START_MASS, max: MAX_MASS }), { minLength: 8, maxLength: 8 }),
        fc.array(segment, { minLength: 1, maxLength: 12 }),
        (seed, masses, segments) => {
          const s = cells.createState(seed, { tickRate: 60 });
          // Crowded: eight cells within 400 u of each other near a corner, so they meet, eat and hit walls.
          masses.forEach((m, i) => placeCell(s, i + 1, 300 + (i % 4) * 100, 300 + Math.floor(i / 4) * 100, m));
          const inputs = new Map<number, TickInput<CellsInput>>();
          for (const seg of segments) {
            inputs.clear();
            seg.inputs.forEach((inp, i) => {
              if (inp !== null) inputs.set(i + 1, { ...inp, viewTick: 0 });
            });
            for (let t = 0; t < seg.ticks; t++) {
              cells.step(s, inputs);
              for (const e of s.events) seen[e.type]++;
              s.events.length = 0;
              const found = problems(s);
              if (found.length > 0) expect(found).toEqual([]);
            }
          }
          expect(viewProblems(s)).toEqual([]);
        },
      ),
      { numRuns: 60, seed: 20261129 },
    );
    // The crowd does meet: cells were eaten and came back.
    expect(seen.eaten).toBeGreaterThan(0);
    expect(seen.respawned).toBeGreaterThan(0);
  });
});
