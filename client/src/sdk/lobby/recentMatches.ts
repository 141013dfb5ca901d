/**
 * The lobby's "Recent matches": the server's latest recorded replays
 * (GET /api/replays), each a link to the replay player (/replay?id=…) with
 * its game, room, length and who played. Hidden when the server records none.
 */
import type { ReplaySummary } from '../../../../server/replay/replaySummary';

const POLL_MS = 10_000;
const SHOWN = 8;

export class RecentMatches {
  readonly root: HTMLElement;
  private readonly list: HTMLUListElement;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    parent: HTMLElement,
    private readonly baseUrl: string,
  ) {
    this.root = document.createElement('section');
    this.root.className = 'recent-matches';
    this.root.hidden = true;
    const h = document.createElement('h2');
    h.textContent = 'Recent matches';
    this.list = document.createElement('ul');
    this.list.id = 'recent-matches';
    this.list.className = 'room-list';
    this.root.append(h, this.list);
    parent.appendChild(this.root);
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), POLL_MS);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.root.remove();
  }

  async refresh(): Promise<void> {
    let replays: ReplaySummary[];
    try {
      const res = await fetch(`${this.baseUrl}/api/replays?limit=${SHOWN}`);
      if (!res.ok) {
        this.root.hidden = true;
        return;
      }
      replays = ((await res.json()) as { replays: ReplaySummary[] }).replays;
    } catch (err) {
      void err; // no server, no list: the room list above says the server is unreachable
      this.root.hidden = true;
      return;
    }
    this.root.hidden = replays.length === 0;
    this.list.replaceChildren(
      ...replays.map((r) => {
        const li = document.createElement('li');
        li.dataset.replayId = r.id;
        const a = document.createElement('a');
        a.href = `/replay?id=${encodeURIComponent(r.id)}`;
        a.textContent = r.roomName;
        const game = document.createElement('span');
        game.className = 'game-tag';
        game.textContent = r.game;
        const info = document.createElement('span');
        info.className = 'count';
        info.textContent = `${Math.round(r.durationSec)} s · ${r.players.map((p) => p.name).slice(0, 4).join(', ')}${r.players.length > 4 ? ` +${r.players.length - 4}` : ''}`;
        li.append(a, game, info);
        return li;
      }),
    );
  }
}
