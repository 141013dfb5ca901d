/**
 * The arena's DOM-free client logic for one session: the world (from the
 * Welcome's seed), prediction hooks, controls → input, events → effects and
 * feed lines, and the frame's view (remote players interpolated, our own
 * player predicted, with the aim we last sent).
 */
import { aimFromInput, aimToRadians, createWorld, type ArenaWorld } from '../../../../shared/game/arena';
import type { AnyEvent } from '../../../../shared/protocol/eventSchema';
import type { InputValues } from '../../../../shared/protocol/inputSchema';
import type { EventContext, GameLogic, PredictionHooks, SessionInfo, ViewSample } from '../../sdk/gameModule';
import type { LerpSpec } from '../../sdk/netcode/entityLerp';
import { ArenaEffects } from './arenaEffects';
import { ArenaInputMapper, type ArenaControls } from './arenaInput';
import { arenaLerp, arenaPrediction, type PredictedPlayer } from './arenaModel';
import { playerView, remoteView, type FrameView } from './frameView';

export class ArenaLogic implements GameLogic<PredictedPlayer, FrameView, ArenaControls> {
  readonly world: ArenaWorld;
  readonly lerp: LerpSpec;
  readonly prediction: PredictionHooks<PredictedPlayer>;
  readonly fx = new ArenaEffects();
  private readonly mapper = new ArenaInputMapper();

  constructor(session: SessionInfo) {
    this.world = createWorld(session.seed, session.tickRate);
    this.lerp = arenaLerp(session.layout);
    this.prediction = arenaPrediction(this.world);
  }

  input(controls: ArenaControls | null, predicted: PredictedPlayer | null): InputValues {
    return this.mapper.input(controls, predicted);
  }

  onEvent(event: AnyEvent, ctx: EventContext): void {
    this.fx.onEvent(event, ctx);
  }

  view(s: ViewSample<PredictedPlayer>): FrameView {
    this.fx.expire(s.nowMs);
    const view = remoteView(this.world, s.drawn, s.renderTick, s.tickRate, s.playerId, s.nameOf);
    view.effects = this.fx.effects;
    // Me: predicted position, my own aim, the newest snapshot's health and score.
    const newest = s.newest;
    if (newest && s.myRow >= 0 && s.predictedDraw) {
      const f = newest.fieldCount;
      const me = playerView(s.playerId, s.nameOf(s.playerId), newest.values.subarray(s.myRow * f, (s.myRow + 1) * f), true);
      me.x = s.predictedDraw.x;
      me.y = s.predictedDraw.y;
      me.aimRad = aimToRadians(aimFromInput(this.mapper.aim));
      view.players.push(me);
    }
    return view;
  }
}
