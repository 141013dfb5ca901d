/**
 * The network HUD (toggle: F3 or `, or the "Net" button beside Leave, which is
 * how a phone reaches it): RTT, jitter, snapshot rate, loss,
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
  /** Opens and closes the HUD by click or tap. */
  readonly button: HTMLButtonElement;
  private readonly body: HTMLPreElement;
  private lastUpdateMs = -Infinity;
  private readonly onKey = (e: KeyboardEvent) => {
    if (e.code === 'F3' || e.code === 'Backquote') {
      e.preventDefault();
      this.toggle();
    }
  };

  /** `toolbar`: where the Net button goes (beside Leave). */
  constructor(parent: HTMLElement, visible: boolean, extra?: HTMLElement, toolbar: HTMLElement = parent) {
    this.root = document.createElement('div');
    this.root.className = 'hud network-hud';
    this.root.dataset.testid = 'network-hud';
    const title = document.createElement('div');
    title.className = 'hud-title';
    title.textContent = 'network  (F3, ` or Net to hide)';
    this.body = document.createElement('pre');
    this.root.append(title, this.body);
    if (extra) this.root.appendChild(extra);
    this.button = document.createElement('button');
    this.button.className = 'hud-toggle';
    this.button.dataset.testid = 'hud-toggle';
    this.button.textContent = 'Net';
    this.button.title = 'Network figures and simulator (F3)';
    this.button.addEventListener('click', () => {
      this.toggle();
      // Give the keyboard back to the game: a focused button would take the game's keys (Space) as a click.
      this.button.blur();
    });
    parent.appendChild(this.root);
    toolbar.appendChild(this.button);
    this.setVisible(visible);
    window.addEventListener('keydown', this.onKey);
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  setVisible(v: boolean): void {
    this.root.hidden = !v;
    this.button.setAttribute('aria-pressed', String(v));
    // Shown at once, not at the next quarter-second refresh.
    if (v) this.lastUpdateMs = -Infinity;
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
    this.button.remove();
  }
}
