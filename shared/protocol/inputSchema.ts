/**
 * How a game's per-tick input looks: an ordered list of small integer fields,
 * each with a bit width. The compact Input encoding (inputCodec.ts), the
 * server's input queue and validation are derived from this declaration.
 *
 * Field kinds:
 * - `flags`: a bit set of `bits` bits (buttons). Bits in `carryMask` are
 *   presses that must not be lost: when the server skips an input to bound
 *   latency, those bits are OR-ed into the next input it applies.
 * - `uint`: 0 .. 2^bits − 1; with `wrap`, arithmetic is modulo 2^bits (angles).
 * - `int`: −2^(bits−1) .. 2^(bits−1) − 1 (offsets, stick axes).
 */
export type InputFieldSpec =
  | { readonly name: string; readonly kind: 'flags'; readonly bits: number; readonly carryMask?: number }
  | { readonly name: string; readonly kind: 'uint'; readonly bits: number; readonly wrap?: boolean }
  | { readonly name: string; readonly kind: 'int'; readonly bits: number };

export interface InputSchema {
  readonly fields: readonly InputFieldSpec[];
}

/** Most fields an input may have, and the widest field (values fit int32 / uint31 arithmetic). */
export const MAX_INPUT_FIELDS = 16;
export const MAX_INPUT_FIELD_BITS = 24;

/** A game's input as the game reads it: one number per declared field, by name. */
export type InputOf<S extends InputSchema> = { -readonly [F in S['fields'][number] as F['name']]: number };

/** Any game's input values by field name. */
export type InputValues = Record<string, number>;

/** Smallest and largest value of a field. */
export function inputFieldRange(f: InputFieldSpec): { min: number; max: number } {
  if (f.kind === 'int') return { min: -(2 ** (f.bits - 1)), max: 2 ** (f.bits - 1) - 1 };
  return { min: 0, max: 2 ** f.bits - 1 };
}

export function inputSchemaProblems(schema: InputSchema): string[] {
  const problems: string[] = [];
  if (schema.fields.length === 0) problems.push('no input fields');
  if (schema.fields.length > MAX_INPUT_FIELDS) problems.push(`more than ${MAX_INPUT_FIELDS} input fields`);
  const names = new Set<string>();
  for (const f of schema.fields) {
    if (names.has(f.name)) problems.push(`input field "${f.name}" twice`);
    names.add(f.name);
    if (f.name === 'viewTick') problems.push('input field "viewTick" is reserved (the engine supplies it)');
    if (!Number.isInteger(f.bits) || f.bits < 1 || f.bits > MAX_INPUT_FIELD_BITS) {
      problems.push(`input field "${f.name}": bits must be 1..${MAX_INPUT_FIELD_BITS}`);
    }
    if (f.kind === 'int' && f.bits < 2) problems.push(`input field "${f.name}": an int needs at least 2 bits`);
    if (f.kind === 'flags' && f.carryMask !== undefined && (f.carryMask < 0 || f.carryMask >= 2 ** f.bits)) {
      problems.push(`input field "${f.name}": carryMask outside the field`);
    }
  }
  return problems;
}

/** True when every value of `frame` (one number per field, in order) is in its field's range. */
export function inputFrameInRange(schema: InputSchema, frame: ArrayLike<number>, offset = 0): boolean {
  const fields = schema.fields;
  for (let i = 0; i < fields.length; i++) {
    const v = frame[offset + i];
    const { min, max } = inputFieldRange(fields[i]);
    if (!Number.isInteger(v) || v < min || v > max) return false;
  }
  return true;
}
