/**
 * bigcells: the cells rules in a world sized for 1,000 players at the same
 * density as cells' 100 in 5120 × 5120 u (26.2 M u² per 100 players):
 *
 *   side     = 5120 × √10 = 16,190 u → 16,384 u (2^14; 268 M u², 1.02 × the area needed)
 *   food     = 1600 × (16384 / 5120)² = 16,384 pellets (the same food per u²)
 *   regrowth = 120 × 10.24 ≈ 1,229 pellets/s
 *   ejected  = 32,768 at most (cells: 4,096 for 100 players; 8× rather than 10×, the id space below)
 *   ids      = players 1..2047, pellets 2048..65535 (63,488 ids ≥ 16,384 + 32,768 live, with room
 *              for the wrapping allocator to skip live ids)
 */
import type { CellsWorldSize } from '../cells/world';

export const BIG_WORLD: CellsWorldSize = {
  worldSize: 16384,
  foodTarget: 16384,
  foodSpawnPerS: 1229,
  maxEjected: 32768,
  maxPlayerId: 2047,
  firstPelletId: 2048,
};

/** Seats in a quick-play bigcells room. */
export const BIGCELLS_SEATS = 1000;
