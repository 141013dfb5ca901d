/**
 * mulberry32: a tiny, fast, seedable PRNG. Deterministic across engines, which
 * is what prediction needs. Its whole state is one uint32, so it can be stored
 * in a game state and copied.
 */
export function nextRandom(state: { rng: number }): number {
  let t = (state.rng = (state.rng + 0x6d2b79f5) >>> 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function createRng(seed: number): { rng: number } {
  return { rng: seed >>> 0 };
}

/** The same generator as a plain function: `const random = seededRandom(7); random()` (tests, tools). */
export function seededRandom(seed: number): () => number {
  const state = createRng(seed);
  return () => nextRandom(state);
}
