/**
 * Cells' own events (the engine adds joined/left/chat). Eating food is not an
 * event: it happens hundreds of times a second and shows in the snapshots.
 */
import type { EventSpec, EventsOf } from '../../protocol/eventSchema';
import { MAX_MASS } from './constants';

export const cellsEventSpecs = [
  /** Cell `id` was eaten by cell `by`, which gained `mass`. */
  { type: 'eaten', fields: { id: { type: 'entity' }, by: { type: 'entity' }, mass: { type: 'int', min: 1, max: MAX_MASS } } },
  /** Cell `id` is back in the world at the start mass. */
  { type: 'respawned', fields: { id: { type: 'entity' } } },
] as const satisfies readonly EventSpec[];

export type CellsEvent = EventsOf<typeof cellsEventSpecs>;
export type EatenEvent = Extract<CellsEvent, { type: 'eaten' }>;
