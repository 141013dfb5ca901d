/**
 * The network HUD (toggle: F3 or `): RTT, jitter, snapshot rate, loss,
 * bytes/s each way, prediction corrections/s, interpolation delay, fps.
 * Refreshed four times a second from numbers the client already measures.
 */
export interface HudFigures {
  rttMs: number;
  jitterMs: number;
  snapshotsPerSec: number;
  lossPct: number;
  bytesInPerSec: number;
  bytesOutPerSec: number;
  correctionsPerSec: number;
  interpDelayMs: number;
  fps: number;
  frameMs: number;
  simDropped: { up: number; down: number };
}

const fmt = (v: number, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const kb = (bytesPerSec: number) => `${(bytesPerSec / 1024).toFixed(1)} KiB/s`;

export class NetworkHud {
  readonly root: HTMLDivElement;
  private readonly body: HTMLPreElement;
  private lastUpdateMs = -Infinity;
  private readonly onKey = (e: KeyboardEvent) => {
    if (e.code === 'F3' || e.code === 'Backquote') {
      e.preventDefault();
      this.toggle();
    }
  };

  constructor(parent: HTMLElement, visible: boolean, extra?: HTMLElement) {
    this.root = document.createElement('div');
    this.root.className = 'hud network-hud';
    this.root.dataset.testid = 'network-hud';
    const title = document.createElement('div');
    title.className = 'hud-title';
    title.textContent = 'network  (F3 / ` to hide)';
    this.body = document.createElement('pre');
    this.root.append(title, this.body);
    if (extra) this.root.appendChild(extra);
    parent.appendChild(this.root);
    this.setVisible(visible);
    window.addEventListener('keydown', this.onKey);
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  setVisible(v: boolean): void {
    this.root.hidden = !v;
  }

  toggle(): void {
    this.setVisible(!this.visible);
  }

  update(f: HudFigures, nowMs: number): void {
    if (!this.visible || nowMs - this.lastUpdateMs < 250) return;
    this.lastUpdateMs = nowMs;
    this.body.textContent = [
      `rtt          ${fmt(f.rttMs)} ms`,
      `jitter       ${fmt(f.jitterMs, 1)} ms`,
      `snapshots    ${fmt(f.snapshotsPerSec)} /s`,
      `loss         ${fmt(f.lossPct, 1)} %`,
      `in           ${kb(f.bytesInPerSec)}`,
      `out          ${kb(f.bytesOutPerSec)}`,
      `corrections  ${fmt(f.correctionsPerSec, 1)} /s`,
      `interp delay ${fmt(f.interpDelayMs)} ms`,
      `fps          ${fmt(f.fps)}  (${fmt(f.frameMs, 1)} ms)`,
      `sim dropped  ↑${f.simDropped.up} ↓${f.simDropped.down}`,
    ].join('\n');
  }

  dispose(): void {
    window.removeEventListener('keydown', this.onKey);
    this.root.remove();
  }
}
