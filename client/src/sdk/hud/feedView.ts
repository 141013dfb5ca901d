/** The room feed (top left): joins, leaves, chat and the game's own lines, each shown for 6 s. Plain DOM. */
import type { FeedItem } from '../session/sessionTypes';

/** How long a line stays on screen, ms. */
const LINE_MS = 6000;

export class FeedView {
  readonly root: HTMLDivElement;
  private shown = '';

  constructor(parent: HTMLElement) {
    this.root = document.createElement('div');
    this.root.className = 'hud room-feed';
    parent.appendChild(this.root);
  }

  update(items: readonly FeedItem[], nowMs: number): void {
    const visible = items.filter((i) => nowMs - i.atMs < LINE_MS);
    const key = visible.map((i) => `${i.atMs}${i.text}`).join('|');
    if (key === this.shown) return;
    this.shown = key;
    this.root.replaceChildren(
      ...visible.map((i) => {
        const d = document.createElement('div');
        d.textContent = i.text;
        return d;
      }),
    );
  }
}
