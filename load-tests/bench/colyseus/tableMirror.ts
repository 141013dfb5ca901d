/**
 * Copies a quantized EntityTable into the Colyseus state map: creates new
 * entities, deletes gone ones, assigns only fields that changed (Colyseus
 * tracks every assignment, so equal values are skipped explicitly).
 */
import type { EntityTable } from '../../../shared/protocol';
import { FIELD_NAMES_BY_KIND, newEntityState, type ArenaRoomStateInstance } from './entityState';

export function mirrorTable(table: EntityTable, state: ArenaRoomStateInstance): void {
  const entities = state.entities;
  const f = table.fieldCount;
  const present = new Set<string>();
  for (let row = 0; row < table.count; row++) {
    const key = String(table.ids[row]);
    present.add(key);
    let e = entities.get(key);
    if (!e || e.kind !== table.kinds[row]) {
      e = newEntityState();
      e.kind = table.kinds[row];
      entities.set(key, e);
    }
    const names = FIELD_NAMES_BY_KIND.get(table.kinds[row]) ?? [];
    for (let k = 0; k < names.length; k++) {
      const v = table.values[row * f + k];
      if (e[names[k]] !== v) e[names[k]] = v;
    }
  }
  if (entities.size !== present.size) {
    for (const key of [...entities.keys()]) if (!present.has(key)) entities.delete(key);
  }
}
