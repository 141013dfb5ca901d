/**
 * The arena on touch screens: the SDK's touch pad, its stick moving (and
 * aiming while not firing), its button firing (drag it to aim while firing).
 */
import { ArenaButton as Button } from '../../../../shared/game/arena';
import { TouchPad } from '../../sdk/input/touchPad';

const DEAD_ZONE = 0.3;

export class TouchInput {
  private readonly pad: TouchPad;

  constructor(parent: HTMLElement) {
    this.pad = new TouchPad(parent, {
      classes: { root: 'touch-controls', stick: 'touch-stick', knob: 'touch-knob', button: 'touch-fire' },
      buttonLabel: 'FIRE',
    });
  }

  get buttons(): number {
    const { dx, dy } = this.pad.stick;
    let b = 0;
    if (dx < -DEAD_ZONE) b |= Button.Left;
    if (dx > DEAD_ZONE) b |= Button.Right;
    if (dy < -DEAD_ZONE) b |= Button.Up;
    if (dy > DEAD_ZONE) b |= Button.Down;
    if (this.pad.buttonHeld) b |= Button.Fire;
    return b;
  }

  /** Aim direction: the fire-button drag, else the stick; null if neither. */
  get aimDir(): { dx: number; dy: number } | null {
    if (this.pad.buttonDrag) return this.pad.buttonDrag;
    const { dx, dy } = this.pad.stick;
    if (Math.hypot(dx, dy) > DEAD_ZONE) return { dx, dy };
    return null;
  }

  /** A touch has been seen: touch steers and aims. */
  get isActive(): boolean {
    return this.pad.touched;
  }

  /** The stick and fire button are on screen (a touch-first device, or after a touch). */
  get isShown(): boolean {
    return this.pad.visible;
  }

  dispose(): void {
    this.pad.dispose();
  }
}
