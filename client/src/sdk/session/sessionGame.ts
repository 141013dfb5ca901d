/**
 * The game side of a session, built from one Welcome: the game's codec and
 * logic, the snapshot store, interpolation, prediction and the input sender.
 *
 *   Snapshot ─▶ SnapshotStore ─▶ InterpolationBuffer (everyone)
 *                           └──▶ Predictor.reconcile (me, the game's hooks)
 *   tick(controls) ─▶ logic.input ─▶ InputSender ─▶ Predictor.applyInput ─▶ bytes to send
 *   view(now) ─▶ ViewSample ─▶ logic.view
 */
import type { GameCodec } from '../../../../shared/protocol/gameCodec';
import type { WelcomeBody } from '../../../../shared/protocol/messages';
import type { SnapshotFrame } from '../../../../shared/protocol/snapshotFrame';
import type { AnyClientGame, GameLogic, SessionInfo } from '../gameModule';
import { InputSender } from '../net/inputSender';
import type { NetStats } from '../net/netStats';
import { DrawnTable, drawnPosition, lerpTables } from '../netcode/entityLerp';
import { defaultInterpolationOptions, InterpolationBuffer } from '../netcode/interpolationBuffer';
import { Predictor } from '../netcode/prediction';
import { SnapshotStore } from '../../../../shared/protocol/snapshotStore';
import type { RoomFeed } from './roomFeed';

type AnyLogic = GameLogic<unknown, unknown, unknown>;

/** A player as the debug hook reports it: where it is drawn this frame. */
export interface DrawnPlayer {
  id: number;
  name: string;
  x: number;
  y: number;
}

/** Snapshots a client keeps as delta baselines (the server diffs against any it acknowledged). */
const BASELINES = 64;

export class SessionGame {
  readonly logic: AnyLogic;
  readonly store: SnapshotStore;
  readonly interp: InterpolationBuffer;
  private readonly predictor: Predictor<unknown> | null;
  private readonly sender: InputSender;
  private readonly drawn: DrawnTable;
  /** The render tick (fractional) of the last view and when it was drawn: the view tick our inputs report. */
  private renderTick = 0;
  private renderedAtMs = Number.NaN;
  /** A delta did not fit our baselines: acknowledge nothing until a full snapshot arrives. */
  private needFullSnapshot = false;
  /** Where the last view drew our predicted player. */
  private lastPredictedDraw: { x: number; y: number } | null = null;
  /** The last view drew remote entities past the newest snapshot (the buffer ran dry). */
  lastViewExtrapolated = false;
  /** The last view moved our player this far beyond its own predicted motion (a visible correction), world units. */
  lastViewJump = 0;
  /** Hard snaps of our predicted player (teleport-sized corrections). */
  get hardSnaps(): number {
    return this.predictor?.snaps ?? 0;
  }

  constructor(
    readonly module: AnyClientGame,
    readonly codec: GameCodec,
    readonly welcome: WelcomeBody,
    private readonly room: RoomFeed,
    ticksPerMessage?: number,
  ) {
    this.logic = module.createLogic(sessionInfo(welcome, codec)) as AnyLogic;
    this.predictor = this.logic.prediction ? new Predictor(this.logic.prediction.model) : null;
    this.store = new SnapshotStore(codec.layout, BASELINES);
    this.drawn = new DrawnTable(codec.layout.stride);
    this.interp = new InterpolationBuffer(defaultInterpolationOptions(welcome.tickRate, welcome.snapshotRate));
    this.sender = new InputSender(codec.input, Math.max(1, Math.round(welcome.tickRate / welcome.snapshotRate)), ticksPerMessage);
  }

  get playerId(): number {
    return this.welcome.playerId;
  }

  private get tickMs(): number {
    return 1000 / this.welcome.tickRate;
  }

  /** Reconciliations that moved our player (smoothed or snapped). */
  get correctionsTotal(): number {
    return this.predictor ? this.predictor.corrections + this.predictor.snaps : 0;
  }

  /** The server holds our Input frames through `seq` (InputAck): stop repeating them; time input→ack. */
  onInputAck(seq: number, stats: NetStats): void {
    stats.onInputAck(this.sender.onInputAck(seq));
  }

  onSnapshot(frame: SnapshotFrame, nowMs: number, stats: NetStats): void {
    const result = this.store.apply(frame.delta);
    if (!result.ok) {
      if (result.reason === 'missing-baseline' || result.reason === 'mismatch') this.needFullSnapshot = true;
      return;
    }
    if (frame.delta.baseTick === 0) this.needFullSnapshot = false;
    const table = result.table;
    this.sender.acknowledge(frame.ackSeq);
    this.interp.push(table, nowMs);
    stats.onSnapshot(table.tick, nowMs);
    const hooks = this.logic.prediction;
    if (!this.predictor || !hooks) return;
    const row = table.indexOf(this.playerId);
    if (row < 0) {
      this.predictor.clear();
      return;
    }
    const before = this.correctionsTotal;
    this.predictor.reconcile(hooks.fromSnapshot(table, row), frame.ackSeq);
    const corrected = this.correctionsTotal - before;
    if (corrected > 0) stats.corrections.add(corrected, nowMs);
  }

  /**
   * One simulation tick of our input, sampled at `nowMs`: predicted at once;
   * returns the Input frame to send now, if due. Its view tick is the render
   * tick of the frame that will first show its effects (age 0 of what it starts): the
   * last view's, advanced to `nowMs` — at 20 fps the last view is up to 3
   * ticks old, and the server would rewind the targets that much too far.
   */
  tick(controls: unknown, nowMs = this.renderedAtMs): Uint8Array | null {
    const predicted = this.predictor?.current ?? null;
    const values = this.logic.input(controls, predicted);
    const seq = this.sender.push(values);
    this.predictor?.applyInput(seq, values);
    const ahead = Number.isNaN(this.renderedAtMs) || Number.isNaN(nowMs) ? 0 : Math.max(0, nowMs - this.renderedAtMs) / this.tickMs;
    const ackTick = this.needFullSnapshot ? 0 : this.store.newestTick;
    const viewTick = Math.round(this.renderTick + ahead);
    return this.sender.message(ackTick, Math.max(0, ackTick > 0 ? Math.min(ackTick, viewTick) : viewTick));
  }

  /** Spectators (issue 15): the snapshot tick to acknowledge in an Ack (0: none usable, send a full one). */
  get ackTick(): number {
    return this.needFullSnapshot ? 0 : this.store.newestTick;
  }

  /** The game's view at `nowMs` (`tickAlpha`: how far we are into the current tick), or null before the first snapshot. */
  view(nowMs: number, tickAlpha: number): unknown {
    const s = this.interp.sample(nowMs);
    if (!s) return null;
    this.renderTick = Math.max(0, s.renderTick);
    this.renderedAtMs = nowMs;
    this.lastViewExtrapolated = s.extrapolating;
    lerpTables(s.from, s.to, s.alpha, this.logic.lerp, this.drawn);
    const newest = this.store.newest;
    const myRow = newest ? newest.indexOf(this.playerId) : -1;
    const predictor = this.predictor;
    const predicting = predictor !== null && predictor.ready && myRow >= 0;
    const predictedDraw = predicting ? predictor.drawPosition(nowMs, tickAlpha) : null;
    this.lastPredictedDraw = predictedDraw;
    this.lastViewJump = predicting ? predictor.visibleJump : 0;
    return this.logic.view({
      nowMs,
      renderTick: s.renderTick,
      tickRate: this.welcome.tickRate,
      playerId: this.playerId,
      drawn: this.drawn,
      newest,
      myRow,
      predicted: predicting ? predictor.current : null,
      predictedDraw,
      nameOf: (id) => this.room.nameOf(id),
    });
  }

  /**
   * Players as drawn in the last view: ourselves where prediction draws us,
   * the others where interpolation does (positions from the game's lerp spec).
   */
  drawnPlayers(): { me: { x: number; y: number } | null; others: DrawnPlayer[] } {
    let me = this.lastPredictedDraw;
    const others: DrawnPlayer[] = [];
    const drawn = this.drawn;
    for (let r = 0; r < drawn.count; r++) {
      const id = drawn.ids[r];
      if (!this.room.isPlayer(id)) continue;
      const pos = drawnPosition(drawn, r, this.logic.lerp);
      if (!pos) continue;
      if (id === this.playerId) me ??= pos;
      else others.push({ id, name: this.room.nameOf(id), x: pos.x, y: pos.y });
    }
    return { me, others };
  }
}

function sessionInfo(w: WelcomeBody, codec: GameCodec): SessionInfo {
  return {
    seed: w.seed,
    tickRate: w.tickRate,
    snapshotRate: w.snapshotRate,
    playerId: w.playerId,
    roomId: w.roomId,
    roomName: w.roomName,
    layout: codec.layout,
  };
}
