/**
 * Arena controls → the arena's input values for one tick. Aim is sticky: the
 * mouse aims at a world point (relative to our predicted position), the touch
 * stick or fire-button drag along a direction, and with neither the last aim
 * is kept.
 */
import { aimFromVector } from '../../../../shared/game/arena';
import { ArenaButton as Button } from '../../../../shared/game/arena';
import type { InputValues } from '../../../../shared/protocol/inputSchema';
import type { PredictedPlayer } from './arenaModel';

/** What the player is doing this tick, from keyboard/mouse or touch. */
export interface ArenaControls {
  buttons: number;
  /** Aim toward a world point (mouse), or along a direction (touch stick); null keeps the last aim. */
  aimAt: { x: number; y: number } | null;
  aimDir: { dx: number; dy: number } | null;
}

const MOVE_AND_FIRE = Button.Up | Button.Down | Button.Left | Button.Right | Button.Fire;

export class ArenaInputMapper {
  /** The aim last sent (input units). */
  aim = 0;

  input(controls: ArenaControls | null, me: PredictedPlayer | null): InputValues {
    if (!controls) return { buttons: 0, aim: this.aim };
    if (controls.aimAt && me) {
      const dx = controls.aimAt.x - me.x;
      const dy = controls.aimAt.y - me.y;
      // Pointer on our own player: no direction, keep the aim.
      if (dx * dx + dy * dy > 1) this.aim = aimFromVector(dx, dy);
    } else if (controls.aimDir) {
      this.aim = aimFromVector(controls.aimDir.dx, controls.aimDir.dy);
    }
    return { buttons: controls.buttons & MOVE_AND_FIRE, aim: this.aim };
  }
}
