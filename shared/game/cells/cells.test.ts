import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlayerSave } from '../../engine/gameDefinition';
import { EntityTable } from '../../protocol/entityTable';
import { describeGame, gameDescriptorProblems, GameDescriptorBody } from '../../protocol/gameDescriptor';
import { Value } from '@sinclair/typebox/value';
import { cells } from './cells';
import type { CellsEvent } from './events';
import { CellsKind, FOOD_TARGET, MAX_MASS, START_MASS } from './constants';
import { CELLS_STRIDE, CellField, cellsEntitySchema } from './schema';
import type { CellsState } from './state';
import { cell, placeCell, run } from './testKit';
import { createBots, driveBots } from './testBots';
import { cellFromSnapshot, pelletFromSnapshot } from './view';

const viewer = { playerId: 1, focus: 0, x: 0, y: 0 };

function viewOf(state: CellsState): EntityTable {
  const t = new EntityTable(CELLS_STRIDE);
  cells.writeView(state, viewer, t.begin(cells.tickOf(state)));
  return t;
}

describe('cells as a GameDefinition', () => {
  it('declares a valid descriptor that survives the Welcome validator', () => {
    expect(gameDescriptorProblems(cells)).toEqual([]);
    expect(Value.Check(GameDescriptorBody, JSON.parse(JSON.stringify(describeGame(cells))))).toBe(true);
    expect(cells.entities.kinds.map((k) => [k.kind, k.name, k.fields.length])).toEqual([
      [1, 'cell', 8],
      [2, 'food', 2],
      [3, 'ejected', 4],
    ]);
    expect(cells.input.fields.map((f) => [f.name, f.kind, f.bits])).toEqual([
      ['targetX', 'int', 12],
      ['targetY', 'int', 12],
      ['buttons', 'flags', 1],
    ]);
    expect([cells.name, cells.title, cells.defaultMaxPlayers, cells.quickPlayRoomName(3)]).toEqual(['cells', 'Cells', 50, 'Petri Dish 3']);
  });
});

describe('determinism', () => {
  /** A room of 50 bots hunting, fleeing and boosting; advance() plays one tick and returns its view. */
  function room(seed: number) {
    const state = cells.createState(seed, { tickRate: 60 });
    for (let id = 1; id <= 50; id++) cells.addPlayer(state, id);
    const bots = createBots(state, seed);
    const view = new EntityTable(CELLS_STRIDE, 2048);
    const events: CellsEvent[] = [];
    const advance = (t: number): EntityTable => {
      driveBots(state, bots);
      if (t % 500 < 60) bots.inputs.delete(7); // player 7 sometimes sends nothing
      else if (!bots.inputs.has(7)) bots.inputs.set(7, { targetX: 100, targetY: 0, buttons: 0, viewTick: 0 });
      if (t === 1500) cells.addPlayer(state, 51, cells.removePlayer(state, 20)); // a leave and a rejoin mid-game
      cells.step(state, bots.inputs);
      cells.drainEvents(state, events);
      cells.writeView(state, viewer, view.begin(state.tick));
      return view;
    };
    return { advance, events };
  }

  it('same seed and inputs → identical views and events over 3000 ticks with 50 bots', () => {
    const a = room(42);
    const b = room(42);
    let sawEjected = false;
    for (let t = 1; t <= 3000; t++) {
      const va = a.advance(t);
      const vb = b.advance(t);
      expect(vb.tick).toBe(va.tick);
      if (!va.sameEntities(vb)) expect(vb.toRows()).toEqual(va.toRows());
      sawEjected ||= va.kinds.subarray(0, va.count).includes(CellsKind.Ejected);
    }
    expect(b.events).toEqual(a.events);
    // The scenario must exercise the rules: cells eaten and respawned, boosts leaving ejected mass.
    expect(a.events.filter((e) => e.type === 'eaten').length).toBeGreaterThan(3);
    expect(a.events.some((e) => e.type === 'respawned')).toBe(true);
    expect(sawEjected).toBe(true);
  });

  it('a different seed gives different food and a different game', () => {
    const a = room(1);
    const b = room(2);
    let va = a.advance(1);
    let vb = b.advance(1);
    for (let t = 2; t <= 200; t++) {
      va = a.advance(t);
      vb = b.advance(t);
    }
    expect(va.sameEntities(vb)).toBe(false);
  });
});

describe('saves', () => {
  it('removePlayer → JSON → addPlayer restores the cell exactly (mass, score, boost countdown)', () => {
    const s = cells.createState(1, { tickRate: 60 });
    placeCell(s, 4, 1234.5, 2345.625, 777);
    const c = cell(s, 4);
    Object.assign(c, { vx: -31, vy: 12, ejectTicks: 5, score: 900 });
    const before = { ...c };
    const save = JSON.parse(JSON.stringify(cells.removePlayer(s, 4))) as PlayerSave;
    expect(s.cellById[4]).toBeUndefined();
    cells.addPlayer(s, 9, save);
    expect(cell(s, 9)).toEqual({ ...before, id: 9 });
  });

  it('round-trips any consistent cell through a JSON save (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: START_MASS, max: MAX_MASS }),
        fc.integer({ min: 0, max: 5120 * 8 }),
        fc.integer({ min: 0, max: 5120 * 8 }),
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: MAX_MASS }),
        (mass, x8, y8, v, ejectTicks, extraScore) => {
          const s = cells.createState(1, { tickRate: 60 });
          cells.addPlayer(s, 1);
          const c = cell(s, 1);
          Object.assign(c, { mass, x: x8 / 8, y: y8 / 8, vx: v, vy: 0 - v, ejectTicks, score: Math.min(MAX_MASS, mass + extraScore) });
          const r = Math.ceil(4 * Math.sqrt(mass) * 8) / 8;
          c.x = Math.min(Math.max(c.x, r), Math.floor((5120 - 4 * Math.sqrt(mass)) * 8) / 8);
          c.y = Math.min(Math.max(c.y, r), Math.floor((5120 - 4 * Math.sqrt(mass)) * 8) / 8);
          const before = { ...c };
          cells.addPlayer(s, 2, JSON.parse(JSON.stringify(cells.removePlayer(s, 1))) as PlayerSave);
          expect(cell(s, 2)).toEqual({ ...before, id: 2 });
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('restores an eaten cell mid-countdown, and it respawns on time', () => {
    const s = cells.createState(1, { tickRate: 60 });
    cells.addPlayer(s, 3, { v: 1, x: 100, y: 100, vx: 5, vy: 5, mass: 500, ejectTicks: 3, respawnTicks: 10, score: 800 });
    expect(cell(s, 3)).toMatchObject({ mass: 0, respawnTicks: 10, vx: 0, vy: 0, ejectTicks: 0, score: 800 });
    run(s, 10);
    expect(cell(s, 3)).toMatchObject({ mass: START_MASS, respawnTicks: 0, score: 800 });
  });

  it('a damaged or foreign save degrades field by field instead of corrupting the state', () => {
    const s = cells.createState(1, { tickRate: 60 });
    cells.addPlayer(s, 1, { v: 1, x: 'a', y: 3, mass: 1e9, score: -5, ejectTicks: NaN, vx: 1e6 });
    const c = cell(s, 1);
    expect(c.mass).toBe(MAX_MASS);
    expect(c.score).toBe(MAX_MASS);
    expect(c.ejectTicks).toBe(0);
    expect(c.x).toBeGreaterThanOrEqual(100); // no usable position: a spawn point
    cells.addPlayer(s, 2, { v: 99, mass: 5000 });
    expect(cell(s, 2).mass).toBe(START_MASS);
    cells.addPlayer(s, 5, { v: 1, x: 1, y: 1, mass: 2.5 });
    expect(cell(s, 5)).toMatchObject({ mass: START_MASS, x: Math.ceil(4 * Math.sqrt(10) * 8) / 8 });
  });

  it('rejects bad and duplicate ids and removing absent players', () => {
    const s = cells.createState(1, { tickRate: 60 });
    expect(() => cells.addPlayer(s, 0)).toThrow(RangeError);
    expect(() => cells.addPlayer(s, 256)).toThrow(RangeError);
    expect(() => cells.addPlayer(s, 1.5)).toThrow(RangeError);
    cells.addPlayer(s, 1);
    expect(() => cells.addPlayer(s, 1)).toThrow(/already/);
    expect(() => cells.removePlayer(s, 2)).toThrow(/not in the world/);
    expect(() => cells.createState(1, { tickRate: 0 })).toThrow(RangeError);
  });
});

describe('writeView', () => {
  it('writes every entity, ids ascending, each value inside its kind\'s bounds and unused fields 0', () => {
    const s = cells.createState(11, { tickRate: 60 });
    for (let id = 1; id <= 30; id++) cells.addPlayer(s, id);
    const bots = createBots(s, 11);
    const t = new EntityTable(CELLS_STRIDE);
    for (let tick = 0; tick < 1200; tick++) {
      driveBots(s, bots);
      cells.step(s, bots.inputs);
      if (tick % 100 !== 99) continue;
      cells.writeView(s, viewer, t.begin(s.tick));
      expect(t.count).toBe(s.cells.length + s.pellets.count);
      const problems: string[] = [];
      for (let row = 0; row < t.count; row++) {
        if (row > 0 && t.ids[row] <= t.ids[row - 1]) problems.push(`id ${t.ids[row]} after ${t.ids[row - 1]}`);
        const fields = cellsEntitySchema.kinds.find((k) => k.kind === t.kinds[row])!.fields;
        for (let f = 0; f < CELLS_STRIDE; f++) {
          const v = t.get(row, f);
          const ok = f >= fields.length ? v === 0 : Number.isInteger(v) && v >= fields[f].min && v <= fields[f].max;
          if (!ok) problems.push(`entity ${t.ids[row]} kind ${t.kinds[row]} field ${f} = ${v}`);
        }
      }
      expect(problems).toEqual([]);
    }
    expect(cells.viewGroup(s, viewer)).toBe(cells.viewGroup(s, { playerId: 2, focus: 0, x: 0, y: 0 }));
  });

  it('decodes back to the state: cellFromSnapshot and pelletFromSnapshot', () => {
    const s = cells.createState(1, { tickRate: 60 });
    placeCell(s, 2, 100.125, 200.5, 321);
    Object.assign(cell(s, 2), { vx: -7, vy: 250, ejectTicks: 4, score: 400 });
    const id = s.pelletIds.allocate();
    s.pellets.add(id, CellsKind.Ejected, 50.25 * 8, 60.75 * 8, 6, 2, 999);
    const t = viewOf(s);
    const { id: _id, ...expected } = cell(s, 2);
    expect(cellFromSnapshot(t.values, t.indexOf(2) * CELLS_STRIDE)).toEqual(expected);
    expect(t.get(t.indexOf(2), CellField.Mass)).toBe(321);
    const row = t.indexOf(id);
    expect(pelletFromSnapshot(t.kinds[row], t.values, row * CELLS_STRIDE)).toEqual({ x: 50.25, y: 60.75, mass: 6, owner: 2, radius: 4 * Math.sqrt(6) });
    const food = t.kinds.indexOf(CellsKind.Food);
    expect(pelletFromSnapshot(CellsKind.Food, t.values, food * CELLS_STRIDE)).toMatchObject({ mass: 1, owner: 0, radius: 4 });
    expect(t.count).toBe(1 + FOOD_TARGET + 1);
  });

  it('rejects a table with the wrong stride', () => {
    const s = cells.createState(1, { tickRate: 60 });
    expect(() => cells.writeView(s, viewer, new EntityTable(5).begin(0))).toThrow(RangeError);
  });

  it('drainEvents moves events out once', () => {
    const s = cells.createState(1, { tickRate: 60 });
    placeCell(s, 1, 1000, 1000, 200);
    placeCell(s, 2, 1000, 1000, 100);
    run(s, 1);
    const out: CellsEvent[] = [];
    cells.drainEvents(s, out);
    expect(out).toEqual([{ type: 'eaten', id: 2, by: 1, mass: 100 }]);
    cells.drainEvents(s, out);
    expect(out.length).toBe(1);
  });
});
