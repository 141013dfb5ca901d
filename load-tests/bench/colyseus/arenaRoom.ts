/**
 * The arena hosted in a Colyseus 0.16 room, for the peer benchmark: the same
 * shared simulation (shared/game/arena) at 60 Hz, state patches at 30 Hz
 * (patchRate), one queued input applied per player per tick in seq order with
 * the last one repeated when none is queued (tickwire's rule), game events
 * broadcast as a message. State is synced by @colyseus/schema.
 */
import { Room, type Client } from '@colyseus/core';
import type { AnyGame, TickInput, Viewer } from '../../../shared/engine/gameDefinition';
import { AIM_STEPS, arena, arenaInputSchema } from '../../../shared/game/arena';
import { EntityLayout, EntityTable, type AnyEvent } from '../../../shared/protocol';
import { newArenaRoomState, type ArenaRoomStateInstance } from './entityState';
import { roomTimings } from './roomTimings';
import { mirrorTable } from './tableMirror';

export const TICK_RATE = 60;
export const PATCH_RATE = 30;
/** Inputs queued per player beyond which the oldest are dropped: tickwire's InputQueue capacity. */
const MAX_QUEUED_INPUTS = 8;

/** Every ArenaButton bit (the arena's `buttons` input field). */
const BUTTON_MASK = 2 ** arenaInputSchema.fields[0].bits - 1;

interface Seat {
  id: number;
  queue: [number, number, number][];
  last: TickInput;
  lastSeq: number;
}

const game: AnyGame = arena;
/** Everyone sees the whole arena: one view for the room. */
const ROOM_VIEWER: Viewer = { playerId: 0, focus: 0, x: 0, y: 0 };

export class ArenaColyseusRoom extends Room<ArenaRoomStateInstance> {
  private sim: unknown = null;
  private readonly table = new EntityTable(new EntityLayout(game.entities).stride, 64);
  private readonly seats = new Map<string, Seat>();
  private readonly seatById = new Map<number, Seat>();
  private readonly events: AnyEvent[] = [];
  private readonly inputs = new Map<number, TickInput>();

  override onCreate(options: { maxClients?: number; seed?: number }): void {
    this.maxClients = options.maxClients ?? 10;
    this.state = newArenaRoomState();
    this.patchRate = 1000 / PATCH_RATE;
    this.sim = game.createState(options.seed ?? 1, { tickRate: TICK_RATE });
    this.onMessage('input', (client, msg: unknown) => {
      const seat = this.seats.get(client.sessionId);
      if (!seat || !Array.isArray(msg) || msg.length !== 3) return;
      const [seq, buttons, aim] = msg as number[];
      if (!Number.isInteger(seq) || seq <= seat.lastSeq || !Number.isInteger(buttons) || !Number.isInteger(aim)) return;
      if (aim < 0 || aim >= AIM_STEPS) return;
      seat.queue.push([seq, buttons & BUTTON_MASK, aim]);
      if (seat.queue.length > MAX_QUEUED_INPUTS) seat.queue.shift();
    });
    this.setSimulationInterval(() => this.tick(), 1000 / TICK_RATE);
  }

  override onJoin(client: Client): void {
    let id = 1;
    while (this.seatById.has(id)) id++;
    const seat: Seat = { id, queue: [], last: { buttons: 0, aim: 0, viewTick: 0 }, lastSeq: 0 };
    this.seats.set(client.sessionId, seat);
    this.seatById.set(id, seat);
    game.addPlayer(this.sim, id);
    client.send('welcome', { playerId: id, tickRate: TICK_RATE });
    roomTimings.players++;
  }

  override onLeave(client: Client): void {
    const seat = this.seats.get(client.sessionId);
    if (!seat) return;
    this.seats.delete(client.sessionId);
    this.seatById.delete(seat.id);
    game.removePlayer(this.sim, seat.id);
    roomTimings.players--;
  }

  private tick(): void {
    const t0 = performance.now();
    this.inputs.clear();
    for (const seat of this.seats.values()) {
      const next = seat.queue.shift();
      if (next) {
        seat.lastSeq = next[0];
        seat.last = { buttons: next[1], aim: next[2], viewTick: 0 };
      }
      this.inputs.set(seat.id, seat.last);
    }
    game.step(this.sim, this.inputs);
    game.drainEvents(this.sim, this.events);
    if (this.events.length > 0) {
      this.broadcast('events', this.events);
      this.events.length = 0;
    }
    this.table.begin(game.tickOf(this.sim));
    game.writeView(this.sim, ROOM_VIEWER, this.table);
    this.table.finish();
    mirrorTable(this.table, this.state, (id) => this.seatById.get(id)?.lastSeq ?? 0);
    roomTimings.recordStep(performance.now() - t0);
  }

  override broadcastPatch(): boolean {
    const t0 = performance.now();
    const sent = super.broadcastPatch();
    roomTimings.recordPatch(performance.now() - t0, sent ? this.clients.length : 0);
    return sent;
  }
}
