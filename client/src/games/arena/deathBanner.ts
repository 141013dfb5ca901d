/**
 * The victim's banner while dead: who eliminated them and a respawn
 * countdown ("Eliminated by Ada · respawn in 1.4 s"), from the death effect
 * (the killer's name) and our row's respawn ticks (the countdown).
 */

export function deathBannerText(killer: string, respawnMs: number, self: boolean): string {
  const by = self ? 'You eliminated yourself' : killer ? `Eliminated by ${killer}` : 'Eliminated';
  const secs = Math.max(0, respawnMs) / 1000;
  return secs > 0.05 ? `${by} · respawn in ${secs.toFixed(1)} s` : `${by} · respawning…`;
}

export class DeathBanner {
  readonly root: HTMLDivElement;

  constructor(parent: HTMLElement) {
    this.root = document.createElement('div');
    this.root.className = 'status-banner';
    this.root.dataset.testid = 'death-banner';
    this.root.hidden = true;
    parent.appendChild(this.root);
  }

  /** `text` '' hides it. */
  update(text: string): void {
    if (this.root.textContent !== text) this.root.textContent = text;
    const hidden = text === '';
    if (this.root.hidden !== hidden) this.root.hidden = hidden;
  }

  dispose(): void {
    this.root.remove();
  }
}
