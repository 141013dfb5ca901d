/**
 * Which nodes are alive, read from their presence keys (written by the
 * cluster core's heartbeat: `tw:node:<id>` = JSON {nodeId, url, startedAtMs,
 * rooms, players, draining}, expiring 3 heartbeats after the last). A node
 * without the key is dead or gone. The JSON comes from Redis, so it is checked.
 */
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

const PresenceSchema = Type.Object({
  nodeId: Type.String({ pattern: '^[0-9A-Za-z_-]{1,64}$' }),
  url: Type.String({ maxLength: 512, pattern: '^https?://[\\x21-\\x7e]+$' }),
  startedAtMs: Type.Number(),
  rooms: Type.Integer({ minimum: 0 }),
  players: Type.Integer({ minimum: 0 }),
  draining: Type.Boolean(),
});
export type NodePresence = Static<typeof PresenceSchema>;
const presenceCheck = TypeCompiler.Compile(PresenceSchema);

/** Longest presence value we parse, bytes. */
const MAX_PRESENCE_CHARS = 4096;

/** The presence value if it is well-formed, else null (treated as not alive). */
export function parsePresence(text: string | null): NodePresence | null {
  if (text === null || text.length > MAX_PRESENCE_CHARS) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    if (err instanceof SyntaxError) return null;
    throw err;
  }
  return presenceCheck.Check(value) ? value : null;
}

/**
 * The live nodes that can take rooms (not draining, not `self`), those with the
 * fewest players first: a drain spreads its rooms over the emptiest nodes.
 */
export function pickTargets(nodes: readonly NodePresence[], self: string): NodePresence[] {
  return nodes.filter((n) => n.nodeId !== self && !n.draining).sort((a, b) => a.players - b.players || (a.nodeId < b.nodeId ? -1 : 1));
}
