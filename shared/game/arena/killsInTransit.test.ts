/**
 * Arena v4–v5: kills in transit (docs/games/arena.md §4.3a, §4.4). A shooter
 * killed before its fire frame arrived still fires it if the frame's view tick
 * is before the death and within the lag cap (a trade), from its ghost (v5:
 * where its own frames carried it since, as its client drew it); a shot whose rewound
 * test touches a target killed since registers a damage-0 hit for its shooter.
 *
 * Layout of every case: shooter 1 at (400, 500), target 2 at (600, 500) on its
 * +x line (a shot from 1 reaches 2 at age 14), killer 3 out of the way.
 */
import { describe, expect, it } from 'vitest';
import { arena } from './arena';
import { applyHit } from './combat';
import { ArenaButton, PLAYER_MAX_HEALTH, PROJECTILE_DAMAGE } from './constants';
import { movePlayer } from './movement';
import { projectileLaunch } from './projectiles';
import type { ArenaEvent } from './schema';
import type { ArenaState } from './state';
import { input, placePlayer, player, stateOn, testWorld, type ArenaTickInput } from './testKit';

const { Fire } = ArenaButton;

function drain(state: ArenaState): ArenaEvent[] {
  const out: ArenaEvent[] = [];
  arena.drainEvents(state, out);
  return out;
}

function run(state: ArenaState, ticks: number, inputs: Map<number, ArenaTickInput> = new Map()): ArenaEvent[] {
  for (let i = 0; i < ticks; i++) arena.step(state, inputs);
  return drain(state);
}

/** Three players placed (3 at `at3`), 100 ticks played (history full), events drained. */
function arenaOfThree(at3 = { x: 400, y: 900 }): ArenaState {
  const s = stateOn(testWorld());
  for (const id of [1, 2, 3]) arena.addPlayer(s, id);
  placePlayer(s, 1, 400, 500);
  placePlayer(s, 2, 600, 500);
  placePlayer(s, 3, at3.x, at3.y);
  run(s, 100);
  return s;
}

/** Kill player `id` now, by player 3, as a projectile of 3's landing this tick would. Returns the death tick. */
function killNow(s: ArenaState, id: number): number {
  const p = player(s, id);
  p.health = PROJECTILE_DAMAGE;
  applyHit(s, p, 3);
  drain(s);
  return s.tick;
}

describe('trades: a shooter killed in transit', () => {
  /**
   * Shooter 1 dies at tick D = 100; `ticksLater` ticks after, its frame
   * {Fire, aim, viewTick} is applied. Returns 1's projectiles and the events of the next 40 ticks.
   */
  function tradeShot(ticksLater: number, viewTick: number, aim = 0, buttons = Fire) {
    const s = arenaOfThree();
    const deathTick = killNow(s, 1);
    run(s, ticksLater - 1);
    arena.step(s, new Map([[1, input(buttons, aim, viewTick)]]));
    const fired = s.projectiles.filter((p) => p.owner === 1).map((p) => ({ x0: p.x0, y0: p.y0, vx: p.vx, bornTick: p.bornTick, lagTicks: p.lagTicks }));
    return { s, deathTick, fired, events: run(s, 40) };
  }

  it('fires a frame rendered before the death, from the death position along the frame\'s aim, lag-compensated', () => {
    const { deathTick, fired, events } = tradeShot(8, 95);
    expect(deathTick).toBe(100);
    expect(fired).toEqual([{ x0: 422, y0: 500, vx: 700, bornTick: 108, lagTicks: 13 }]);
    expect(events).toEqual([{ type: 'hit', id: 2, by: 1, damage: PROJECTILE_DAMAGE }]);
  });

  it('fires from the ghost: a shooter running when it died fires from where its frames since carried it (its client\'s screen), not where it fell', () => {
    const s = arenaOfThree();
    const run8 = new Map([[1, input(ArenaButton.Down, 0, 90)]]);
    for (let i = 0; i < 8; i++) arena.step(s, run8); // running down at full speed
    const fell = { ...player(s, 1) };
    killNow(s, 1);
    // Its client, not knowing, ran on 5 more frames, then fired on the 6th.
    const drawn = { x: fell.x, y: fell.y, vx: fell.vx, vy: fell.vy };
    for (let i = 0; i < 6; i++) {
      const frame = input(i === 5 ? ArenaButton.Down | Fire : ArenaButton.Down, 0, 100);
      movePlayer(drawn, frame, s.world);
      arena.step(s, new Map([[1, frame]]));
    }
    const shot = s.projectiles.find((p) => p.owner === 1)!;
    const expected = projectileLaunch(drawn.x, drawn.y, 0, { x0: 0, y0: 0, vx: 0, vy: 0 });
    expect(drawn.y - fell.y).toBeGreaterThan(20); // the ghost is far from where it fell
    expect({ x0: shot.x0, y0: shot.y0, vx: shot.vx, vy: shot.vy }).toEqual(expected);
    expect({ x: player(s, 1).x, y: player(s, 1).y }).toEqual({ x: fell.x, y: fell.y }); // the body stays where it fell
  });

  it('does not fire a frame rendered at or after the death, without a view, beyond the lag cap, or without Fire', () => {
    expect(tradeShot(8, 100).fired).toEqual([]); // the client had seen tick 100: its death
    expect(tradeShot(8, 0).fired).toEqual([]); // no snapshot yet: no view, no compensation, no trade
    expect(tradeShot(8, Number.NaN).fired).toEqual([]);
    expect(tradeShot(8, 95, 0, 0).fired).toEqual([]);
    expect(tradeShot(26, 96).fired).toHaveLength(1); // T − V = 126 − 96 = 30 = the cap
    expect(tradeShot(26, 95).fired).toEqual([]); // 31: beyond the window
  });

  it('keeps the cooldown running while dead, as the client predicted it, and fires once per cooldown', () => {
    const s = arenaOfThree();
    const fire = new Map([[1, input(Fire, 0, 95)]]);
    arena.step(s, fire); // tick 101: alive, fires; cooldown 15
    const deathTick = killNow(s, 1);
    const bornTicks: number[] = [];
    for (let t = 0; t < 25; t++) {
      arena.step(s, new Map([[1, input(Fire, 0, deathTick - 1)]]));
      for (const p of s.projectiles) if (p.owner === 1 && !bornTicks.includes(p.bornTick)) bornTicks.push(p.bornTick);
    }
    // Fired at 101 (alive), then at 116 when the cooldown ran out, dead since 101; the next at 131 is beyond the window.
    expect(bornTicks).toEqual([101, 116]);
    expect(player(s, 1).respawnTicks).toBeGreaterThan(0);
  });

  it('a trade kill counts: the dead shooter scores', () => {
    const { s } = (() => {
      const s = arenaOfThree();
      player(s, 2).health = PROJECTILE_DAMAGE;
      killNow(s, 1);
      run(s, 4);
      arena.step(s, new Map([[1, input(Fire, 0, 96)]]));
      return { s };
    })();
    const events = run(s, 40);
    expect(events).toEqual([
      { type: 'hit', id: 2, by: 1, damage: PROJECTILE_DAMAGE },
      { type: 'killed', id: 2, by: 1 },
      { type: 'scored', id: 1, score: 1 },
    ]);
    expect(player(s, 1)).toMatchObject({ kills: 1, deaths: 1, health: 0 });
  });

  it('a dead player still does not move, and respawns on time', () => {
    const s = arenaOfThree();
    killNow(s, 1);
    const events = run(s, s.respawnDelayTicks, new Map([[1, input(Fire | ArenaButton.Up, 0, 99)]]));
    expect(events.filter((e) => e.type === 'respawned')).toEqual([{ type: 'respawned', id: 1 }]);
    expect(player(s, 1).health).toBe(PLAYER_MAX_HEALTH);
  });
});

describe('a hit on a target killed in transit', () => {
  /** 1 fires at 2 seeing tick 90 (2 alive); 2 is killed by 3 at tick `killTick` (before the shot arrives at age 14, rewound). */
  function shootAtDowned(killTick: number) {
    const s = arenaOfThree();
    arena.step(s, new Map([[1, input(Fire, 0, 90)]])); // tick 101, lag 11: tested against ticks 90 + age
    run(s, killTick - 1 - s.tick);
    arena.step(s, new Map());
    const target = player(s, 2);
    killNow(s, 2);
    const before = { health: target.health, deaths: target.deaths, respawnTicks: target.respawnTicks };
    const events = run(s, 40);
    return { s, events, before, target };
  }

  it('registers for the shooter as a hit with damage 0: no damage, no second death, no score', () => {
    const { s, events, before, target } = shootAtDowned(105);
    expect(events).toEqual([{ type: 'hit', id: 2, by: 1, damage: 0 }]);
    expect({ health: target.health, deaths: target.deaths }).toEqual({ health: before.health, deaths: before.deaths });
    expect(target.respawnTicks).toBe(before.respawnTicks - 40);
    expect(player(s, 1)).toMatchObject({ kills: 0, score: 0 });
    expect(s.projectiles.filter((p) => p.owner === 1)).toEqual([]); // the shot ended on it
  });

  it('a shot at a target dead at the rewound time misses as before', () => {
    // Killed at tick 101 and the shooter saw tick 100 + age: at the rewound ticks ≥ 104 it is down already.
    const s = arenaOfThree();
    killNow(s, 2);
    arena.step(s, new Map([[1, input(Fire, 0, 100)]]));
    expect(run(s, 40)).toEqual([]);
  });

  it('two shooters, one target: the first shot kills, the rewound second registers without a second kill', () => {
    const s = arenaOfThree({ x: 600, y: 400 }); // 3 shoots straight down at 2 (100 px: age 5) with no lag; 1 across (age 14) with lag 11
    player(s, 2).health = PROJECTILE_DAMAGE;
    arena.step(s, new Map([[1, input(Fire, 0, 90)], [3, input(Fire, 256, 101)]]));
    const events = run(s, 40);
    expect(events).toEqual([
      { type: 'hit', id: 2, by: 3, damage: PROJECTILE_DAMAGE },
      { type: 'killed', id: 2, by: 3 },
      { type: 'scored', id: 3, score: 1 },
      { type: 'hit', id: 2, by: 1, damage: 0 },
    ]);
  });

  it('a target that has left is passed through, as before', () => {
    const s = arenaOfThree({ x: 800, y: 500 }); // behind 2 on the shot's line
    arena.step(s, new Map([[1, input(Fire, 0, s.tick)]]));
    arena.removePlayer(s, 2);
    const events = run(s, 40);
    expect(events).toEqual([{ type: 'hit', id: 3, by: 1, damage: PROJECTILE_DAMAGE }]);
  });
});
