/** Tells the player what the connection is doing: connecting, reconnecting (with a countdown). */
import type { ClientPhase } from '../session/sessionTypes';

export class ConnectionOverlay {
  readonly root: HTMLDivElement;

  constructor(parent: HTMLElement) {
    this.root = document.createElement('div');
    this.root.className = 'overlay';
    this.root.dataset.testid = 'connection-overlay';
    parent.appendChild(this.root);
  }

  update(phase: ClientPhase, nowMs: number): void {
    let text = '';
    if (phase.kind === 'connecting') text = 'Connecting…';
    else if (phase.kind === 'reconnecting') {
      const secs = Math.max(0, (phase.retryAtMs - nowMs) / 1000);
      text = secs > 0.05 ? `${phase.reason}. Reconnecting in ${secs.toFixed(1)} s (attempt ${phase.attempt})…` : `${phase.reason}. Reconnecting…`;
    }
    if (this.root.textContent !== text) this.root.textContent = text;
    this.root.hidden = text === '';
  }
}
