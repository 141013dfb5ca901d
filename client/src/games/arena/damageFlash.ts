/**
 * A red vignette at the screen's edges when we are hit, fading over FLASH_MS:
 * the player feels a hit that lands on them even off-centre. Its opacity is
 * written only when it changes.
 */

export const FLASH_MS = 350;

export class DamageFlash {
  readonly root: HTMLDivElement;
  private opacity = 0;

  constructor(parent: HTMLElement) {
    this.root = document.createElement('div');
    this.root.className = 'damage-flash';
    this.root.hidden = true;
    parent.appendChild(this.root);
  }

  /** `ageMs` since we were last hit (NaN: not recently); `damage` scales the strength. */
  update(ageMs: number, damage: number): void {
    const strength = Math.min(1, 0.45 + damage / 40);
    const o = ageMs >= 0 && ageMs < FLASH_MS ? Math.round(strength * (1 - ageMs / FLASH_MS) * 100) / 100 : 0;
    if (o === this.opacity) return;
    this.opacity = o;
    // Hidden at rest: a full-screen blurred shadow costs compositing even when transparent.
    this.root.hidden = o === 0;
    this.root.style.opacity = String(o);
  }

  dispose(): void {
    this.root.remove();
  }
}
