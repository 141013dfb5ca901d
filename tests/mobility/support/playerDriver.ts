/** Keeps a crowd of MovingPlayers playing: every player sends a random input every `everyMs` while connected. */
import { seededRandom } from '../../../shared/engine/prng';
import type { MovingPlayer } from '../../support/movingPlayer';

export function drivePlayers(players: readonly MovingPlayer[], everyMs: number, seed = 7): () => void {
  const random = seededRandom(seed);
  const timer = setInterval(() => {
    for (const p of players) {
      const c = p.client;
      if (!c.uplink || c.closed || c.ws.readyState !== 1) continue;
      const coder = c.codec!.input;
      // Unsigned fields only in the games driven here (arena: buttons, aim): any value in [0, 2^bits).
      c.sendInput(Array.from(coder.bits, (bits) => Math.floor(random() * 2 ** bits)));
    }
  }, everyMs);
  return () => clearInterval(timer);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
