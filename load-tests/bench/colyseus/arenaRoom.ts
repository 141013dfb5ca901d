/**
 * The arena hosted in a Colyseus 0.18 room, for the peer benchmark, written
 * the way Colyseus 0.18 recommends for an authoritative action game:
 *
 * - typed input: `defineInput(ArenaInput)` buffers each client's inputs
 *   (sent with the SDK's `room.input()`), at most 8 per client like
 *   tickwire's input queue, sanitized on arrival;
 * - fixed timestep: `setFixedTimestep(step, 60)`, the framework's accumulator;
 *   each step consumes exactly one input per player with `next()` (the
 *   shared-world pattern: one solver step for everyone), and when none is
 *   buffered the `idle` policy repeats the player's last input (tickwire's
 *   rule) without advancing the ack;
 * - state patches at 30 Hz (`patchRate`) through @colyseus/schema, which also
 *   carry Colyseus' input ack (the client's `input.lastProcessed`).
 *
 * The simulation is the shared one (shared/game/arena), its view mirrored
 * into the schema state once per step; game events go out as a message.
 */
import { Room, type Client } from '@colyseus/core';
import type { AnyGame, TickInput, Viewer } from '../../../shared/engine/gameDefinition';
import { arena } from '../../../shared/game/arena';
import { EntityLayout, EntityTable, type AnyEvent } from '../../../shared/protocol';
import { ArenaInput, INPUT_FIELD_NAMES, sanitizeArenaInput, type ArenaInputFrame, type ArenaInputInstance } from './arenaInput';
import { newArenaRoomState, type ArenaRoomStateInstance } from './entityState';
import { roomTimings } from './roomTimings';
import { mirrorTable } from './tableMirror';

export const TICK_RATE = 60;
export const PATCH_RATE = 30;
/** Inputs buffered per client beyond which the oldest are dropped: tickwire's input queue capacity. */
const MAX_QUEUED_INPUTS = 8;

const game: AnyGame = arena;
/** Everyone sees the whole arena: one view for the room. */
const ROOM_VIEWER: Viewer = { playerId: 0, focus: 0, x: 0, y: 0 };

export class ArenaColyseusRoom extends Room<{ state: ArenaRoomStateInstance; input: ArenaInputFrame }> {
  override state = newArenaRoomState();
  override inputs = this.defineInput(ArenaInput, {
    bufferMaxSize: MAX_QUEUED_INPUTS,
    sanitize: (f: object) => sanitizeArenaInput(f as ArenaInputInstance),
    // No input this step: hold the last one (or all zeros before the first).
    idle: ({ latest }) => (latest as object | undefined) ?? true,
  });
  private sim: unknown = null;
  private readonly table = new EntityTable(new EntityLayout(game.entities).stride, 64);
  private readonly playerIdOf = new Map<string, number>();
  private readonly events: AnyEvent[] = [];
  private readonly tickInputs = new Map<number, TickInput>();

  override onCreate(options: { maxClients?: number; seed?: number }): void {
    this.maxClients = options.maxClients ?? 10;
    this.patchRate = 1000 / PATCH_RATE;
    this.sim = game.createState(options.seed ?? 1, { tickRate: TICK_RATE });
    this.setFixedTimestep(() => this.step(), TICK_RATE);
  }

  override onJoin(client: Client): void {
    const taken = new Set(this.playerIdOf.values());
    let id = 1;
    while (taken.has(id)) id++;
    this.playerIdOf.set(client.sessionId, id);
    game.addPlayer(this.sim, id);
    client.send('welcome', { playerId: id, tickRate: TICK_RATE });
    roomTimings.players++;
  }

  override onLeave(client: Client): void {
    const id = this.playerIdOf.get(client.sessionId);
    if (id === undefined) return;
    this.playerIdOf.delete(client.sessionId);
    game.removePlayer(this.sim, id);
    roomTimings.players--;
  }

  private step(): void {
    const t0 = performance.now();
    this.tickInputs.clear();
    for (const [sessionId, id] of this.playerIdOf) {
      const frame = this.inputs.get(sessionId).next() as ArenaInputInstance | undefined;
      if (!frame) continue;
      const input: Record<string, number> = { viewTick: 0 };
      for (const name of INPUT_FIELD_NAMES) input[name] = frame[name];
      this.tickInputs.set(id, input as TickInput);
    }
    game.step(this.sim, this.tickInputs);
    game.drainEvents(this.sim, this.events);
    if (this.events.length > 0) {
      this.broadcast('events', this.events);
      this.events.length = 0;
    }
    this.table.begin(game.tickOf(this.sim));
    game.writeView(this.sim, ROOM_VIEWER, this.table);
    this.table.finish();
    mirrorTable(this.table, this.state);
    roomTimings.recordStep(performance.now() - t0);
  }

  override broadcastPatch(): boolean {
    const t0 = performance.now();
    const sent = super.broadcastPatch();
    roomTimings.recordPatch(performance.now() - t0, sent ? this.clients.length : 0);
    return sent;
  }
}
