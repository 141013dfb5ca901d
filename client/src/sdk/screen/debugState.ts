/** What `window.__tickwire.state()` reports: numbers for the browser tests and for people debugging. */
import type { ClientPhase } from '../session/sessionTypes';

export interface DebugState {
  phase: ClientPhase['kind'];
  /** The last few phases, oldest first (e.g. playing → reconnecting → playing). */
  phases: ClientPhase['kind'][];
  /** The last welcome resumed an earlier session. */
  resumed: boolean;
  /** The game the room plays ('' before the Welcome). */
  game: string;
  /** The last close: code and reason ('' if the socket never closed). */
  lastClose: string;
  playerId: number;
  roomId: string;
  roomName: string;
  rtt: number;
  /** Our player where it was drawn last frame (NaN before it is). */
  myX: number;
  myY: number;
  others: { id: number; name: string; x: number; y: number }[];
  snapshotsPerSec: number;
  correctionsPerSec: number;
  correctionsTotal: number;
  avgFrameMs: number;
  /** Average JS time per frame spent in our code (advance + view + draw calls), ms. */
  avgWorkMs: number;
  frames: number;
  hudVisible: boolean;
  /** Spectators (issue 15): this screen watches; the followed player (0: free camera) and the camera centre. */
  spectating: boolean;
  followId: number;
  cameraX: number;
  cameraY: number;
}
