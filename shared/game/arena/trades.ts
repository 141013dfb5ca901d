/**
 * Trades: a player killed on the server keeps firing the shots its client
 * fired before it could see its own death, within the lag compensation window.
 * Favouring the shooter covers the shooter's own death too: on its screen it
 * was alive and firing, and the shot was drawn (predicted) at once.
 *
 *   server:   tick D: P is killed ────────────────── tick T: P's fire frame applied
 *   P's view: ... rendering tick V < D (P alive) ─ fires ─▶ frame { Fire, viewTick V }
 *   rule:     V < D (P had not seen its death) and T − V ≤ lag cap (the usual window)
 *             → the shot is fired at T from P's ghost, along the frame's aim,
 *               lag-compensated by T − V as any shot; else nothing, as before
 *
 * The ghost (ArenaPlayer.ghost, arena v5) is P's state at its death moved on
 * by every frame P sent since, as P's own prediction moved it: the shot leaves
 * from where P's screen drew P and the shot, so what it touched there is what
 * the server tests (v4 fired from the death position, up to a round trip of
 * walking away from the drawn shot). The ghost is no target and blocks nothing.
 *
 * Everything comes from the command stream (the frame's view tick) and the
 * state (the death tick): replays re-simulate it exactly. The fire cooldown
 * keeps running while dead, as the client (which still believed itself alive)
 * predicted it. A client that knows it is dead sends no Fire (arenaLogic.ts);
 * one that lies about its view gains at most what lag compensation already
 * grants any shot: the window is the same cap.
 */
import { ArenaButton } from './constants';
import type { ArenaInput } from './schema';
import type { ArenaPlayer, ArenaState } from './state';
import type { TickInput } from '../../engine/gameDefinition';

/** Does dead player `p`'s frame `input`, applied at the current tick, fire a trade shot? (The cooldown aside.) */
export function firesInTransit(state: ArenaState, p: Readonly<ArenaPlayer>, input: Readonly<TickInput<ArenaInput>>): boolean {
  if ((input.buttons & ArenaButton.Fire) === 0) return false;
  const view = input.viewTick;
  // NaN, 0 (no snapshot yet) and views at or after the death fail these tests.
  if (!(view > 0 && view < p.diedAtTick)) return false;
  return state.tick - view <= state.maxLagTicks;
}
