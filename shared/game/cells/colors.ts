/**
 * Colours a renderer gives entities, derived from ids so every client agrees
 * without sending them: a cell's hue steps by the golden angle per player id
 * (neighbouring ids look different); food picks from a palette by a hash of
 * its id; ejected mass takes its ejector's colour. 0xRRGGBB numbers.
 */

const GOLDEN_ANGLE_DEG = 137.508;
const CELL_SATURATION = 0.7;
const CELL_LIGHTNESS = 0.55;

export const FOOD_PALETTE: readonly number[] = [0xf25f5c, 0xffe066, 0x70c1b3, 0x50b4f0, 0xb388eb, 0xff9f1c, 0x9bc53d, 0xe86af0];

/** The colour of player `id`'s cell (and of the mass it ejects). */
export function cellColor(id: number): number {
  return hslToRgb((id * GOLDEN_ANGLE_DEG) % 360, CELL_SATURATION, CELL_LIGHTNESS);
}

/** The colour of food pellet `id`. */
export function foodColor(id: number): number {
  return FOOD_PALETTE[Math.imul(id, 0x9e3779b1) >>> 29];
}

/** HSL (hue in degrees, s and l in 0..1) → 0xRRGGBB. */
export function hslToRgb(hueDeg: number, s: number, l: number): number {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const h = hueDeg / 60;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const [r, g, b] = h < 1 ? [c, x, 0] : h < 2 ? [x, c, 0] : h < 3 ? [0, c, x] : h < 4 ? [0, x, c] : h < 5 ? [x, 0, c] : [c, 0, x];
  const m = l - c / 2;
  const byte = (v: number) => Math.round((v + m) * 255);
  return (byte(r) << 16) | (byte(g) << 8) | byte(b);
}
