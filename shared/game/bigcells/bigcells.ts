/**
 * bigcells: cells (docs/games/cells.md: the same input, kinds, events and
 * rules) in a world for 1,000 players, with interest management: each
 * player receives what its camera shows plus a margin (cells/interest.ts),
 * a minimap and a leaderboard as separate streams (server/bigworld/,
 * from `standings`).
 * A variant registered as its own game so that its descriptor (position
 * bounds 0..131072, owner ids up to 2047) and its room size are its own,
 * and the small cells game stays byte for byte as it was.
 *
 * @example
 *   const state = bigcells.createState(seed, { tickRate: 60 });
 */
import type { GameDefinition } from '../../engine/gameDefinition';
import { cells } from '../cells/cells';
import type { CellsEvent } from '../cells/events';
import { cellsInterest } from '../cells/interest';
import type { CellsInput } from '../cells/schema';
import { makeCellsEntitySchema } from '../cells/schema';
import { createCellsState, type CellsState } from '../cells/state';
import { createCellsWorld } from '../cells/world';
import { BIG_WORLD, BIGCELLS_SEATS } from './constants';
import { bigcellsStandings } from './standings';

/** A bigcells definition with a per-viewer downlink budget (bytes/s, 0 = unlimited). */
export function makeBigcells(budgetBytesPerSec = 0): GameDefinition<CellsState, CellsInput, CellsEvent> {
  return {
    ...cells,
    name: 'bigcells',
    title: 'Cells: Big World',
    version: 1,
    entities: makeCellsEntitySchema(BIG_WORLD.worldSize, BIG_WORLD.maxPlayerId),
    defaultMaxPlayers: BIGCELLS_SEATS,
    quickPlayRoomName: (n) => `Ocean ${n}`,
    createState: (seed, options) => createCellsState(seed, options, createCellsWorld(options.tickRate, BIG_WORLD)),
    interest: cellsInterest(budgetBytesPerSec),
    standings: bigcellsStandings,
  };
}

export const bigcells = makeBigcells();
