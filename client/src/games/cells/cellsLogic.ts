/**
 * Cells' DOM-free client logic for one session: the world (from the tick
 * rate), prediction hooks, controls → input, events → feed lines and the
 * "eaten by" banner, and the frame's view (our cell predicted, the camera on
 * it; while we wait to respawn the camera stays where we were eaten).
 */
import { cellColor, createCellsWorld, radiusOfMass, START_MASS, type CellsWorld } from '../../../../shared/game/cells';
import { STANDARD_WORLD, type CellsWorldSize } from '../../../../shared/game/cells/world';
import type { EntityLayout } from '../../../../shared/protocol/entitySchema';
import type { AnyEvent } from '../../../../shared/protocol/eventSchema';
import type { InputValues } from '../../../../shared/protocol/inputSchema';
import type { EventContext, GameLogic, PredictionHooks, SessionInfo, ViewSample } from '../../sdk/gameModule';
import type { LerpSpec } from '../../sdk/netcode/entityLerp';
import { cellsInput, type CellsControls } from './cellsInput';
import { cellsLerp, cellsPrediction, type PredictedCell } from './cellsModel';
import { cameraOn, leaderboard, remoteCells, type Camera, type CellsView, type CellView } from './cellsView';

export class CellsLogic implements GameLogic<PredictedCell, CellsView, CellsControls> {
  readonly world: CellsWorld;
  readonly lerp: LerpSpec;
  readonly prediction: PredictionHooks<PredictedCell>;
  /** Who ate us last (for the banner), '' after we respawn. */
  private eatenBy = '';
  private readonly layout: EntityLayout;
  private camera: Camera;

  /** `size`: the world's sizes (bigcells passes BIG_WORLD; the rules are the same). */
  constructor(session: SessionInfo, size: CellsWorldSize = STANDARD_WORLD) {
    this.world = createCellsWorld(session.tickRate, size);
    this.layout = session.layout;
    this.lerp = cellsLerp(session.layout);
    this.prediction = cellsPrediction(this.world);
    this.camera = cameraOn(this.world.width / 2, this.world.height / 2, START_MASS);
  }

  input(controls: CellsControls | null, predicted: PredictedCell | null): InputValues {
    return cellsInput(controls, predicted && predicted.respawnTicks === 0 ? predicted : null);
  }

  onEvent(event: AnyEvent, ctx: EventContext): void {
    if (event.type === 'eaten') {
      const id = Number(event.id);
      const by = Number(event.by);
      ctx.feed(`${ctx.nameOf(by)} ate ${ctx.nameOf(id)}`);
      if (id === ctx.playerId) this.eatenBy = ctx.nameOf(by);
    } else if (event.type === 'respawned' && Number(event.id) === ctx.playerId) {
      this.eatenBy = '';
    }
  }

  view(s: ViewSample<PredictedCell>): CellsView {
    const cells = remoteCells(s.drawn, this.layout, s.playerId, s.nameOf);
    const p = s.predicted;
    let me: CellView | null = null;
    const respawning = p !== null && p.respawnTicks > 0;
    if (p && s.predictedDraw && !respawning && p.mass > 0) {
      me = {
        id: s.playerId,
        name: s.nameOf(s.playerId),
        isMe: true,
        x: s.predictedDraw.x,
        y: s.predictedDraw.y,
        mass: p.mass,
        radius: radiusOfMass(p.mass),
        color: cellColor(s.playerId),
      };
      cells.push(me);
      this.camera = cameraOn(me.x, me.y, me.mass);
    }
    cells.sort((a, b) => a.mass - b.mass || a.id - b.id);
    return {
      world: this.world,
      cells,
      drawn: s.drawn,
      me,
      respawning,
      eatenBy: this.eatenBy,
      camera: this.camera,
      leaderboard: leaderboard(cells),
    };
  }
}
