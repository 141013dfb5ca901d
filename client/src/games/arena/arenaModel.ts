/**
 * The arena as the client sees it: our own player for prediction (the shared
 * movePlayer and playerFromSnapshot, so prediction and server agree to the
 * bit), and how remote entities are blended between snapshots.
 */
import { ArenaButton, ArenaField, ArenaKind, FIRE_COOLDOWN_MS, movePlayer, msToTicks, playerFromSnapshot, ProjectileField, type ArenaWorld } from '../../../../shared/game/arena';
import type { EntityLayout } from '../../../../shared/protocol/entitySchema';
import type { EntityTable } from '../../../../shared/protocol/entityTable';
import type { InputValues } from '../../../../shared/protocol/inputSchema';
import type { PredictionHooks } from '../../sdk/gameModule';
import type { LerpSpec } from '../../sdk/netcode/entityLerp';

export interface PredictedPlayer {
  x: number;
  y: number;
  vx: number;
  vy: number;
  /** Dead players do not move until they respawn (which the server decides). */
  alive: boolean;
  /** Ticks until Fire shoots again, counted as the server does (stepArena), so own shots can be predicted. */
  cooldownTicks: number;
}

/** Our player as the server has it in `table` (row `row`). */
export function predictedFromSnapshot(table: EntityTable, row: number): PredictedPlayer {
  const p = playerFromSnapshot(table.values, row * table.fieldCount);
  return { x: p.x, y: p.y, vx: p.vx, vy: p.vy, alive: p.respawnTicks === 0, cooldownTicks: p.cooldownTicks };
}

export function arenaPrediction(world: ArenaWorld): PredictionHooks<PredictedPlayer> {
  const input = { buttons: 0, aim: 0, viewTick: 0 };
  const fireCooldownTicks = msToTicks(FIRE_COOLDOWN_MS, world.tickRate);
  return {
    model: {
      // The server's per-player order (stepArena): cooldown, move, then fire.
      step(s: PredictedPlayer, values: Readonly<InputValues>) {
        if (!s.alive) return s;
        if (s.cooldownTicks > 0) s.cooldownTicks--;
        input.buttons = values.buttons;
        input.aim = values.aim;
        movePlayer(s, input, world);
        if ((values.buttons & ArenaButton.Fire) !== 0 && s.cooldownTicks === 0) s.cooldownTicks = fireCooldownTicks;
        return s;
      },
      clone: (s) => ({ ...s }),
      x: (s) => s.x,
      y: (s) => s.y,
    },
    fromSnapshot: predictedFromSnapshot,
  };
}

/** A respawn moves a player farther than this between two snapshots: drawn there at once, not dragged. */
const TELEPORT_PX = 120;

export function arenaLerp(layout: EntityLayout): LerpSpec {
  return {
    layout,
    kinds: {
      [ArenaKind.Player]: { blended: [ArenaField.X, ArenaField.Y, ArenaField.Aim], xField: ArenaField.X, yField: ArenaField.Y, teleportDistance: TELEPORT_PX },
      // Shots are sent once and flown by formula (frameView.ts): nothing to blend.
      [ArenaKind.Projectile]: { blended: [], xField: ProjectileField.X, yField: ProjectileField.Y, teleportDistance: TELEPORT_PX },
    },
  };
}
