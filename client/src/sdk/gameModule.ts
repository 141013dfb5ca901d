/**
 * What a game gives the client SDK. The SDK owns the connection, the clock,
 * snapshots, interpolation, prediction, the HUD and the lobby; a game module
 * owns everything that knows the game's fields and events:
 *
 *   ClientGameModule ─▶ definition   the shared GameDefinition (hash check, prediction step)
 *                    ─▶ createLogic  DOM-free, one per session: blending, prediction hooks,
 *                                    controls → input values, events, the frame's view
 *                    ─▶ createPresenter  browser-only: renderer, controls, game HUD
 *
 * Adding a game is a folder in client/src/games/ and one line in
 * games/registry.ts; nothing in the SDK changes.
 *
 * Type parameters: P = the game's predicted own-player state, V = the view it
 * draws each frame, C = the control state its presenter samples. The SDK passes
 * P, V and C from a module's logic to the same module's presenter untouched.
 */
import type { AnyGame } from '../../../shared/engine/gameDefinition';
import type { EntityLayout } from '../../../shared/protocol/entitySchema';
import type { EntityTable } from '../../../shared/protocol/entityTable';
import type { AnyEvent } from '../../../shared/protocol/eventSchema';
import type { ServerMessage } from '../../../shared/protocol/frameCodec';
import type { InputValues } from '../../../shared/protocol/inputSchema';
import type { DrawnTable, LerpSpec } from './netcode/entityLerp';
import type { PredictionModel } from './netcode/prediction';

/** The session facts a game's logic is built from (from the Welcome). */
export interface SessionInfo {
  seed: number;
  tickRate: number;
  snapshotRate: number;
  playerId: number;
  roomId: string;
  roomName: string;
  /** The entity layout the session decodes snapshots with (from the Welcome's descriptor). */
  layout: EntityLayout;
}

/** Prediction of our own player, built from the game's own shared step function. */
export interface PredictionHooks<P> {
  model: PredictionModel<P>;
  /** Our player as the server has it in `table`, row `row` (wire units, as decoded). */
  fromSnapshot(table: EntityTable, row: number): P;
}

/** What a game's event handler may do besides updating its own state. */
export interface EventContext {
  nowMs: number;
  playerId: number;
  nameOf(id: number): string;
  /** Add a line to the room feed (top left). */
  feed(text: string): void;
}

/** Everything the SDK knows about one frame; the game turns it into its view. */
export interface ViewSample<P> {
  nowMs: number;
  /** Fractional server tick the remote entities are drawn at. */
  renderTick: number;
  tickRate: number;
  playerId: number;
  /** Every entity of the interpolated snapshot pair, blended to `renderTick` (our own row included). */
  drawn: DrawnTable;
  /** The newest applied snapshot, and our row in it (-1 when we are not in it). */
  newest: EntityTable | null;
  myRow: number;
  /** Our predicted state (null when the game does not predict or before our first row arrives). */
  predicted: P | null;
  /** Where to draw our player this frame (prediction, smoothed), or null. */
  predictedDraw: { x: number; y: number } | null;
  nameOf(id: number): string;
}

/** The DOM-free half of a game on the client: one instance per session (per Welcome). */
export interface GameLogic<P, V, C> {
  /** How remote entities blend between snapshots, per entity kind. */
  readonly lerp: LerpSpec;
  /** Prediction of our own player, or null for a game that only interpolates. */
  readonly prediction: PredictionHooks<P> | null;
  /**
   * This tick's input from the presenter's controls (null when nothing samples
   * them, e.g. before the presenter is up) and our predicted state.
   */
  input(controls: C | null, predicted: P | null): InputValues;
  /** A game event (room events — joined, left, chat — are the SDK's). */
  onEvent(event: AnyEvent, ctx: EventContext): void;
  /**
   * Any decoded server message the session does not handle itself (a game's
   * own streams, e.g. standings; the SDK knows none of their meaning), at
   * `nowMs`. Optional: a game without such streams leaves it out.
   *
   * @example onMessage(msg) { if (msg.op === Opcode.Rank) this.standings.onRank(msg.body); }
   */
  onMessage?(msg: ServerMessage, nowMs: number): void;
  /** The view to draw this frame. */
  view(sample: ViewSample<P>): V;
}

/** Figures a presenter reads besides the view (room name for a scoreboard title, …). */
export interface PresenterFrame {
  nowMs: number;
  roomName: string;
  /**
   * Spectators (issue 15): set while this screen watches instead of playing —
   * the world point (game units) the presenter's camera centres on (the
   * followed player, or the free camera); null/absent while playing.
   */
  spectator?: { x: number; y: number } | null;
}

/** The browser half: draws the view, samples the controls. One per game screen. */
export interface GamePresenter<V, C> {
  /** Create the canvas and the game's HUD inside `root`. */
  init(root: HTMLElement): Promise<void>;
  controls(): C;
  render(view: V, frame: PresenterFrame): void;
  dispose(): void;
}

export interface ClientGameModule<P, V, C> {
  /** The shared game definition: name, title, descriptor (checked against the Welcome's hash), rules. */
  readonly definition: AnyGame;
  /** One line for the lobby: how to play. */
  readonly controlsHelp: string;
  createLogic(session: SessionInfo): GameLogic<P, V, C>;
  /**
   * The presenter, loaded on demand: `import()` it here so that the DOM-free
   * half (tests, headless clients under Node) never loads the renderer.
   */
  createPresenter(): Promise<GamePresenter<V, C>>;
}

/** A module of any game, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyClientGame = ClientGameModule<any, any, any>;
