/**
 * The arena's DOM-free client logic for one session: the world (from the
 * Welcome's seed), prediction hooks, controls → input, events → effects and
 * feed lines, and the frame's view (remote players interpolated, our own
 * player predicted, with the aim we last sent).
 */
import {
  aimFromInput,
  aimToRadians,
  ArenaButton,
  ArenaKind,
  ArenaField,
  createWorld,
  lagCompCapTicks,
  msToTicks,
  playerFromSnapshot,
  RESPAWN_DELAY_MS,
  projectileFromSnapshot,
  projectileLaunch,
  ProjectileField,
  type ArenaWorld,
  type PlayerSnapshot,
  type ProjectileLaunch,
} from '../../../../shared/game/arena';
import type { EntityTable } from '../../../../shared/protocol/entityTable';
import type { AnyEvent } from '../../../../shared/protocol/eventSchema';
import type { InputValues } from '../../../../shared/protocol/inputSchema';
import type { EventContext, GameLogic, PredictionHooks, SessionInfo, ViewSample } from '../../sdk/gameModule';
import type { LerpSpec } from '../../sdk/netcode/entityLerp';
import { ArenaEffects } from './arenaEffects';
import { ArenaInputMapper, type ArenaControls } from './arenaInput';
import { newArenaProbe, OwnStepWatch, publishArenaProbe, shotDrawn, type ArenaProbe } from './arenaProbe';
import { arenaLerp, arenaPrediction, type PredictedPlayer } from './arenaModel';
import { playerView, remoteView, type FrameView } from './frameView';
import { PredictedShots, type ServerShot } from './predictedShots';

export class ArenaLogic implements GameLogic<PredictedPlayer, FrameView, ArenaControls> {
  readonly world: ArenaWorld;
  readonly lerp: LerpSpec;
  readonly prediction: PredictionHooks<PredictedPlayer>;
  readonly fx = new ArenaEffects();
  readonly shots: PredictedShots;
  private readonly mapper = new ArenaInputMapper();
  private readonly launch: ProjectileLaunch = { x0: 0, y0: 0, vx: 0, vy: 0 };
  private readonly mine: ServerShot[] = [];
  /** Our player's row at our death (reused). */
  private corpse: PlayerSnapshot | undefined;
  /**
   * Hits the server registered for our shots, newest last (at most 256; a reader drains it);
   * `down`: the target was already down on the server (damage 0: killed in transit by another shot).
   */
  readonly hitsByMe: { atMs: number; targetId: number; down: boolean }[] = [];
  /** Every death the server reported (anyone's), newest last (at most 256; a reader drains it). */
  readonly deaths: { atMs: number; targetId: number }[] = [];
  /** Tick of the snapshot our shots were last reconciled with. */
  private reconciledTick = -1;
  /** Netcode counters for tests and debugging (window.__tickwireArena in a browser). */
  readonly probe: ArenaProbe = newArenaProbe();
  private readonly ownStep = new OwnStepWatch(this.probe);
  /**
   * Players the server reported killed whose death the interpolated view does
   * not show yet (it draws ~100 ms behind the newest snapshot, which brought
   * the event). Drawn dead at once: they are dead on the server, no shot of
   * ours can damage them, so our screen must not offer them to shoot at. A shot
   * already on its way still meets them on the render timeline (the server's
   * rewound one) and registers without damage (arena v4): predicted shots are
   * judged before this override.
   */
  private readonly diedAhead = new Map<number, number>();
  private readonly respawnDelayTicks: number;
  /**
   * Our death arrived: shots the server has not fired by the next reconcile
   * still fire if they are within the trade window (trades.ts), else never.
   */
  private diedOnServer = false;
  private readonly tradeWindowTicks: number;
  /** Predicted shots already seen drawn (probe.shotsDrawn). */
  private shotsDrawn = 0;

  constructor(session: SessionInfo) {
    this.world = createWorld(session.seed, session.tickRate);
    this.lerp = arenaLerp(session.layout);
    this.prediction = arenaPrediction(this.world);
    this.shots = new PredictedShots(this.world);
    this.tradeWindowTicks = lagCompCapTicks(session.tickRate);
    this.respawnDelayTicks = msToTicks(RESPAWN_DELAY_MS, session.tickRate);
    publishArenaProbe(this.probe);
  }

  /** `predicted` is our state before this tick: if the server will fire on it, the shot is drawn from the next frame. */
  input(controls: ArenaControls | null, predicted: PredictedPlayer | null): InputValues {
    const values = this.mapper.input(controls, predicted);
    // Dead on our screen: no Fire. A frame rendered before the death would still fire on the server
    // (a trade, trades.ts), and this one we did not draw.
    if (predicted && !predicted.alive) values.buttons &= ~ArenaButton.Fire;
    // The server's rule (stepArena): alive, Fire held, cooldown at 0 after this tick's decrement; fired after moving.
    if (predicted && predicted.alive && (values.buttons & ArenaButton.Fire) !== 0 && predicted.cooldownTicks <= 1) {
      const model = this.prediction.model;
      const moved = model.step(model.clone(predicted), values);
      const aim = aimFromInput(values.aim);
      this.shots.fire(projectileLaunch(moved.x, moved.y, aim, this.launch));
      this.probe.shotsFired++;
    }
    return values;
  }

  onEvent(event: AnyEvent, ctx: EventContext): void {
    if (event.type === 'hit' && event.by === ctx.playerId && event.id !== ctx.playerId) {
      if (this.hitsByMe.length >= 256) this.hitsByMe.shift();
      this.hitsByMe.push({ atMs: ctx.nowMs, targetId: Number(event.id), down: Number(event.damage) === 0 });
    }
    if (event.type === 'killed' && event.id !== ctx.playerId) this.diedAhead.set(Number(event.id), Number.NaN);
    if (event.type === 'killed' && event.id === ctx.playerId) this.diedOnServer = true;
    if (event.type === 'respawned') this.diedAhead.delete(Number(event.id));
    if (event.type === 'killed') {
      if (this.deaths.length >= 256) this.deaths.shift();
      this.deaths.push({ atMs: ctx.nowMs, targetId: Number(event.id) });
    }
    this.fx.onEvent(event, ctx);
  }

  view(s: ViewSample<PredictedPlayer>): FrameView {
    this.probe.views++;
    this.fx.expire(s.nowMs);
    const newest = s.newest;
    if (newest && newest.tick !== this.reconciledTick) {
      this.reconciledTick = newest.tick;
      this.shots.reconcile(newest.tick, this.shotsOf(newest, s.playerId, s.tickRate), s.nowMs);
      if (this.diedOnServer) this.diedOnServer = !this.onOwnDeath(newest, s.myRow, s.nowMs);
    }
    const view = remoteView(this.world, s.drawn, s.renderTick, s.tickRate, s.playerId, s.nameOf);
    view.effects = this.fx.effects;
    // Our own shots: predicted ones in our present, in place of the server's interpolated copies.
    let kept = 0;
    for (const p of view.projectiles) if (!this.shots.owns(p.id)) view.projectiles[kept++] = p;
    view.projectiles.length = kept;
    // Shots are judged against the players on the render timeline — the server's rewound one, where a
    // player killed in transit is still alive and takes the shot as a damage-0 hit (arena v4) — and
    // only then are deaths the server already reported drawn.
    if (newest) this.hideTargetsPastDeath(view, newest, s.renderTick);
    for (const p of this.shots.views(s.nowMs, view.players, s.playerId, s.renderTick)) view.projectiles.push(p);
    this.showDeathsAhead(view);
    // views() drew every shot predicted so far (age 0 on its first frame).
    while (this.shotsDrawn < this.shots.fired) shotDrawn(this.probe, ++this.shotsDrawn);
    // Me: predicted position, my own aim, the newest snapshot's health and score.
    if (newest && s.myRow >= 0 && s.predictedDraw) {
      const f = newest.fieldCount;
      const me = playerView(s.playerId, s.nameOf(s.playerId), newest.values.subarray(s.myRow * f, (s.myRow + 1) * f), true);
      me.x = s.predictedDraw.x;
      me.y = s.predictedDraw.y;
      me.aimRad = aimToRadians(aimFromInput(this.mapper.aim));
      view.players.push(me);
      this.ownStep.frame(s.nowMs, me.x, me.y, me.alive);
    } else {
      this.ownStep.frame(s.nowMs, 0, 0, false);
    }
    return view;
  }

  /**
   * Our death was reported; `table` is the newest snapshot. Once it shows us dead (it then carries every
   * shot the server fired for us before), the shots it has not fired yet: beyond the trade window it never
   * will (they fade at once); within it, it fires them from where our screen drew us (trades.ts: the
   * ghost), so they fly on as drawn. Returns false while the snapshot does not show the death yet.
   */
  private onOwnDeath(table: EntityTable, myRow: number, nowMs: number): boolean {
    if (myRow < 0) return true;
    const me = (this.corpse = playerFromSnapshot(table.values, myRow * table.fieldCount, this.corpse));
    if (me.respawnTicks === 0) return false;
    if (this.shots.viewLagTicks > this.tradeWindowTicks) this.shots.cancelUnconfirmed(nowMs);
    else this.shots.expectTrades();
    return true;
  }

  /**
   * A player reported killed is alive in the server's hitbox history through its death tick D and dead
   * after; the interpolated rows switch at snapshot granularity (every 2 ticks), up to a tick later. For
   * our shots' touches it is dead from render tick D on. D comes from its row: a snapshot at tick S
   * carries respawnTicks = respawn delay − (S − D).
   */
  private hideTargetsPastDeath(view: FrameView, newest: EntityTable, renderTick: number): void {
    if (this.diedAhead.size === 0) return;
    for (const [id, known] of this.diedAhead) {
      if (!Number.isNaN(known)) continue;
      const row = newest.indexOf(id);
      if (row < 0) continue;
      const respawnTicks = newest.values[row * newest.fieldCount + ArenaField.RespawnTicks];
      if (respawnTicks > 0) this.diedAhead.set(id, newest.tick - this.respawnDelayTicks + respawnTicks);
    }
    for (const p of view.players) {
      const deathTick = this.diedAhead.get(p.id);
      if (deathTick !== undefined && renderTick > deathTick) p.alive = false;
    }
  }

  /** Players known dead on the server are drawn dead now; those gone from the view are forgotten. */
  private showDeathsAhead(view: FrameView): void {
    if (this.diedAhead.size === 0) return;
    for (const id of this.diedAhead.keys()) if (!view.players.some((p) => p.id === id)) this.diedAhead.delete(id);
    for (const p of view.players) if (this.diedAhead.has(p.id)) p.alive = false;
  }

  /** Our projectiles in `table` as the server launched them. */
  private shotsOf(table: EntityTable, myId: number, tickRate: number): ServerShot[] {
    const mine = this.mine;
    mine.length = 0;
    const f = table.fieldCount;
    for (let r = 0; r < table.count; r++) {
      if (table.kinds[r] !== ArenaKind.Projectile) continue;
      const born = table.values[r * f + ProjectileField.BornTick];
      const p = projectileFromSnapshot(table.values, born, tickRate, r * f);
      if (p.owner !== myId) continue;
      mine.push({ id: table.ids[r], bornTick: p.bornTick, viewTick: p.bornTick - p.lagTicks, x0: p.x, y0: p.y, vx: p.vx, vy: p.vy });
    }
    return mine;
  }
}
