/**
 * Kills in transit on the shooter's client (arena v4–v5, shared/game/arena/trades.ts):
 * a shot we fired before our death reached us still flies and counts where the
 * server fires it (a trade); once we know we are dead we send no Fire; a hit
 * on a target already down (damage 0) marks our crosshair and wounds nobody.
 *
 * The loop: the shared arena simulation as the server, inputs reaching it
 * UP_TICKS later, snapshots (every 2 ticks) with their events reaching the
 * client DOWN_TICKS later, one client frame per tick drawn at the newest snapshot.
 */
import { describe, expect, it } from 'vitest';
import { arena, ArenaButton, ARENA_FIELD_COUNT, PROJECTILE_DAMAGE, projectileLaunch, type ArenaEvent, type ArenaInput, type ArenaState } from '../../../../shared/game/arena';
import { applyHit } from '../../../../shared/game/arena/combat';
import { placePlayer, writeSnapshot } from '../../../../shared/game/arena/testKit';
import type { TickInput } from '../../../../shared/engine/gameDefinition';
import { EntityLayout } from '../../../../shared/protocol/entitySchema';
import { EntityTable } from '../../../../shared/protocol/entityTable';
import type { AnyEvent } from '../../../../shared/protocol/eventSchema';
import { lerpTables } from '../../sdk/netcode/entityLerp';
import { ArenaEffects, hitLanded, hitTaken } from './arenaEffects';
import { ArenaLogic } from './arenaLogic';
import { predictedFromSnapshot, type PredictedPlayer } from './arenaModel';

const SEED = 5;
const TICK_RATE = 60;
const TICK_MS = 1000 / TICK_RATE;
const UP_TICKS = 5;
const DOWN_TICKS = 5;
const ME = 1;
const TARGET = 2;
const KILLER = 3;
const layout = new EntityLayout(arena.entities);

interface Played {
  server: ArenaState;
  logic: ArenaLogic;
  /** Server events, as they happened. */
  events: ArenaEvent[];
  /** Client ticks at which a frame drew one of our shots at full opacity. */
  drawnTicks: number[];
  /** Buttons of every input frame we sent, by client tick. */
  sent: number[];
}

/**
 * We stand at our spawn point aiming along +x at a target 150 px away (our shot
 * reaches it at about age 9); Fire on client tick FIRE_TICK; the server kills us
 * at server tick `killTick` (before our input arrives at FIRE_TICK + UP_TICKS).
 */
const FIRE_TICK = 20;
function play(killTick: number, holdTicks = 1, ticks = 60): Played {
  const server = arena.createState(SEED, { tickRate: TICK_RATE });
  for (const id of [ME, TARGET, KILLER]) arena.addPlayer(server, id);
  const me = placePlayer(server, ME, 300, 140);
  placePlayer(server, TARGET, me.x + 150, me.y);
  placePlayer(server, KILLER, 300, 900);
  const logic = new ArenaLogic({ seed: SEED, tickRate: TICK_RATE, snapshotRate: 30, playerId: ME, roomId: 'r', roomName: 'r', layout });
  const model = logic.prediction.model;
  const uplink: { at: number; input: TickInput<ArenaInput> }[] = [];
  const downlink: { at: number; table: EntityTable; events: ArenaEvent[] }[] = [];
  let newest = writeSnapshot(server, new EntityTable(ARENA_FIELD_COUNT));
  let predicted: PredictedPlayer = predictedFromSnapshot(newest, newest.indexOf(ME));
  const out: Played = { server, logic, events: [], drawnTicks: [], sent: [] };
  let pending: ArenaEvent[] = [];
  for (let t = 1; t <= ticks; t++) {
    const controls = { buttons: t >= FIRE_TICK && t < FIRE_TICK + holdTicks ? ArenaButton.Fire : 0, aimAt: null, aimDir: { dx: 1, dy: 0 } };
    const values = logic.input(controls, predicted);
    predicted = model.step(predicted, values);
    out.sent.push(values.buttons);
    uplink.push({ at: t + UP_TICKS, input: { buttons: values.buttons, aim: values.aim, viewTick: newest.tick } });
    const due = uplink[0]?.at === t ? uplink.shift()!.input : null;
    arena.step(server, due ? new Map([[ME, due]]) : new Map());
    if (server.tick === killTick) {
      const victim = server.playerById[ME]!;
      victim.health = PROJECTILE_DAMAGE;
      applyHit(server, victim, KILLER);
    }
    arena.drainEvents(server, pending);
    if (server.tick % 2 === 0) {
      out.events.push(...pending);
      downlink.push({ at: t + DOWN_TICKS, table: writeSnapshot(server, new EntityTable(ARENA_FIELD_COUNT)), events: pending });
      pending = [];
    }
    while (downlink.length > 0 && downlink[0].at <= t) {
      const d = downlink.shift()!;
      newest = d.table;
      for (const e of d.events) logic.onEvent(e as AnyEvent, { nowMs: t * TICK_MS, playerId: ME, nameOf: (id) => `p${id}`, feed: () => undefined });
      // Prediction restarts from the snapshot (no unacked inputs in this loop: the snapshot is the newest truth).
      predicted = predictedFromSnapshot(newest, newest.indexOf(ME));
    }
    const view = logic.view({
      nowMs: t * TICK_MS,
      renderTick: newest.tick,
      tickRate: TICK_RATE,
      playerId: ME,
      drawn: lerpTables(newest, newest, 0, logic.lerp),
      newest,
      myRow: newest.indexOf(ME),
      predicted,
      predictedDraw: { x: predicted.x, y: predicted.y },
      nameOf: (id) => `p${id}`,
    });
    if (view.projectiles.some((p) => p.owner === ME && (p.alpha ?? 1) === 1)) out.drawnTicks.push(t);
  }
  return out;
}

describe('kills in transit on the shooter\'s screen', () => {
  it('a shot fired before our death reached us flies on, touches the target on our screen, and the server registers it (a trade)', () => {
    // Killed at server tick 22; our Fire (client tick 20, view tick ~14) arrives at 25; the death reaches us at 27,
    // before our shot (drawn from tick 20) reaches the target at about age 9.
    const { logic, events } = play(FIRE_TICK + 2);
    expect(events.filter((e) => e.type === 'killed')).toEqual([{ type: 'killed', id: ME, by: KILLER }]);
    expect(logic.shots.touches.map((t) => t.targetId)).toEqual([TARGET]);
    expect(events.filter((e) => e.type === 'hit' && e.by === ME)).toEqual([{ type: 'hit', id: TARGET, by: ME, damage: PROJECTILE_DAMAGE }]);
    expect(logic.hitsByMe.map((h) => [h.targetId, h.down])).toEqual([[TARGET, false]]);
    expect(logic.shots.unconfirmed).toBe(0);
  });

  it('sends no Fire once a snapshot shows us dead (a frame rendered before the death would still fire, undrawn)', () => {
    const { sent } = play(FIRE_TICK - 10, 40);
    // Dead from server tick 10; the snapshot of tick 10 reaches us at client tick 15, before Fire is held (20 onward).
    expect(sent.slice(FIRE_TICK - 1).every((b) => (b & ArenaButton.Fire) === 0)).toBe(true);
  });

  it('cancels our unconfirmed shots at our death only when our shots are rewound beyond the trade window', () => {
    const cancelledAtDeath = (viewLagTicks: number): number => {
      const server = arena.createState(SEED, { tickRate: TICK_RATE });
      arena.addPlayer(server, ME);
      for (let i = 0; i < 5; i++) applyHit(server, server.playerById[ME]!, KILLER); // 5 × 20: dead
      const table = writeSnapshot(server, new EntityTable(ARENA_FIELD_COUNT)); // shows us dead
      const logic = new ArenaLogic({ seed: SEED, tickRate: TICK_RATE, snapshotRate: 30, playerId: ME, roomId: 'r', roomName: 'r', layout });
      logic.shots.fire({ x0: 500, y0: 500, vx: 700, vy: 0 });
      logic.shots.viewLagTicks = viewLagTicks; // as measured from our confirmed shots (bornTick − view tick)
      logic.onEvent({ type: 'killed', id: ME, by: KILLER } as AnyEvent, { nowMs: 0, playerId: ME, nameOf: (id) => `p${id}`, feed: () => undefined });
      logic.view({ nowMs: 0, renderTick: table.tick, tickRate: TICK_RATE, playerId: ME, drawn: lerpTables(table, table, 0, logic.lerp), newest: table, myRow: table.indexOf(ME), predicted: null, predictedDraw: null, nameOf: (id) => `p${id}` });
      return logic.shots.unconfirmed;
    };
    expect(cancelledAtDeath(12)).toBe(0); // the server will fire it (trade): it flies on
    expect(cancelledAtDeath(Number.NaN)).toBe(0); // nothing measured yet: let the server decide, the timeout fades it otherwise
    expect(cancelledAtDeath(31)).toBe(1); // beyond the 30-tick window: never fired, faded at once
  });

  it('keeps our unfired shots where we drew them at our death (the server fires them from our ghost, there), counted as trades', () => {
    const server = arena.createState(SEED, { tickRate: TICK_RATE });
    arena.addPlayer(server, ME);
    const corpse = placePlayer(server, ME, 300, 140);
    for (let i = 0; i < 5; i++) applyHit(server, corpse, KILLER);
    const before = writeSnapshot(server, new EntityTable(ARENA_FIELD_COUNT));
    arena.step(server, new Map());
    const after = writeSnapshot(server, new EntityTable(ARENA_FIELD_COUNT)); // the snapshot the death event came with
    const logic = new ArenaLogic({ seed: SEED, tickRate: TICK_RATE, snapshotRate: 30, playerId: ME, roomId: 'r', roomName: 'r', layout });
    // Predicted 40 px further down than where the server had us die (we ran on, not knowing); aim 0 (+x).
    logic.shots.fire(projectileLaunch(300, 180, 0, { x0: 0, y0: 0, vx: 0, vy: 0 }));
    const frame = (k: number, table: EntityTable) =>
      logic.view({ nowMs: k * TICK_MS, renderTick: table.tick + k, tickRate: TICK_RATE, playerId: ME, drawn: lerpTables(table, table, 0, logic.lerp), newest: table, myRow: table.indexOf(ME), predicted: null, predictedDraw: null, nameOf: (id) => `p${id}` }).projectiles[0];
    expect(frame(0, before).y).toBe(180);
    logic.onEvent({ type: 'killed', id: ME, by: KILLER } as AnyEvent, { nowMs: 0, playerId: ME, nameOf: (id) => `p${id}`, feed: () => undefined });
    expect(frame(1, after).y).toBe(180);
    expect(frame(3, after).y).toBe(180); // never pulled toward where we fell
    expect(logic.shots.tradesExpected).toBe(1);
    expect(logic.shots.unconfirmed).toBe(0);
  });
});

describe('a hit on a target already down (damage 0)', () => {
  const ctx = (nowMs: number) => ({ nowMs, playerId: ME, nameOf: (id: number) => `p${id}`, feed: () => undefined });

  it('our shot meets a target reported killed while the render timeline still has it alive (as the server rewinds), drawn dead', () => {
    const server = arena.createState(SEED, { tickRate: TICK_RATE });
    arena.addPlayer(server, ME);
    arena.addPlayer(server, TARGET);
    placePlayer(server, ME, 300, 140);
    placePlayer(server, TARGET, 450, 140);
    const table = writeSnapshot(server, new EntityTable(ARENA_FIELD_COUNT)); // the interpolated rows: target alive
    const logic = new ArenaLogic({ seed: SEED, tickRate: TICK_RATE, snapshotRate: 30, playerId: ME, roomId: 'r', roomName: 'r', layout });
    logic.shots.fire({ x0: 322, y0: 140, vx: 700, vy: 0 });
    logic.onEvent({ type: 'killed', id: TARGET, by: KILLER } as AnyEvent, ctx(0)); // killed by someone else, reported at once
    let drawnAlive = true;
    for (let k = 0; k < 20; k++) {
      const view = logic.view({ nowMs: k * TICK_MS, renderTick: table.tick + k, tickRate: TICK_RATE, playerId: ME, drawn: lerpTables(table, table, 0, logic.lerp), newest: table, myRow: -1, predicted: null, predictedDraw: null, nameOf: (id) => `p${id}` });
      drawnAlive &&= view.players.find((p) => p.id === TARGET)!.alive;
    }
    expect(drawnAlive).toBe(false); // drawn dead from the event on: nothing to aim at
    expect(logic.shots.touches.map((t) => t.targetId)).toEqual([TARGET]); // but the shot in flight ends on it
  });

  it('…but not once the render timeline has passed its death tick (the server\'s history has it dead from D + 1)', () => {
    const server = arena.createState(SEED, { tickRate: TICK_RATE });
    arena.addPlayer(server, ME);
    arena.addPlayer(server, TARGET);
    placePlayer(server, ME, 300, 140);
    placePlayer(server, TARGET, 450, 140);
    for (let i = 0; i < 10; i++) arena.step(server, new Map());
    const alive = writeSnapshot(server, new EntityTable(ARENA_FIELD_COUNT)); // tick 10: what the interpolation still draws
    for (let i = 0; i < 5; i++) applyHit(server, server.playerById[TARGET]!, KILLER); // killed at tick 10
    for (let i = 0; i < 4; i++) arena.step(server, new Map());
    const dead = writeSnapshot(server, new EntityTable(ARENA_FIELD_COUNT)); // tick 14, respawnTicks = delay − 4
    const touches = (fromRenderTick: number): number[] => {
      const logic = new ArenaLogic({ seed: SEED, tickRate: TICK_RATE, snapshotRate: 30, playerId: ME, roomId: 'r', roomName: 'r', layout });
      logic.shots.fire({ x0: 322, y0: 140, vx: 700, vy: 0 });
      logic.onEvent({ type: 'killed', id: TARGET, by: KILLER } as AnyEvent, ctx(0));
      for (let k = 0; k < 20; k++) {
        logic.view({ nowMs: k * TICK_MS, renderTick: fromRenderTick + k, tickRate: TICK_RATE, playerId: ME, drawn: lerpTables(alive, alive, 0, logic.lerp), newest: dead, myRow: -1, predicted: null, predictedDraw: null, nameOf: (id) => `p${id}` });
      }
      return logic.shots.touches.map((t) => t.targetId);
    };
    expect(touches(0)).toEqual([TARGET]); // reaches it at about age 9: render tick 9 ≤ 10
    expect(touches(2)).toEqual([]); // render tick 11 when it gets there: dead on the server's rewound timeline too
  });

  it('marks the shooter\'s crosshair, takes no health, and flashes nobody', () => {
    const fx = new ArenaEffects();
    fx.onEvent({ type: 'hit', id: TARGET, by: ME, damage: 0 } as AnyEvent, ctx(0));
    expect(hitLanded(fx.effects, ME)?.damage).toBe(0);
    expect(hitTaken(fx.effects, TARGET)).toBeNull(); // the target, already down, is not wounded again
    fx.onEvent({ type: 'hit', id: TARGET, by: ME, damage: 20 } as AnyEvent, ctx(10));
    expect(hitTaken(fx.effects, TARGET)?.damage).toBe(20);
  });

  it('is a registered hit for the harness and the HUD, flagged down', () => {
    const logic = new ArenaLogic({ seed: SEED, tickRate: TICK_RATE, snapshotRate: 30, playerId: ME, roomId: 'r', roomName: 'r', layout });
    logic.onEvent({ type: 'hit', id: TARGET, by: ME, damage: 0 } as AnyEvent, ctx(5));
    expect(logic.hitsByMe).toEqual([{ atMs: 5, targetId: TARGET, down: true }]);
  });
});
