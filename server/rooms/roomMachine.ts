/**
 * The pure core of a room: a game's state advanced by a command stream.
 * No sockets, sessions or clocks — the Room around it turns connections into
 * commands and frames out. Commands submitted during a tick are applied at
 * the next boundary, in order; then the game steps once with every present
 * player's current input:
 *
 *   submit(join) submit(input) …  │ step(): apply batch ─▶ game.step ─▶ events
 *   ────────── tick t ────────────┼──────────── boundary t+1 ──────────────▶
 *
 * Given the seed and the batches step() returns, `replay` reproduces the
 * same states and events: the seam for replays and for moving a room.
 *
 * A room restored from a checkpoint on another node continues at the tick it
 * had (`startTick`): its world is rebuilt from the seed, so the game's own
 * tick restarts at 0, and the machine adds the difference. Everything outside
 * the game — batch ticks, snapshot ticks, clients' acks and the viewTick of
 * their inputs — stays in the room's tick line; a viewTick is moved into the
 * game's line when applied:
 *
 *   room tick:  startTick ─ startTick+1 ─ startTick+2 …   (what clients see and ack)
 *   game tick:      0     ─      1      ─      2      …   (game.tickOf(state))
 */
import type { AnyGame, PlayerSave, TickInput } from '../../shared/engine/gameDefinition';
import type { AnyEvent } from '../../shared/protocol/eventSchema';
import type { CommandBatch, RoomCommand } from './roomCommand';

export class RoomMachine {
  readonly state: unknown;
  private pending: RoomCommand[] = [];
  /** Each present player's input, applied every tick until a new input command replaces it. */
  private readonly inputs = new Map<number, TickInput>();
  private readonly names = new Map<number, string>();
  /** Players detached from the world (disconnected within their grace). */
  private readonly detached = new Set<number>();
  /** What removePlayer returned for detached players, restored on attach. */
  private readonly saves = new Map<number, PlayerSave>();
  private readonly events: AnyEvent[] = [];
  private readonly zeroInput: Record<string, number>;

  constructor(
    readonly game: AnyGame,
    readonly seed: number,
    readonly tickRate: number,
    /** The room's tick before its first step here (a restored room: the checkpoint's tick; else 0). */
    readonly startTick = 0,
  ) {
    if (!Number.isSafeInteger(startTick) || startTick < 0) throw new RangeError(`RoomMachine#startTick: a non-negative integer, got ${startTick}`);
    this.state = game.createState(seed, { tickRate });
    this.zeroInput = { viewTick: 0 };
    for (const f of game.input.fields) this.zeroInput[f.name] = 0;
  }

  /** The room's tick: `startTick` plus the steps taken here. */
  get tick(): number {
    return this.startTick + this.game.tickOf(this.state);
  }

  /** Players in the world (joined and not left). */
  has(playerId: number): boolean {
    return this.names.has(playerId);
  }

  /** Queue a command for the next tick boundary. */
  submit(command: RoomCommand): void {
    this.pending.push(command);
  }

  /**
   * Apply the queued commands without stepping: only when the room is
   * stopping (handoff), so that detaches not yet at a boundary take effect.
   */
  settle(): void {
    const commands = this.pending;
    this.pending = [];
    for (const c of commands) this.apply(c);
  }

  /** Apply the queued commands, advance one tick; returns the batch applied (for recorders). */
  step(): CommandBatch {
    const batch: CommandBatch = { tick: this.tick + 1, commands: this.pending };
    this.pending = [];
    for (const c of batch.commands) this.apply(c);
    this.game.step(this.state, this.inputs);
    this.game.drainEvents(this.state, this.events);
    return batch;
  }

  /** Move this tick's events (room and game) into `out`. */
  drainEvents(out: AnyEvent[]): void {
    for (let i = 0; i < this.events.length; i++) out.push(this.events[i]);
    this.events.length = 0;
  }

  /**
   * A player's saved state: kept since its detach, or taken now (non-destructively)
   * from the world for one still playing. What a successor process restores.
   */
  saveOf(playerId: number): PlayerSave | undefined {
    if (!this.names.has(playerId)) return undefined;
    return this.saves.get(playerId) ?? this.game.savePlayer(this.state, playerId);
  }

  private apply(c: RoomCommand): void {
    switch (c.type) {
      case 'join':
        if (this.names.has(c.playerId)) return;
        this.names.set(c.playerId, c.name);
        this.game.addPlayer(this.state, c.playerId, c.save ?? undefined);
        this.inputs.set(c.playerId, { ...this.zeroInput } as TickInput);
        this.events.push({ type: 'joined', id: c.playerId, name: c.name });
        return;
      case 'leave':
        if (!this.names.delete(c.playerId)) return;
        if (!this.detached.delete(c.playerId)) this.game.removePlayer(this.state, c.playerId);
        this.saves.delete(c.playerId);
        this.inputs.delete(c.playerId);
        this.events.push({ type: 'left', id: c.playerId });
        return;
      case 'detach':
        if (!this.names.has(c.playerId) || this.detached.has(c.playerId)) return;
        this.detached.add(c.playerId);
        this.saves.set(c.playerId, this.game.removePlayer(this.state, c.playerId));
        this.inputs.delete(c.playerId);
        return;
      case 'attach':
        if (!this.detached.delete(c.playerId)) return;
        this.game.addPlayer(this.state, c.playerId, c.save ?? this.saves.get(c.playerId));
        this.saves.delete(c.playerId);
        this.inputs.set(c.playerId, { ...this.zeroInput } as TickInput);
        return;
      case 'input': {
        const input = this.inputs.get(c.playerId) as Record<string, number> | undefined; // absent when detached
        if (!input) return;
        const fields = this.game.input.fields;
        for (let i = 0; i < fields.length; i++) input[fields[i].name] = c.values[i] ?? 0;
        // The client saw room ticks; the game rewinds in its own line (from 0 here). A view older than
        // this machine's first tick is clamped to it: the world before it is not in this process.
        input.viewTick = Math.max(0, c.viewTick - this.startTick);
        return;
      }
      case 'chat':
        if (this.names.has(c.playerId)) this.events.push({ type: 'chat', id: c.playerId, text: c.text });
        return;
    }
  }
}

/** Re-run a recorded stream: a new machine fed the same batches, in order (from `startTick` + 1). */
export function replay(game: AnyGame, seed: number, tickRate: number, batches: Iterable<CommandBatch>, startTick = 0): RoomMachine {
  const m = new RoomMachine(game, seed, tickRate, startTick);
  for (const b of batches) {
    if (b.tick !== m.tick + 1) throw new Error(`replay: batch for tick ${b.tick} after tick ${m.tick}`);
    for (const c of b.commands) m.submit(c);
    m.step();
  }
  return m;
}
