/**
 * bigcells' input (the cells input: targetX, targetY, buttons) as a Colyseus
 * 0.18 input schema (`Room.defineInput`, client `room.input()`), built from
 * the game's declaration like the arena peer's (arenaInput.ts): each field in
 * the narrowest Colyseus integer type that holds it, and a sanitizer that puts
 * every value back in range (Colyseus sanitizers fix values, they never reject
 * a frame): flags masked, others clamped, NaN → the field's minimum.
 */
import { schema, t } from '@colyseus/schema';
import { cellsInputSchema } from '../../../shared/game/cells/schema';
import { inputFieldRange } from '../../../shared/protocol/inputSchema';
import { colyseusIntFor } from './bigcellsState';

const FIELDS = cellsInputSchema.fields;

export const BigcellsInput = schema(
  Object.fromEntries(
    FIELDS.map((f) => {
      const { min, max } = inputFieldRange(f);
      return [f.name, t[colyseusIntFor(min, max)]()];
    }),
  ),
  'BigcellsInput',
);

export type BigcellsInputFrame = InstanceType<typeof BigcellsInput>;

/** The input field names in declaration order. */
export const BIGCELLS_INPUT_FIELDS: readonly string[] = FIELDS.map((f) => f.name);

/** In place: masks flags, clamps the rest (NaN → the field's minimum). */
export function sanitizeBigcellsInput(input: Record<string, number>): void {
  for (const f of FIELDS) {
    const { min, max } = inputFieldRange(f);
    const v = input[f.name];
    if (f.kind === 'flags') input[f.name] = (Number.isFinite(v) ? v : 0) & max;
    else input[f.name] = v >= min ? Math.min(v, max) : min;
  }
}
