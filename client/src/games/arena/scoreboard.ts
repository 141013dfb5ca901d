/**
 * The arena's scoreboard (top right), plain DOM: a one-line summary (our
 * rank and score) and the table (score, kills, deaths). On a wide screen the
 * table is always shown; on a narrow one (a phone) only the summary is, and a
 * tap opens the table, so it does not cover the play area. Rebuilt at most
 * every REFRESH_MS (scores change a few times a minute), not every frame.
 */
import type { PlayerView } from './frameView';
import { playerColor } from './playerColor';

const REFRESH_MS = 200;

export class Scoreboard {
  readonly root: HTMLDivElement;
  private readonly summary: HTMLDivElement;
  private readonly table: HTMLTableElement;
  private readonly title: HTMLDivElement;
  private last = '';
  private lastMs = -Infinity;
  private lastCount = -1;

  constructor(parent: HTMLElement) {
    this.root = document.createElement('div');
    this.root.className = 'hud scoreboard';
    this.root.dataset.testid = 'scoreboard';
    this.root.title = 'Scoreboard (tap to open or close)';
    this.title = document.createElement('div');
    this.title.className = 'hud-title';
    this.summary = document.createElement('div');
    this.summary.className = 'score-summary';
    this.table = document.createElement('table');
    this.root.append(this.title, this.summary, this.table);
    this.root.addEventListener('click', () => this.root.classList.toggle('open'));
    parent.appendChild(this.root);
  }

  update(players: readonly PlayerView[], roomName: string, nowMs: number): void {
    if (nowMs - this.lastMs < REFRESH_MS && players.length === this.lastCount) return;
    this.lastMs = nowMs;
    this.lastCount = players.length;
    const rows = [...players].sort((a, b) => b.score - a.score || b.kills - a.kills || a.id - b.id);
    const key = roomName + '|' + rows.map((p) => `${p.id}:${p.name}:${p.score}:${p.kills}:${p.deaths}:${p.isMe}`).join(',');
    if (key === this.last) return;
    this.last = key;
    this.title.textContent = roomName;
    const rank = rows.findIndex((p) => p.isMe);
    const me = rows[rank];
    this.summary.textContent = me ? `#${rank + 1} of ${rows.length} · ${me.score} pts ▾` : `${rows.length} playing ▾`;
    this.table.innerHTML = '<tr><th></th><th>player</th><th>score</th><th>K</th><th>D</th></tr>';
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
      this.table.appendChild(tr);
    }
  }
}
