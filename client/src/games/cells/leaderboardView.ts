/** The cells leaderboard (top right): the heaviest cells, ours highlighted; plain DOM. */
import type { LeaderboardRow } from './cellsView';

export class LeaderboardView {
  readonly root: HTMLDivElement;
  private last = '';

  constructor(parent: HTMLElement) {
    this.root = document.createElement('div');
    this.root.className = 'hud cells-leaderboard';
    parent.appendChild(this.root);
  }

  update(rows: readonly LeaderboardRow[], roomName: string): void {
    const key = roomName + '|' + rows.map((r) => `${r.rank}:${r.id}:${r.name}:${r.mass}:${r.isMe}`).join(',');
    if (key === this.last) return;
    this.last = key;
    const title = document.createElement('div');
    title.className = 'hud-title';
    title.textContent = `${roomName} · leaderboard`;
    const list = document.createElement('ol');
    for (const r of rows) {
      const li = document.createElement('li');
      if (r.isMe) li.className = 'me';
      const rank = document.createElement('span');
      rank.textContent = `${r.rank}.`;
      const name = document.createElement('span');
      name.textContent = r.name;
      const mass = document.createElement('span');
      mass.textContent = String(r.mass);
      li.append(rank, name, mass);
      list.appendChild(li);
    }
    this.root.replaceChildren(title, list);
  }
}
