/**
 * Throughput of one cells room as the server runs it: `players` bots (hunt,
 * flee, wander, boost; testBots.ts) in the standard world (1600 food), one
 * step + one writeView per tick (every viewer shares the view today). Used by
 * cells.soak.test.ts, which runs it in a child process under tsx like the
 * server: inside vitest every imported binding becomes a property read on a
 * module namespace object, which makes hot loops slower and the figures
 * meaningless.
 *
 * Wall-clock figures; run on an idle machine to compare them across changes.
 */
import { EntityTable } from '../../protocol/entityTable';
import { cells } from './cells';
import type { CellsEvent } from './events';
import { CELLS_STRIDE } from './schema';
import { createBots, driveBots } from './testBots';

export interface CellsThroughputFigures {
  players: number;
  ticks: number;
  /** step() per tick, ms, after a warm-up. */
  stepMs: Quantiles;
  /** writeView() of the whole world per tick, ms. */
  viewMs: Quantiles;
  /** Entities in the view (cells + food + ejected), mean over the measured ticks. */
  meanViewEntities: number;
  maxEjected: number;
  eaten: number;
  maxMass: number;
}

export interface Quantiles {
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

export const WARM_UP_TICKS = 600;

export function runCellsThroughput(players: number, ticks = 3600, now = () => performance.now()): CellsThroughputFigures {
  const state = cells.createState(1000 + players, { tickRate: 60 });
  for (let id = 1; id <= players; id++) cells.addPlayer(state, id);
  const bots = createBots(state, players);
  const table = new EntityTable(CELLS_STRIDE, 4096);
  const viewer = { playerId: 1, focus: 0, x: 0, y: 0 };
  const events: CellsEvent[] = [];
  const stepMs = new Float64Array(ticks);
  const viewMs = new Float64Array(ticks);
  let viewEntities = 0;
  let maxEjected = 0;
  let eaten = 0;
  for (let t = -WARM_UP_TICKS; t < ticks; t++) {
    driveBots(state, bots);
    const t0 = now();
    cells.step(state, bots.inputs);
    const t1 = now();
    cells.writeView(state, viewer, table.begin(state.tick));
    const t2 = now();
    cells.drainEvents(state, events);
    if (t < 0) {
      events.length = 0;
      continue;
    }
    stepMs[t] = t1 - t0;
    viewMs[t] = t2 - t1;
    viewEntities += table.count;
    if (state.pellets.ejectedCount > maxEjected) maxEjected = state.pellets.ejectedCount;
    for (const e of events) if (e.type === 'eaten') eaten++;
    events.length = 0;
  }
  let maxMass = 0;
  for (const c of state.cells) if (c.score > maxMass) maxMass = c.score;
  return {
    players,
    ticks,
    stepMs: quantiles(stepMs),
    viewMs: quantiles(viewMs),
    meanViewEntities: Math.round(viewEntities / ticks),
    maxEjected,
    eaten,
    maxMass,
  };
}

function quantiles(samples: Float64Array): Quantiles {
  const sorted = samples.slice().sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
  return { mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}
