/**
 * One line on joining: how to win, and how to play on this device. Shown for
 * TIP_MS, once per room joined; it lets touches and clicks through.
 */

export const TIP_MS = 9000;
export const HOW_TO_WIN = 'Eliminate players to score: most points wins';

export class HowToWin {
  readonly root: HTMLDivElement;
  private shownAtMs = Number.NaN;

  constructor(parent: HTMLElement, controlsLine: string) {
    this.root = document.createElement('div');
    this.root.className = 'how-to-win';
    this.root.dataset.testid = 'how-to-win';
    const win = document.createElement('b');
    win.textContent = HOW_TO_WIN;
    const controls = document.createElement('span');
    controls.textContent = controlsLine;
    this.root.append(win, controls);
    parent.appendChild(this.root);
  }

  /** `watching`: a spectator's screen, whose controls are the watching bar's: the controls line says so. */
  update(nowMs: number, watching = false): void {
    if (watching && !this.root.dataset.watching) {
      this.root.dataset.watching = '1';
      (this.root.lastElementChild as HTMLElement).textContent = 'You are watching: Space follows the next player · WASD or drag moves the camera';
    }
    if (this.root.hidden) return;
    if (Number.isNaN(this.shownAtMs)) this.shownAtMs = nowMs;
    else if (nowMs - this.shownAtMs > TIP_MS) this.root.hidden = true;
  }

  dispose(): void {
    this.root.remove();
  }
}
