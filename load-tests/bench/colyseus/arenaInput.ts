/**
 * The arena's input as a Colyseus 0.18 input schema (`Room.defineInput`,
 * client `room.input()`): one flat field per field the game declares
 * (arena.input: buttons, aim 0..1023), each in the narrowest Colyseus integer
 * type that holds it, and a sanitizer that puts every value back in the
 * field's range (Colyseus sanitizers fix values, they never reject a frame;
 * tickwire rejects out-of-range inputs instead): flag and wrapping fields
 * masked, others clamped. The bots never send out-of-range values.
 */
import { schema, t } from '@colyseus/schema';
import { arena } from '../../../shared/game/arena';
import { inputFieldRange, type InputFieldSpec } from '../../../shared/protocol/inputSchema';

type ColyseusInt = 'uint8' | 'uint16' | 'uint32' | 'int8' | 'int16' | 'int32';

function colyseusTypeOf(f: InputFieldSpec): ColyseusInt {
  if (f.kind === 'int') return f.bits <= 8 ? 'int8' : f.bits <= 16 ? 'int16' : 'int32';
  return f.bits <= 8 ? 'uint8' : f.bits <= 16 ? 'uint16' : 'uint32';
}

const FIELDS = arena.input.fields;

export const ArenaInput = schema(Object.fromEntries(FIELDS.map((f) => [f.name, t[colyseusTypeOf(f)]()])), 'ArenaInput');

/** One decoded input frame (a schema instance). */
export type ArenaInputFrame = InstanceType<typeof ArenaInput>;
/** Field access by name: the schema is built at runtime from the game's declaration. */
export type ArenaInputInstance = Record<string, number>;

/** In place: masks flags and wrapping fields, clamps the rest (NaN → the field's minimum). */
export function sanitizeArenaInput(input: ArenaInputInstance): void {
  for (const f of FIELDS) {
    const { min, max } = inputFieldRange(f);
    const v = input[f.name];
    if (f.kind === 'flags' || (f.kind === 'uint' && f.wrap === true)) input[f.name] = (Number.isFinite(v) ? v : 0) & max;
    else input[f.name] = v >= min ? Math.min(v, max) : min;
  }
}

/** The game's input field names in declaration order (the order InputPattern frames use). */
export const INPUT_FIELD_NAMES: readonly string[] = FIELDS.map((f) => f.name);
