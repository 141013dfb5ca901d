/** A stable, distinct colour per player id (golden-angle hues). */
export function playerColor(id: number): number {
  const h = (id * 137.508) % 360;
  const s = 0.7;
  const l = 0.58;
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255);
  };
  return (f(0) << 16) | (f(8) << 8) | f(4);
}
