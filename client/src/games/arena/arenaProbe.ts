/**
 * What the arena's netcode did, frame by frame, counted where it happens (the
 * client logic) for the browser tests and for people debugging a page:
 * `window.__tickwireArena` in a browser (the SDK's `window.__tickwire` knows
 * no game). Counters only; nothing here changes what is drawn.
 *
 *   view()  ─▶ views++ · own-player step beyond the fastest possible motion
 *   a predicted shot first drawn ─▶ shotsDrawn.push([its number, views])
 *
 * A test records `views` and `shotsFired` when its key goes down (a
 * capture-phase listener) and reads how many frames later the first shot fired
 * after that was drawn.
 */
import { PLAYER_MAX_SPEED } from '../../../../shared/game/arena';

/** Most first-drawn frame indexes kept (the oldest are dropped). */
const SHOTS_KEPT = 64;
/** A frame gap longer than this is a stall of the page, not motion (its step is not judged), ms. */
const MAX_JUDGED_FRAME_MS = 250;

export interface ArenaProbe {
  /** Frames the arena has built a view for. */
  views: number;
  /** Predicted shots fired (ticks on which we predicted the server fires). */
  shotsFired: number;
  /** [shot number (1 = the first fired), `views` at the frame it was first drawn], newest last. */
  shotsDrawn: [number, number][];
  /**
   * Largest frame-to-frame move of our drawn player beyond the fastest it can
   * run in that time (alive on both frames, frames ≤ 250 ms apart), px: a hard
   * snap shows as tens of px; a smoothed correction as under 1 px.
   */
  maxOwnExcessStepPx: number;
  /** Frames whose own-player step exceeded the fastest motion by more than 24 px. */
  ownJumpsOver24Px: number;
}

export function newArenaProbe(): ArenaProbe {
  return { views: 0, shotsFired: 0, shotsDrawn: [], maxOwnExcessStepPx: 0, ownJumpsOver24Px: 0 };
}

/** Follows our drawn player between frames and fills the probe's step figures. */
export class OwnStepWatch {
  private lastX = Number.NaN;
  private lastY = Number.NaN;
  private lastMs = Number.NaN;

  constructor(private readonly probe: ArenaProbe) {}

  /** Our player drawn at (x, y) at `nowMs`, or not drawn / dead (`alive` false). */
  frame(nowMs: number, x: number, y: number, alive: boolean): void {
    const dtMs = nowMs - this.lastMs;
    if (alive && !Number.isNaN(this.lastX) && dtMs > 0 && dtMs <= MAX_JUDGED_FRAME_MS) {
      const excess = Math.hypot(x - this.lastX, y - this.lastY) - (PLAYER_MAX_SPEED * dtMs) / 1000;
      if (excess > this.probe.maxOwnExcessStepPx) this.probe.maxOwnExcessStepPx = excess;
      if (excess > 24) this.probe.ownJumpsOver24Px++;
    }
    this.lastX = alive ? x : Number.NaN;
    this.lastY = alive ? y : Number.NaN;
    this.lastMs = nowMs;
  }
}

/** Record predicted shot number `shot` first drawn on the current frame. */
export function shotDrawn(probe: ArenaProbe, shot: number): void {
  if (probe.shotsDrawn.length >= SHOTS_KEPT) probe.shotsDrawn.shift();
  probe.shotsDrawn.push([shot, probe.views]);
}

/** In a browser, the newest session's probe is `window.__tickwireArena`. */
export function publishArenaProbe(probe: ArenaProbe): void {
  const g = globalThis as { window?: unknown; __tickwireArena?: ArenaProbe };
  if (g.window !== undefined) g.__tickwireArena = probe;
}
