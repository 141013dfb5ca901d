/**
 * Predicted own shots (issue 13 item 2, first part), played through the
 * arena's client logic against the shared arena simulation as the server:
 * inputs reach the server UP_TICKS later, snapshots (every 2 ticks) reach the
 * client DOWN_TICKS later, and the client draws a frame every tick.
 */
import { describe, expect, it } from 'vitest';
import { arena, ArenaButton, ARENA_FIELD_COUNT, createWorld, projectileEndAge, projectileLaunch } from '../../../../shared/game/arena';
import type { ArenaState } from '../../../../shared/game/arena';
import type { TickInput } from '../../../../shared/engine/gameDefinition';
import type { ArenaInput } from '../../../../shared/game/arena';
import { EntityLayout } from '../../../../shared/protocol/entitySchema';
import { EntityTable } from '../../../../shared/protocol/entityTable';
import { placePlayer, testWorld, writeSnapshot } from '../../../../shared/game/arena/testKit';
import { lerpTables } from '../../sdk/netcode/entityLerp';
import { ArenaLogic } from './arenaLogic';
import { predictedFromSnapshot, type PredictedPlayer } from './arenaModel';
import type { FrameView, ProjectileView } from './frameView';
import { PredictedShots } from './predictedShots';

const SEED = 5;
const TICK_RATE = 60;
const TICK_MS = 1000 / TICK_RATE;
const UP_TICKS = 5;
const DOWN_TICKS = 5;
const ME = 1;
const TARGET = 2;
const layout = new EntityLayout(arena.entities);

/** An aim (input units, 1/1024 turn) whose shot from (x, y) flies at least `ticks` in the seeded world. */
function openAim(x: number, y: number, ticks: number): number {
  const world = createWorld(SEED, TICK_RATE);
  const launch = { x0: 0, y0: 0, vx: 0, vy: 0 };
  for (let aim = 0; aim < 1024; aim += 8) {
    if (projectileEndAge(world, 60, projectileLaunch(x, y, aim, launch)) >= ticks) return aim;
  }
  throw new Error('test: no open direction');
}

interface Frame {
  tick: number;
  view: FrameView;
  mine: ProjectileView[];
  /** Our projectiles in the server's state this tick. */
  serverShots: number;
  /** Where the server launched our newest projectile, if any. */
  serverLaunch: { x0: number; y0: number } | null;
}

/**
 * Plays `ticks` ticks. `fireAt(tick)` says whether our Fire is held on that
 * client tick; `deliver(tick)` whether that tick's input reaches the server.
 */
function play(opts: { ticks: number; fireAt: (t: number) => boolean; deliver?: (t: number) => boolean; target?: { x: number; y: number } }): {
  frames: Frame[];
  logic: ArenaLogic;
  server: ArenaState;
} {
  const server = arena.createState(SEED, { tickRate: TICK_RATE });
  arena.addPlayer(server, ME);
  const spawn = server.playerById[ME]!;
  const from = { x: spawn.x, y: spawn.y };
  const aim = openAim(from.x, from.y, 55);
  if (opts.target) {
    arena.addPlayer(server, TARGET);
    placePlayer(server, TARGET, opts.target.x, opts.target.y);
  }
  const logic = new ArenaLogic({ seed: SEED, tickRate: TICK_RATE, snapshotRate: 30, playerId: ME, roomId: 'r', roomName: 'r', layout });
  const model = logic.prediction.model;
  const first = writeSnapshot(server, new EntityTable(ARENA_FIELD_COUNT));
  let predicted: PredictedPlayer = predictedFromSnapshot(first, first.indexOf(ME));
  const uplink: { at: number; input: TickInput<ArenaInput> | null }[] = [];
  const downlink: { at: number; table: EntityTable }[] = [];
  let newest = first;
  const frames: Frame[] = [];
  for (let t = 1; t <= opts.ticks; t++) {
    // Client tick: input from the controls and our predicted state, predicted at once.
    const controls = { buttons: opts.fireAt(t) ? ArenaButton.Fire : 0, aimAt: null, aimDir: { dx: Math.cos((aim / 1024) * 2 * Math.PI), dy: Math.sin((aim / 1024) * 2 * Math.PI) } };
    const values = logic.input(controls, predicted);
    predicted = model.step(predicted, values);
    const delivered = opts.deliver ? opts.deliver(t) : true;
    uplink.push({ at: t + UP_TICKS, input: delivered ? { buttons: values.buttons, aim: values.aim, viewTick: 0 } : null });
    // Server tick.
    const due = uplink.length > 0 && uplink[0].at === t ? uplink.shift()!.input : null;
    arena.step(server, due ? new Map([[ME, due]]) : new Map());
    arena.drainEvents(server, []);
    if (server.tick % 2 === 0) downlink.push({ at: t + DOWN_TICKS, table: writeSnapshot(server, new EntityTable(ARENA_FIELD_COUNT)) });
    while (downlink.length > 0 && downlink[0].at <= t) newest = downlink.shift()!.table;
    // Client frame: remote entities at the newest snapshot (enough here), our shots predicted.
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
    const mine = view.projectiles.filter((p) => p.owner === ME);
    const ours = server.projectiles.filter((p) => p.owner === ME);
    const last = ours[ours.length - 1];
    frames.push({ tick: t, view, mine, serverShots: ours.length, serverLaunch: last ? { x0: last.x0, y0: last.y0 } : null });
  }
  return { frames, logic, server };
}

describe('predicted own shots', () => {
  it('draws the shot on the frame of the fire key, at the muzzle, where the server launches it', () => {
    const { frames } = play({ ticks: 40, fireAt: (t) => t === 10 });
    expect(frames[8].mine).toEqual([]);
    const drawn = frames[9].mine;
    expect(drawn).toHaveLength(1);
    // Age 0 on the first frame: the server will fire this exact launch UP_TICKS later.
    expect(frames[9].serverShots).toBe(0);
    const launchFrame = frames.find((f) => f.serverShots === 1)!;
    expect(launchFrame.tick).toBe(10 + UP_TICKS);
    expect(drawn[0].x).toBeCloseTo(launchFrame.serverLaunch!.x0, 9);
    expect(drawn[0].y).toBeCloseTo(launchFrame.serverLaunch!.y0, 9);
  });

  it('hands the shot over to the server projectile: one drawn throughout, on the server path, no duplicate', () => {
    const { frames, logic, server } = play({ ticks: 60, fireAt: (t) => t === 10 });
    for (const f of frames) expect(f.mine.length, `tick ${f.tick}`).toBeLessThanOrEqual(1);
    expect(frames.filter((f) => f.mine.length === 1).length).toBeGreaterThan(30);
    expect(logic.shots.confirmed).toBe(1);
    expect(logic.shots.unconfirmed).toBe(0);
    // Once the server's copy arrived, ours carries its id and flies its path (same launch: no blend to see).
    const matched = frames.find((f) => f.mine[0]?.id)!;
    expect(matched.mine[0].id).toBeGreaterThan(0);
    expect(server.tick).toBe(60);
  });

  it('matches two shots in flight to their own server projectiles, in order', () => {
    // Fire held for 20 ticks: the cooldown (15 ticks) allows two shots, on the client as on the server.
    const { frames, logic } = play({ ticks: 70, fireAt: (t) => t >= 10 && t < 30 });
    expect(Math.max(...frames.map((f) => f.serverShots))).toBe(2);
    expect(Math.max(...frames.map((f) => f.mine.length))).toBe(2);
    expect(logic.shots.confirmed).toBe(2);
    for (const f of frames) {
      const ids = f.mine.map((p) => p.id).filter((id) => id > 0);
      expect(new Set(ids).size, `tick ${f.tick}`).toBe(ids.length);
      // Never more drawn than the server has fired or will fire from inputs already sent.
      expect(f.mine.length).toBeLessThanOrEqual(2);
    }
  });

  it('fades out a shot the server never fires, then removes it', () => {
    const { frames, logic } = play({ ticks: 90, fireAt: (t) => t === 10, deliver: (t) => t !== 10 });
    expect(frames.every((f) => f.serverShots === 0)).toBe(true);
    const alphas = frames.flatMap((f) => f.mine.map((p) => p.alpha ?? 1));
    expect(alphas[0]).toBe(1);
    expect(Math.min(...alphas)).toBeLessThan(1);
    expect(frames[frames.length - 1].mine).toEqual([]);
    expect(logic.shots.unconfirmed).toBe(1);
    expect(logic.shots.confirmed).toBe(0);
  });

  it('stops the shot at a target drawn in its path (where the server, rewinding to our view, hits it)', () => {
    const server = arena.createState(SEED, { tickRate: TICK_RATE });
    arena.addPlayer(server, ME);
    const me = server.playerById[ME]!;
    const aim = openAim(me.x, me.y, 55);
    const rad = (aim / 1024) * 2 * Math.PI;
    const target = { x: me.x + Math.cos(rad) * 150, y: me.y + Math.sin(rad) * 150 };
    const { frames } = play({ ticks: 60, fireAt: (t) => t === 10, target });
    const drawn = frames.flatMap((f) => f.mine);
    expect(drawn.length).toBeGreaterThan(0);
    for (const p of drawn) expect(Math.hypot(p.x - me.x, p.y - me.y)).toBeLessThan(150);
    expect(frames.slice(-10).every((f) => f.mine.length === 0)).toBe(true);
  });

  it('does not predict a shot while the cooldown runs or when dead', () => {
    const { frames } = play({ ticks: 40, fireAt: (t) => t >= 10 && t < 24 });
    expect(Math.max(...frames.map((f) => f.mine.length))).toBe(1);
    const logic = new ArenaLogic({ seed: SEED, tickRate: TICK_RATE, snapshotRate: 30, playerId: ME, roomId: 'r', roomName: 'r', layout });
    const dead: PredictedPlayer = { x: 500, y: 500, vx: 0, vy: 0, alive: false, cooldownTicks: 0 };
    logic.input({ buttons: ArenaButton.Fire, aimAt: null, aimDir: { dx: 1, dy: 0 } }, dead);
    expect(logic.shots.drawnOrHeld).toBe(0);
  });
});


describe('predicted shots judge hits swept, like the server', () => {
  /** One shot from (400, 500) along +x (x = 422 + 35 px per 50 ms frame), frames at 20 fps against `target` (moving by `stepPx` per frame). */
  function touchesAt20Fps(target: { x: number; y: number }, stepPx = { x: 0, y: 0 }): { atMs: number; targetId: number }[] {
    const shots = new PredictedShots(testWorld());
    shots.fire(projectileLaunch(400, 500, 0, { x0: 0, y0: 0, vx: 0, vy: 0 }));
    for (let k = 0; k < 12; k++) {
      shots.views(k * 50, [{ id: TARGET, x: target.x + k * stepPx.x, y: target.y + k * stepPx.y, alive: true }], ME);
    }
    return shots.touches;
  }

  it('a shot passing a drawn target between two frames touches it (no frame draws it within reach)', () => {
    // Frames draw the shot at x = 562 and 597: 26.5 px from a target at (579.5, 519.9); its path passes at 19.9 px.
    expect(touchesAt20Fps({ x: 579.5, y: 519.9 })).toEqual([{ atMs: 250, targetId: TARGET }]);
    expect(touchesAt20Fps({ x: 579.5, y: 480.1 })).toEqual([{ atMs: 250, targetId: TARGET }]);
    expect(touchesAt20Fps({ x: 579.5, y: 520.1 })).toEqual([]);
  });

  it('sweeps the target from where the previous frame drew it, not from where it is now', () => {
    // The target runs up toward the line, 14 px per frame (280 px/s at 20 fps): 30 px below it when the
    // shot is drawn at x = 562, 16 px when at 597. Over that frame both moved: they never come within
    // 21 px, so no touch (the server sweeps its rewound ticks the same way). Testing the shot's path
    // against the target's newest position alone would see 16 px and count a touch.
    expect(touchesAt20Fps({ x: 579.5, y: 586 }, { x: 0, y: -14 })).toEqual([]);
    // 6 px closer, it is a touch.
    expect(touchesAt20Fps({ x: 579.5, y: 580 }, { x: 0, y: -14 })).toEqual([{ atMs: 250, targetId: TARGET }]);
  });

  it('ages a shot on the render timeline of the targets (the server tests age a against view tick + a), not the wall clock', () => {
    const shots = new PredictedShots(testWorld());
    shots.fire(projectileLaunch(400, 500, 0, { x0: 0, y0: 0, vx: 0, vy: 0 }));
    // First frame at render tick 100.3: the Input's view tick is 100, so the shot is 0.3 ticks old.
    expect(shots.views(0, [], ME, 100.3)[0].x).toBeCloseTo(422 + (700 * 0.3) / 60, 9);
    // 50 ms later the playhead, easing, has advanced only 1.7 ticks (not 3): the shot is 2 ticks old.
    expect(shots.views(50, [], ME, 102)[0].x).toBeCloseTo(422 + (700 * 2) / 60, 9);
    // Without render ticks the wall clock is used.
    const plain = new PredictedShots(testWorld());
    plain.fire(projectileLaunch(400, 500, 0, { x0: 0, y0: 0, vx: 0, vy: 0 }));
    plain.views(0, [], ME);
    expect(plain.views(50, [], ME)[0].x).toBeCloseTo(422 + (700 * 3) / 60, 9);
  });

  /** One shot from (400, 500) along +x in an empty world (x = 422 + 700/60 px per tick, gone at age 61), drawn at these ages. */
  function touchesAtAges(ages: number[], targets: { id: number; x: number; y: number }[]): { atMs: number; targetId: number }[] {
    const shots = new PredictedShots(testWorld());
    shots.fire(projectileLaunch(400, 500, 0, { x0: 0, y0: 0, vx: 0, vy: 0 }));
    ages.forEach((age, k) => shots.views(k * 16, targets.map((t) => ({ ...t, alive: true })), ME, 100 + age));
    return shots.touches;
  }
  const xAt = (age: number) => 422 + (700 * age) / 60;

  it('judges only the path the server tests: up to age endAge − 1, not the stretch drawn after it', () => {
    // Lifetime 60 ticks: the server tests ages 0–60 and removes the shot at 61. A target 19.5 px off the line,
    // 3 px ahead of where age 60.5 is drawn, is within reach of the drawn shot only past age 60.
    expect(touchesAtAges([0, 60.5], [{ id: TARGET, x: xAt(60.5) + 3, y: 519.5 }])).toEqual([]);
    // Level with age 60 it is touched, on the same frames.
    expect(touchesAtAges([0, 60.5], [{ id: TARGET, x: xAt(60), y: 519.5 }])).toEqual([{ atMs: 16, targetId: TARGET }]);
  });

  it('a frame drawn past the end still judges the stretch since the previous frame (20 fps frames skip the end)', () => {
    // Frames at ages 59.5 and then 62 (past the end at 61): the target is within reach only between 59.5 and 60.
    expect(touchesAtAges([0, 59.5, 62], [{ id: TARGET, x: xAt(60), y: 519.5 }])).toEqual([{ atMs: 32, targetId: TARGET }]);
  });

  it('tests the muzzle against the targets where they are on the shot\'s first frame, not swept over the frame before it', () => {
    const shots = new PredictedShots(testWorld());
    shots.views(0, [{ id: TARGET, x: 422, y: 500, alive: true }], ME); // a frame before the shot: the target on the muzzle
    shots.fire(projectileLaunch(400, 500, 0, { x0: 0, y0: 0, vx: 0, vy: 0 }));
    shots.views(50, [{ id: TARGET, x: 422, y: 530, alive: true }], ME); // the shot's first frame: it has moved 30 px away
    shots.views(100, [{ id: TARGET, x: 422, y: 530, alive: true }], ME);
    expect(shots.touches).toEqual([]);
  });

  it('two targets touched within one tick: the lowest id wins, as the server scans them', () => {
    const above = { id: 3, x: xAt(10), y: 485 };
    const below = { id: TARGET, x: xAt(10), y: 515 };
    expect(touchesAtAges([0, 5, 10, 15], [above, below])).toEqual([{ atMs: 32, targetId: TARGET }]);
    expect(touchesAtAges([0, 5, 10, 15], [below, above])).toEqual([{ atMs: 32, targetId: TARGET }]);
  });

  it('a Fire that reached the server in a later message (the first was lost) is re-aged from the server\'s view tick at the match, without a jump', () => {
    const shots = new PredictedShots(testWorld());
    shots.fire(projectileLaunch(400, 500, 0, { x0: 0, y0: 0, vx: 0, vy: 0 }));
    shots.views(0, [], ME, 100); // our guess: the Input's view tick is 100
    expect(shots.views(80, [], ME, 105)[0].x).toBeCloseTo(xAt(5), 9);
    // The server fired it at 125 from view tick 103 (lag 22): the message that reached it was sent 3 ticks later.
    shots.reconcile(126, [{ id: 300, bornTick: 125, viewTick: 103, x0: 422, y0: 500, vx: 700, vy: 0 }], 80);
    expect(shots.views(80, [], ME, 105)[0].x).toBeCloseTo(xAt(5), 9); // still drawn where it was
    expect(shots.views(1500, [], ME, 110)[0].x).toBeCloseTo(xAt(110 - 103), 3); // then on the server's timeline
    expect(shots.viewLagTicks).toBe(22);
  });

  it('cancels the shots the server never fired once our death arrives: they fade at once and hit nothing', () => {
    const shots = new PredictedShots(testWorld());
    shots.fire(projectileLaunch(400, 500, 0, { x0: 0, y0: 0, vx: 0, vy: 0 }));
    const target = [{ id: TARGET, x: 470, y: 500, alive: true }]; // in its path, reached at ~age 3
    expect(shots.views(0, target, ME)).toHaveLength(1);
    shots.cancelUnconfirmed(10);
    const fading = shots.views(50, target, ME);
    expect(fading).toHaveLength(1);
    expect(fading[0].alpha).toBeLessThan(1);
    expect(shots.touches).toEqual([]);
    expect(shots.views(200, target, ME)).toEqual([]);
    expect(shots.unconfirmed).toBe(1);
  });
});
