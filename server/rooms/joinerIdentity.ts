/**
 * Who a joiner becomes in its room: the lowest player id no member holds
 * (ids are reused once their member has gone), and its requested name, or,
 * when a member already has that name, the name with " 2", " 3", … appended
 * (the name cut short so the result still fits Limits.maxNameLength).
 */
import { Limits } from '../../shared/protocol/constants';
import { truncateText } from '../../shared/protocol/wellFormedText';

/** The lowest id in 1..Limits.maxPlayerId that `taken` does not hold; 0 when every one is taken. */
export function freePlayerId(taken: ReadonlyMap<number, unknown>): number {
  for (let id = 1; id <= Limits.maxPlayerId; id++) if (!taken.has(id)) return id;
  return 0;
}

export function uniqueName(requested: string, members: Iterable<{ readonly name: string }>): string {
  const taken = new Set<string>();
  for (const m of members) taken.add(m.name);
  if (!taken.has(requested)) return requested;
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const candidate = truncateText(requested, Limits.maxNameLength - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
