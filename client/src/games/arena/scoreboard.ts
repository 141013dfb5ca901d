/** The arena's scoreboard (top right): score, kills, deaths; plain DOM. */
import type { PlayerView } from './frameView';
import { playerColor } from './playerColor';

export class Scoreboard {
  readonly root: HTMLDivElement;
  private last = '';

  constructor(parent: HTMLElement) {
    this.root = document.createElement('div');
    this.root.className = 'hud scoreboard';
    parent.appendChild(this.root);
  }

  update(players: readonly PlayerView[], roomName: string): void {
    const rows = [...players].sort((a, b) => b.score - a.score || b.kills - a.kills || a.id - b.id);
    const key = roomName + '|' + rows.map((p) => `${p.id}:${p.name}:${p.score}:${p.kills}:${p.deaths}:${p.isMe}`).join(',');
    if (key === this.last) return;
    this.last = key;
    this.root.replaceChildren();
    const title = document.createElement('div');
    title.className = 'hud-title';
    title.textContent = roomName;
    const table = document.createElement('table');
    table.innerHTML = '<tr><th></th><th>player</th><th>score</th><th>K</th><th>D</th></tr>';
    for (const p of rows) {
      const tr = document.createElement('tr');
      if (p.isMe) tr.className = 'me';
      const cells = ['', p.name, String(p.score), String(p.kills), String(p.deaths)];
      cells.forEach((text, i) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (i === 0) {
          td.className = 'swatch';
          td.style.background = `#${playerColor(p.id).toString(16).padStart(6, '0')}`;
        }
        tr.appendChild(td);
      });
      table.appendChild(tr);
    }
    this.root.append(title, table);
  }
}
