import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntityTable } from '../../protocol/entityTable';
import { aimFromVector } from './aim';
import { projectileFromSnapshot } from './snapshot';
import { distanceToRect } from './world';
import { arena } from './arena';
import {
  ArenaButton,
  ArenaKind,
  FIRST_PROJECTILE_ID,
  LAST_PROJECTILE_ID,
  MAX_LAG_COMP_TICKS,
  PLAYER_MAX_HEALTH,
  PROJECTILE_DAMAGE,
} from './constants';
import { ARENA_FIELD_COUNT, ArenaField, arenaSchema, VELOCITY_SCALE, type ArenaEvent } from './schema';
import type { ArenaState } from './state';
import { input, placePlayer, player, stateOn, testWorld, writeSnapshot, type ArenaTickInput } from './testKit';

const { Up, Down, Left, Right, Fire } = ArenaButton;

function snapshotOf(state: ArenaState): EntityTable {
  return writeSnapshot(state, new EntityTable(ARENA_FIELD_COUNT));
}

function drain(state: ArenaState): ArenaEvent[] {
  const out: ArenaEvent[] = [];
  arena.drainEvents(state, out);
  return out;
}

/** Run `ticks` steps with the same inputs; returns the events they produced. */
function run(state: ArenaState, ticks: number, inputs: Map<number, ArenaTickInput> = new Map()): ArenaEvent[] {
  for (let i = 0; i < ticks; i++) arena.step(state, inputs);
  return drain(state);
}

describe('arena determinism', () => {
  /** Four players chasing and shooting each other under a seeded script; returns every snapshot. */
  function play(seed: number, ticks: number): { tables: EntityTable[]; events: ArenaEvent[] } {
    const state = arena.createState(seed, { tickRate: 60 });
    for (const id of [1, 2, 3, 4]) arena.addPlayer(state, id);
    const inputs = new Map<number, ArenaTickInput>();
    const frames = [1, 2, 3, 4].map(() => input(0));
    let r = 12345;
    const tables: EntityTable[] = [];
    const events: ArenaEvent[] = [];
    for (let t = 1; t <= ticks; t++) {
      inputs.clear();
      for (const id of [1, 2, 3, 4]) {
        if (id === 4 && t % 400 < 100) continue; // player 4 sometimes sends nothing
        r = (Math.imul(r, 1664525) + 1013904223) >>> 0;
        const me = player(state, id);
        const target = player(state, (id % 4) + 1);
        const f = frames[id - 1];
        f.buttons = (t % 30 === 0 ? r >>> 27 : f.buttons & 0x0f) | Fire;
        f.aim = aimFromVector(target.x - me.x, target.y - me.y);
        f.viewTick = Math.max(0, t - 6);
        inputs.set(id, f);
      }
      arena.step(state, inputs);
      tables.push(snapshotOf(state));
      arena.drainEvents(state, events);
    }
    if (ticks >= 2000) {
      // Scenario sanity: the script must actually exercise combat.
      expect(events.some((e) => e.type === 'killed')).toBe(true);
      expect(events.some((e) => e.type === 'respawned')).toBe(true);
    }
    return { tables, events };
  }

  it('same seed and inputs → identical snapshots and events over 2000 ticks', () => {
    const a = play(99, 2000);
    const b = play(99, 2000);
    expect(b.tables.length).toBe(2000);
    for (let i = 0; i < a.tables.length; i++) {
      expect(b.tables[i].tick).toBe(a.tables[i].tick);
      if (!a.tables[i].sameEntities(b.tables[i])) expect(b.tables[i].toRows()).toEqual(a.tables[i].toRows());
    }
    expect(b.events).toEqual(a.events);
  });

  it('a different seed gives a different world and a different game', () => {
    const a = arena.createState(1, { tickRate: 60 });
    const b = arena.createState(2, { tickRate: 60 });
    expect(b.world.obstacles).not.toEqual(a.world.obstacles);
    const ga = play(1, 200).tables.at(-1)!;
    const gb = play(2, 200).tables.at(-1)!;
    expect(ga.sameEntities(gb)).toBe(false);
  });
});

describe('firing', () => {
  it('fires once per cooldown while Fire is held, from just outside the shooter', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 1);
    placePlayer(s, 1, 200, 500);
    const born: number[] = [];
    for (let t = 1; t <= 60; t++) {
      arena.step(s, new Map([[1, input(Fire)]]));
      for (const p of s.projectiles) if (p.bornTick === t) born.push(t);
    }
    expect(born).toEqual([1, 16, 31, 46]); // 250 ms = 15 ticks at 60 Hz
    expect(s.projectiles.map((p) => p.id)).toEqual([256, 257, 258, 259]);
    const first = s.projectiles[0];
    expect(first.owner).toBe(1);
    expect(first.x0).toBe(222);
    expect(first.vx).toBe(700);
    expect(first.vy).toBe(0);
  });

  it('aims with input.aim (1/1024 turn, y down)', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 1);
    placePlayer(s, 1, 800, 500);
    arena.step(s, new Map([[1, input(Fire, 256)]])); // a quarter turn: straight down on screen
    expect(player(s, 1).aim).toBe(256);
    const p = s.projectiles[0];
    expect([p.vx, p.vy]).toEqual([0, 700]);
    expect(p.y0).toBeGreaterThan(500);
  });

  /** Fire once from (x, y) along +x at tick 1; returns the tick after which the projectile is gone. */
  function flightEnds(world: ReturnType<typeof testWorld>, x: number, y: number): number {
    const s = stateOn(world);
    arena.addPlayer(s, 1);
    placePlayer(s, 1, x, y);
    arena.step(s, new Map([[1, input(Fire)]]));
    expect(s.projectiles.length).toBe(1);
    while (s.projectiles.length > 0 && s.tick < 500) arena.step(s, new Map());
    expect(s.liveProjectileIds.every((w) => w === 0)).toBe(true); // its id is free again
    expect(s.projectilePool.length).toBe(1);
    return s.tick;
  }

  it('projectiles die after their lifetime, at walls and at obstacles, and free their ids', () => {
    // Muzzle at x + 22; 700 px/s = 11.67 px per tick.
    expect(flightEnds(testWorld(), 100, 800)).toBe(62); // alive through age 60 (1 s)
    expect(flightEnds(testWorld(), 1500, 800)).toBe(8); // 1522 + 7 × 11.67 > 1600
    expect(flightEnds(testWorld([{ x: 600, y: 0, w: 60, h: 300 }]), 500, 100)).toBe(8); // 522 + 7 × 11.67 > 600 − 4
  });

  it('projectiles are never seen inside an obstacle or outside the world, and clients extrapolate them exactly', () => {
    const seed = 31337;
    const s = arena.createState(seed, { tickRate: 60 });
    const ids = [1, 2, 3, 4, 5, 6];
    for (const id of ids) arena.addPlayer(s, id);
    const table = new EntityTable(ARENA_FIELD_COUNT);
    let checked = 0;
    for (let t = 1; t <= 900; t++) {
      // Each player walks a square and fires while sweeping its aim: paths cross every obstacle sooner or later.
      const inputs = new Map(ids.map((id) => [id, input([Up, Right, Down, Left][((t + id * 40) / 45) & 3] | Fire, (t * 37 * id) & 1023)]));
      arena.step(s, inputs);
      writeSnapshot(s, table);
      for (const p of s.projectiles) {
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x).toBeLessThanOrEqual(s.world.width);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeLessThanOrEqual(s.world.height);
        for (const o of s.world.obstacles) expect(distanceToRect(o, p.x, p.y)).toBeGreaterThan(0);
        const row = table.indexOf(p.id);
        const seen = projectileFromSnapshot(table.values, s.tick, 60, row * ARENA_FIELD_COUNT);
        expect([seen.x, seen.y, seen.owner]).toEqual([p.x, p.y, p.owner]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('a projectile stops at an obstacle even if no tick samples it inside (continuous test)', () => {
    // Fired along +x from the muzzle at x = 222: samples at 222 + 11.67·k, i.e. 280.3 (k = 5) and 292 (k = 6).
    // A 1 px post at x = 285 grown by the projectile radius spans (281, 290): between two samples.
    const s = stateOn(testWorld([{ x: 285, y: 0, w: 1, h: 300 }]));
    arena.addPlayer(s, 1);
    placePlayer(s, 1, 200, 100);
    arena.step(s, new Map([[1, input(Fire)]]));
    expect(s.projectiles[0].endAge).toBe(6); // enters at age 5.06
    run(s, 5);
    expect(s.projectiles.length).toBe(1);
    run(s, 1);
    expect(s.projectiles.length).toBe(0);
  });

  it('projectile ids wrap from 65535 to 256 and skip live ids', () => {
    const s = stateOn(testWorld());
    for (const id of [1, 2, 3]) arena.addPlayer(s, id);
    placePlayer(s, 1, 100, 100);
    placePlayer(s, 2, 100, 300);
    placePlayer(s, 3, 100, 500);
    // Pretend 256 is still live from before the wrap.
    s.liveProjectileIds[FIRST_PROJECTILE_ID >>> 5] |= 1 << (FIRST_PROJECTILE_ID & 31);
    s.nextProjectileId = LAST_PROJECTILE_ID - 1;
    arena.step(s, new Map([1, 2, 3].map((id) => [id, input(Fire)])));
    expect(s.projectiles.map((p) => p.id)).toEqual([257, 65534, 65535]);
    const t = snapshotOf(s);
    expect(Array.from(t.ids.subarray(0, t.count))).toEqual([1, 2, 3, 257, 65534, 65535]);
  });
});

describe('combat', () => {
  it('hit → damage → death → respawn, with kills, deaths, score and events', () => {
    const s = stateOn(testWorld([], [{ x: 1400, y: 150 }]));
    arena.addPlayer(s, 1);
    arena.addPlayer(s, 2);
    placePlayer(s, 1, 400, 500);
    placePlayer(s, 2, 600, 500);
    drain(s);
    const fire = new Map([[1, input(Fire)]]);

    const events = run(s, 18, fire); // first shot at tick 1 reaches the target at tick 15
    expect(events).toEqual([{ type: 'hit', id: 2, by: 1, damage: PROJECTILE_DAMAGE }]);
    expect(player(s, 2).health).toBe(PLAYER_MAX_HEALTH - PROJECTILE_DAMAGE);

    const more = run(s, 15 * 4, fire);
    expect(more).toEqual([
      { type: 'hit', id: 2, by: 1, damage: 20 },
      { type: 'hit', id: 2, by: 1, damage: 20 },
      { type: 'hit', id: 2, by: 1, damage: 20 },
      { type: 'hit', id: 2, by: 1, damage: 20 },
      { type: 'killed', id: 2, by: 1 },
      { type: 'scored', id: 1, score: 1 },
    ]);
    const victim = player(s, 2);
    expect(victim.health).toBe(0);
    expect(victim.deaths).toBe(1);
    expect(victim.respawnTicks).toBeGreaterThan(0);
    expect(player(s, 1)).toMatchObject({ kills: 1, score: 1, deaths: 0 });

    // Dead players are not hit, do not move and do not fire.
    const whileDead = run(s, victim.respawnTicks - 1, new Map([[1, input(Fire)], [2, input(Up | Fire)]]));
    expect(whileDead).toEqual([]);
    expect([victim.x, victim.y]).toEqual([600, 500]);
    expect(s.projectiles.every((p) => p.owner === 1)).toBe(true);

    const back = run(s, 1);
    expect(back).toEqual([{ type: 'respawned', id: 2 }]);
    expect(victim).toMatchObject({ x: 1400, y: 150, vx: 0, vy: 0, health: PLAYER_MAX_HEALTH, respawnTicks: 0 });
    expect(victim.deaths).toBe(1);
  });

  it('respawn takes 2 s (120 ticks at 60 Hz)', () => {
    const s = stateOn(testWorld());
    expect(s.respawnDelayTicks).toBe(120);
    expect(stateOn(testWorld([], undefined, 20)).respawnDelayTicks).toBe(40);
  });

  it('a projectile never hits its owner, even when the owner runs into it', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 1);
    placePlayer(s, 1, 400, 500);
    arena.step(s, new Map([[1, input(Fire | Right)]]));
    const events = run(s, 30, new Map([[1, input(Right)]]));
    expect(events).toEqual([]);
    expect(player(s, 1).health).toBe(PLAYER_MAX_HEALTH);
  });

  it('survives hostile numbers in inputs (NaN, negative, out of range)', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 1);
    placePlayer(s, 1, 400, 500);
    for (const bad of [NaN, -1, 1e12, Infinity, -Infinity, 65535.7]) {
      s.playerById[1]!.cooldownTicks = 0;
      arena.step(s, new Map([[1, { buttons: Fire, aim: bad, viewTick: bad }]]));
      const p = player(s, 1);
      expect(p.aim >= 0 && p.aim < 1024).toBe(true);
    }
    for (const p of s.projectiles) {
      expect(Number.isFinite(p.vx) && Number.isFinite(p.vy) && Number.isFinite(p.x)).toBe(true);
      expect(p.lagTicks >= 0 && p.lagTicks <= s.maxLagTicks).toBe(true);
    }
    expect(s.projectiles.length).toBe(6);
  });

  it('a player absent from the input map keeps no buttons pressed (and its aim)', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 1);
    placePlayer(s, 1, 400, 500);
    run(s, 10, new Map([[1, input(Right, 128)]]));
    const p = player(s, 1);
    expect(p.vx).toBeGreaterThan(0);
    run(s, 30);
    expect(p.vx).toBe(0);
    expect(p.aim).toBe(128);
  });
});

describe('lag compensation', () => {
  /**
   * Target 2 stands at (600, 500) through tick 110, then is at (600, 800).
   * Shooter 1 at (400, 500) fires along +x at tick `fireTick` having seen tick
   * `viewTick`. The projectile overlaps the target's circle at ages 14–17, so it
   * hits iff fireTick + 14 − lagTicks ≤ 110.
   */
  function shoot(fireTick: number, viewTick: number): ArenaEvent[] {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 1);
    arena.addPlayer(s, 2);
    placePlayer(s, 1, 400, 500);
    placePlayer(s, 2, 600, 500);
    run(s, 110);
    placePlayer(s, 2, 600, 800);
    run(s, fireTick - 1 - s.tick);
    arena.step(s, new Map([[1, input(Fire, 0, viewTick)]]));
    return run(s, 60).filter((e) => e.type === 'hit');
  }
  const HIT = [{ type: 'hit', id: 2, by: 1, damage: PROJECTILE_DAMAGE }];

  it('the cap is 500 ms (300 ms RTT + interpolation delay + rounding): 30 ticks at 60 Hz', () => {
    expect(MAX_LAG_COMP_TICKS).toBe(30);
    expect(stateOn(testWorld()).maxLagTicks).toBe(30);
    expect(stateOn(testWorld([], undefined, 20)).maxLagTicks).toBe(10);
  });

  it('the hitbox history still holds the tick a full-cap shot is tested against, at any tick rate', () => {
    for (const tickRate of [10, 20, 30, 60, 120, 128]) {
      const s = stateOn(testWorld([], undefined, tickRate));
      arena.addPlayer(s, 1);
      run(s, 3 * tickRate);
      expect(s.history.slotOf(s.tick - s.maxLagTicks), `${tickRate} Hz`).toBeGreaterThanOrEqual(0);
    }
  });

  it('without compensation, a shot at where the target was misses', () => {
    expect(shoot(101, 101)).toEqual([]);
    expect(shoot(101, 0)).toEqual([]); // viewTick 0: unknown view, no compensation
    expect(shoot(101, 500)).toEqual([]); // a viewTick in the future counts as no lag
  });

  it('a shot at the target as the shooter saw it (viewTick) hits', () => {
    expect(shoot(101, 90)).toEqual(HIT); // lag 11
    expect(shoot(111, 96)).toEqual(HIT); // lag 15 (the old 250 ms cap)
    expect(shoot(126, 96)).toEqual(HIT); // lag 30 = the cap
  });

  it('beyond the cap the lag is clamped and the shot misses', () => {
    expect(shoot(127, 96)).toEqual([]); // lag 31 would hit; clamped to 30 it misses
    expect(shoot(130, 90)).toEqual([]); // lag 40
  });

  it('judges the path flown between two ticks (swept): a graze no whole tick samples still hits', () => {
    // The shot flies along y = 500 from x = 422 at 11.67 px/tick: at ticks 15 and 16 of its flight it is
    // 3 px before and 8.7 px past x = 600. A target 19.9 px off its line is within the 20 px reach only
    // between those ticks (20.1 px away at tick 15); one 20.1 px off is never within it.
    const graze = (offsetPx: number): ArenaEvent[] => {
      const s = stateOn(testWorld());
      arena.addPlayer(s, 1);
      arena.addPlayer(s, 2);
      placePlayer(s, 1, 400, 500);
      placePlayer(s, 2, 600, 500 + offsetPx);
      run(s, 10);
      arena.step(s, new Map([[1, input(Fire, 0, s.tick)]]));
      return run(s, 40).filter((e) => e.type === 'hit');
    };
    expect(graze(19.9)).toEqual(HIT);
    expect(graze(-19.9)).toEqual(HIT);
    expect(graze(20.1)).toEqual([]);
  });

  it('a target already down at the rewound ticks (down on the shooter\'s screen too) is not hit', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 1);
    arena.addPlayer(s, 2);
    placePlayer(s, 1, 400, 500);
    placePlayer(s, 2, 600, 500);
    run(s, 100);
    const target = player(s, 2);
    target.health = 0;
    target.respawnTicks = 500;
    arena.step(s, new Map([[1, input(Fire, 0, 90)]]));
    expect(run(s, 30)).toEqual([]);
  });
});

describe('saves', () => {
  it('removePlayer → JSON → addPlayer restores the player exactly', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 1);
    arena.addPlayer(s, 2);
    placePlayer(s, 1, 400, 500);
    placePlayer(s, 2, 600, 500);
    run(s, 20, new Map([[1, input(Fire)]])); // one hit on 2
    run(s, 40, new Map([[1, input(Down, 16)], [2, input(Up | Right, 469)]]));
    run(s, 3, new Map([[1, input(Fire | Down, 16)], [2, input(Up, 469)]])); // mid-acceleration, cooldown running
    const before = { ...player(s, 2) };
    const row = snapshotOf(s).toRows().find((r) => r.id === 2);
    expect(before.health).toBeLessThan(PLAYER_MAX_HEALTH);

    const save = JSON.parse(JSON.stringify(arena.removePlayer(s, 2))) as Record<string, number>;
    expect(s.playerById[2]).toBeUndefined();
    expect(snapshotOf(s).indexOf(2)).toBe(-1);

    arena.addPlayer(s, 2, save);
    expect({ ...player(s, 2) }).toEqual(before);
    expect(snapshotOf(s).toRows().find((r) => r.id === 2)).toEqual(row);

    // Into another room (a restarted server) as well.
    const fresh = stateOn(testWorld());
    arena.addPlayer(fresh, 2, save);
    expect({ ...player(fresh, 2) }).toEqual(before);
  });

  it('round-trips any consistent player state through a JSON save (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          x: fc.integer({ min: 16 * 8, max: (1600 - 16) * 8 }).map((q) => q / 8),
          y: fc.integer({ min: 16 * 8, max: (1000 - 16) * 8 }).map((q) => q / 8),
          vx: fc.integer({ min: -70, max: 70 }).map((q) => q / VELOCITY_SCALE),
          vy: fc.integer({ min: -70, max: 70 }).map((q) => q / VELOCITY_SCALE),
          aim: fc.integer({ min: 0, max: 1023 }),
          dead: fc.boolean(),
          health: fc.integer({ min: 1, max: 100 }),
          respawnTicks: fc.integer({ min: 1, max: 120 }),
          cooldownTicks: fc.integer({ min: 0, max: 15 }),
          score: fc.integer({ min: 0, max: 0x7fffffff }),
          kills: fc.integer({ min: 0, max: 1e6 }),
          deaths: fc.integer({ min: 0, max: 1e6 }),
        }),
        ({ dead, ...v }) => {
          const s = stateOn(testWorld());
          arena.addPlayer(s, 77);
          const p = Object.assign(player(s, 77), v);
          if (dead) p.health = 0;
          else p.respawnTicks = 0;
          const before = { ...p };
          const save = JSON.parse(JSON.stringify(arena.removePlayer(s, 77))) as Record<string, number>;
          arena.addPlayer(s, 77, save);
          expect({ ...player(s, 77) }).toEqual(before);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('restores a dead player mid-countdown', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 3);
    const p = player(s, 3);
    p.health = 0;
    p.respawnTicks = 40;
    p.deaths = 2;
    const save = arena.removePlayer(s, 3);
    arena.addPlayer(s, 3, save);
    expect(player(s, 3)).toMatchObject({ health: 0, respawnTicks: 40, deaths: 2 });
  });

  it('a damaged save degrades field by field instead of corrupting the state', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 4, { v: 1, x: 'left', y: 1e9, health: -5, score: Infinity, kills: 3, aim: 5000 });
    expect(player(s, 4)).toMatchObject({ x: 1400, y: 150, health: 0, score: 0, kills: 3, aim: 1023 });
    expect(player(s, 4).respawnTicks).toBeGreaterThan(0); // health 0 → dead, counting down
    arena.addPlayer(s, 5, { v: 99, x: 3 }); // unknown version: a fresh player
    expect(player(s, 5)).toMatchObject({ x: 1400, y: 150, health: PLAYER_MAX_HEALTH });
  });

  it('rejects bad and duplicate ids and removing absent players', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 1);
    expect(() => arena.addPlayer(s, 1)).toThrow(/player=\[1\]/);
    expect(() => arena.addPlayer(s, 0)).toThrow(RangeError);
    expect(() => arena.addPlayer(s, 256)).toThrow(RangeError);
    expect(() => arena.removePlayer(s, 9)).toThrow(/player=\[9\]/);
  });
});

describe('writeSnapshot', () => {
  it('writes ascending ids with every value inside its schema bounds', () => {
    const s = arena.createState(4242, { tickRate: 60 });
    for (const id of [9, 3, 200, 1, 50]) arena.addPlayer(s, id);
    s.nextProjectileId = LAST_PROJECTILE_ID - 20;
    const inputs = new Map<number, ArenaTickInput>();
    for (let t = 0; t < 600; t++) {
      inputs.clear();
      for (const p of s.players) inputs.set(p.id, input((t * p.id) % 32, (t * 997 * p.id) % 1024, t));
      arena.step(s, inputs);
      const table = snapshotOf(s);
      for (let i = 1; i < table.count; i++) expect(table.ids[i]).toBeGreaterThan(table.ids[i - 1]);
      for (let i = 0; i < table.count; i++) {
        const kind = table.kinds[i];
        expect(kind === ArenaKind.Player ? table.ids[i] <= 255 : table.ids[i] >= 256).toBe(true);
        const fields = arenaSchema.kinds.find((k) => k.kind === kind)!.fields;
        for (let k = fields.length; k < ARENA_FIELD_COUNT; k++) expect(table.get(i, k)).toBe(0); // beyond its kind: unused
        fields.forEach((f, k) => {
          const v = table.get(i, k);
          expect(v).toBeGreaterThanOrEqual(f.min);
          expect(v).toBeLessThanOrEqual(f.max);
          if (f.wrap !== undefined) expect(v).toBeLessThan(f.wrap);
        });
        if (kind === ArenaKind.Player) {
          // The state holds exactly the wire values: quantizing loses nothing.
          const p = player(s, table.ids[i]);
          expect(table.get(i, ArenaField.X)).toBe(p.x * 8);
          expect(table.get(i, ArenaField.Y)).toBe(p.y * 8);
          expect(table.get(i, ArenaField.VX)).toBe(p.vx * VELOCITY_SCALE);
        }
      }
    }
    expect(s.nextProjectileId).toBeLessThan(LAST_PROJECTILE_ID - 20); // it wrapped
  });

  it('declares kinds and stays within the 30-field mask', () => {
    expect(arena.entities.kinds.map((k) => [k.kind, k.name, k.fields.length])).toEqual([
      [1, 'player', 11],
      [2, 'projectile', 7],
    ]);
    for (const k of arenaSchema.kinds) expect(k.fields.length).toBeLessThanOrEqual(30);
    expect(arena.name).toBe('arena');
  });

  it('leaves a projectile row unchanged for its whole flight (sent once)', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 1);
    placePlayer(s, 1, 200, 500);
    arena.step(s, new Map([[1, input(Fire, 300)]]));
    const first = snapshotOf(s).toRows().find((r) => r.id === 256)!;
    run(s, 20);
    expect(snapshotOf(s).toRows().find((r) => r.id === 256)).toEqual(first);
  });

  it('drainEvents moves events out once', () => {
    const s = stateOn(testWorld());
    arena.addPlayer(s, 1);
    s.events.push({ type: 'respawned', id: 1 });
    const out: ArenaEvent[] = [{ type: 'killed', id: 9, by: 2 }];
    arena.drainEvents(s, out);
    expect(out).toEqual([{ type: 'killed', id: 9, by: 2 }, { type: 'respawned', id: 1 }]);
    expect(drain(s)).toEqual([]);
  });
});

