/**
 * Plausible input for any game, from its declared input schema alone (the
 * Welcome's descriptor), for games without a pattern of their own: each
 * number field moves smoothly toward a target that changes every 0.5–2 s
 * (steering toward points, sweeping an angle the short way round), each flag
 * bit is held in bursts (0.2–0.8 s on, 0.5–3 s off: a boost now and then).
 * Seeded, so a bot's inputs are reproducible.
 */
import { createRng, nextRandom } from '../../shared/engine/prng';
import { inputFieldRange, type InputSchema } from '../../shared/protocol/inputSchema';
import type { BotInput } from './botInputs';

/** A number field covers at most this share of its range per second. */
const MAX_SWEEP_PER_SEC = 0.5;

export class SchemaPattern implements BotInput {
  private readonly rng: { rng: number };
  private readonly frame: number[];
  private readonly targets: number[];
  private readonly nextChange: number[];
  private tick = 0;

  constructor(
    private readonly schema: InputSchema,
    seed: number,
    private readonly tickRate: number,
  ) {
    this.rng = createRng(seed);
    this.frame = schema.fields.map(() => 0);
    this.targets = schema.fields.map(() => 0);
    this.nextChange = schema.fields.map(() => 0);
  }

  private ticksIn(minSec: number, maxSec: number): number {
    return this.tick + Math.max(1, Math.round((minSec + nextRandom(this.rng) * (maxSec - minSec)) * this.tickRate));
  }

  /** The next tick's frame, one value per field in schema order (the same array each call). */
  next(): readonly number[] {
    const fields = this.schema.fields;
    for (let k = 0; k < fields.length; k++) {
      const f = fields[k];
      const { min, max } = inputFieldRange(f);
      if (f.kind === 'flags') {
        // One burst state for the whole field: its bits on together (a 1-bit field: boost or not).
        if (this.tick >= this.nextChange[k]) {
          const on = this.frame[k] === 0;
          this.frame[k] = on ? Math.floor(nextRandom(this.rng) * max) + 1 : 0;
          this.nextChange[k] = on ? this.ticksIn(0.2, 0.8) : this.ticksIn(0.5, 3);
        }
        continue;
      }
      if (this.tick >= this.nextChange[k]) {
        this.targets[k] = min + Math.floor(nextRandom(this.rng) * (max - min + 1));
        this.nextChange[k] = this.ticksIn(0.5, 2);
      }
      const span = max - min + 1;
      const step = Math.max(1, Math.round((span * MAX_SWEEP_PER_SEC) / this.tickRate));
      let d = this.targets[k] - this.frame[k];
      if (f.kind === 'uint' && f.wrap && Math.abs(d) > span / 2) d -= Math.sign(d) * span;
      let v = this.frame[k] + Math.max(-step, Math.min(step, d));
      if (f.kind === 'uint' && f.wrap) v = ((v % span) + span) % span;
      this.frame[k] = Math.max(min, Math.min(max, v));
    }
    this.tick++;
    return this.frame;
  }
}
