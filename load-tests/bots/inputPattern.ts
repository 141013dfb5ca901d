/**
 * Plausible arena controls, one frame per simulation tick: a movement
 * direction held for 0.3–2 s then changed, aim sweeping smoothly towards a
 * target that moves now and then, and fire in bursts. Seeded, so a bot's
 * inputs are reproducible. Frames are the arena's input fields in schema
 * order: [buttons (ArenaButton bits), aim (0..1023, 1/1024 turn)].
 */
import { AIM_STEPS, ArenaButton as Button } from '../../shared/game/arena';
import { createRng, nextRandom } from '../../shared/engine/prng';

const DIRECTIONS = [
  0,
  Button.Up,
  Button.Down,
  Button.Left,
  Button.Right,
  Button.Up | Button.Left,
  Button.Up | Button.Right,
  Button.Down | Button.Left,
  Button.Down | Button.Right,
];

export class InputPattern {
  private readonly frame: [number, number] = [0, 0];
  private readonly rng: { rng: number };
  private move = 0;
  private aim = 0;
  private targetAim = 0;
  private firing = false;
  private nextMoveChange = 0;
  private nextAimChange = 0;
  private nextFireToggle = 0;
  private tick = 0;

  constructor(
    seed: number,
    private readonly tickRate: number,
  ) {
    this.rng = createRng(seed);
  }

  private ticksIn(minSec: number, maxSec: number): number {
    return this.tick + Math.round((minSec + nextRandom(this.rng) * (maxSec - minSec)) * this.tickRate);
  }

  /** The next tick's [buttons, aim] (the same array each call: copy to keep it). */
  next(): readonly [number, number] {
    if (this.tick >= this.nextMoveChange) {
      this.move = DIRECTIONS[Math.floor(nextRandom(this.rng) * DIRECTIONS.length)];
      this.nextMoveChange = this.ticksIn(0.3, 2);
    }
    if (this.tick >= this.nextAimChange) {
      this.targetAim = Math.floor(nextRandom(this.rng) * AIM_STEPS);
      this.nextAimChange = this.ticksIn(0.5, 1.5);
    }
    if (this.tick >= this.nextFireToggle) {
      this.firing = !this.firing;
      this.nextFireToggle = this.firing ? this.ticksIn(0.2, 0.8) : this.ticksIn(0.5, 2);
    }
    // Turn at most 1/60 of a full turn per tick, the short way round.
    const steps = AIM_STEPS;
    let d = (this.targetAim - this.aim + steps) % steps;
    if (d > steps / 2) d -= steps;
    const maxTurn = Math.round(steps / 60);
    this.aim = (this.aim + Math.max(-maxTurn, Math.min(maxTurn, d)) + steps) % steps;
    this.tick++;
    this.frame[0] = this.move | (this.firing ? Button.Fire : 0);
    this.frame[1] = this.aim;
    return this.frame;
  }
}
