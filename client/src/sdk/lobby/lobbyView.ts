/**
 * The lobby, plain DOM: player name (remembered in localStorage), a game
 * picker (the server's games, GET /api/games; remembered), public rooms with
 * their game and live player counts (polled), create room in the picked game
 * (name, max players, private → shows its join code, grouped for reading),
 * join by code (forgiving: any case, spaces and dashes; joinCode.ts), quick
 * play in the picked game; watch any public room (its Watch button) or a
 * private one by code as a spectator (issue 15). Every failure is a sentence
 * in the message line.
 */
import { Limits } from '../../../../shared/protocol/constants';
import type { GameCatalog } from '../session/gameCatalog';
import type { JoinTarget } from '../session/sessionTypes';
import { GamePicker } from './gamePicker';
import { formatTypedCode, joinCodeGroups, parseJoinCode } from './joinCode';
import { createRoom, listRooms, LobbyError, type RoomSummary } from './lobbyApi';
import { loadSetting, saveSetting } from './localSettings';
import { RecentMatches } from './recentMatches';

const NAME_KEY = 'tickwire.name';
const POLL_MS = 2000;

export interface LobbyCallbacks {
  onJoin(target: JoinTarget, name: string): void;
}

export class LobbyView {
  readonly root: HTMLDivElement;
  private readonly nameInput: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly message: HTMLDivElement;
  private readonly created: HTMLDivElement;
  private readonly picker: GamePicker;
  private readonly maxInput: HTMLInputElement;
  private pollTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    parent: HTMLElement,
    private readonly baseUrl: string,
    games: GameCatalog,
    private readonly callbacks: LobbyCallbacks,
  ) {
    this.root = document.createElement('div');
    this.root.className = 'lobby';
    this.root.innerHTML = `
      <h1>tickwire <span>games</span></h1>
      <label class="field">Your name <input id="player-name" maxlength="${Limits.maxNameLength}" autocomplete="nickname" /></label>
      <label class="field">Game <select id="game-picker"></select></label>
      <div id="lobby-message" class="message" role="status"></div>
      <div class="columns">
        <section>
          <h2>Public rooms</h2>
          <ul id="room-list" class="room-list"><li class="empty">loading…</li></ul>
          <button id="quick-play" class="primary">Quick play</button>
        </section>
        <section>
          <h2>Create a room</h2>
          <label class="field">Room name <input id="room-name" maxlength="${Limits.maxRoomNameLength}" /></label>
          <label class="field">Max players <input id="room-max" type="number" min="1" max="256" value="8" /></label>
          <label class="check"><input id="room-private" type="checkbox" /> Private (join by code)</label>
          <button id="create-room">Create</button>
          <div id="created-room" class="created" hidden></div>
          <h2>Join by code</h2>
          <div class="row"><input id="join-code" maxlength="${Limits.joinCodeLength * 2}" placeholder="ABCDE-FGHJK" autocapitalize="characters" autocomplete="off" spellcheck="false" />
          <button id="join-code-btn">Join</button> <button id="watch-code-btn" title="Watch as a spectator">Watch</button></div>
        </section>
      </div>
      <p class="help"><span id="game-help"></span> · network HUD: F3 or \`</p>`;
    parent.appendChild(this.root);
    new RecentMatches(this.root, baseUrl); // replays (issue 15): the latest recorded matches, linked to /replay
    const q = <T extends HTMLElement>(sel: string) => this.root.querySelector(sel) as T;
    this.nameInput = q<HTMLInputElement>('#player-name');
    this.list = q<HTMLUListElement>('#room-list');
    this.message = q<HTMLDivElement>('#lobby-message');
    this.created = q<HTMLDivElement>('#created-room');
    this.maxInput = q<HTMLInputElement>('#room-max');
    const help = q<HTMLSpanElement>('#game-help');
    this.picker = new GamePicker(q<HTMLSelectElement>('#game-picker'), baseUrl, games, (g) => {
      help.textContent = g.help;
      this.maxInput.value = String(g.defaultMaxPlayers);
    });
    this.nameInput.value = loadName();
    this.nameInput.addEventListener('change', () => saveName(this.nameInput.value));

    q<HTMLButtonElement>('#quick-play').addEventListener('click', () => this.join({ kind: 'quick', game: this.picker.selected }));
    const codeInput = q<HTMLInputElement>('#join-code');
    codeInput.addEventListener('input', () => {
      // Regroup as the player types, but only with the caret at the end (editing mid-code keeps its place).
      if (codeInput.selectionStart === codeInput.value.length) codeInput.value = formatTypedCode(codeInput.value);
    });
    const joinByCode = (watch = false) => {
      const parsed = parseJoinCode(codeInput.value);
      if (!parsed.ok) return this.showMessage(parsed.message);
      this.join(watch ? { kind: 'code', code: parsed.code, watch } : { kind: 'code', code: parsed.code });
    };
    q<HTMLButtonElement>('#join-code-btn').addEventListener('click', () => joinByCode());
    q<HTMLButtonElement>('#watch-code-btn').addEventListener('click', () => joinByCode(true));
    codeInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') joinByCode();
    });
    q<HTMLButtonElement>('#create-room').addEventListener('click', () => {
      void this.create(q<HTMLInputElement>('#room-name').value.trim(), Number(this.maxInput.value), q<HTMLInputElement>('#room-private').checked);
    });
  }

  get playerName(): string {
    const n = this.nameInput.value.trim().replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
    return n.slice(0, Limits.maxNameLength) || `guest${Math.floor(Math.random() * 1000)}`;
  }

  show(message = ''): void {
    this.root.hidden = false;
    this.showMessage(message);
    this.created.hidden = true;
    void this.picker.refresh();
    void this.refresh();
    this.pollTimer ??= setInterval(() => void this.refresh(), POLL_MS);
  }

  hide(): void {
    this.root.hidden = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  showMessage(text: string): void {
    this.message.textContent = text;
    this.message.hidden = text === '';
  }

  /** Spectators (issue 15): watch `target` at once (a ?watch link), with the remembered name. */
  watch(target: JoinTarget): void {
    this.hide();
    this.join(target);
  }

  private join(target: JoinTarget): void {
    const name = this.playerName;
    saveName(name);
    this.callbacks.onJoin(target, name);
  }

  private async refresh(): Promise<void> {
    let rooms: RoomSummary[];
    try {
      rooms = await listRooms(this.baseUrl);
    } catch (err) {
      this.renderList(null, err instanceof LobbyError ? err.message : 'Server unreachable.');
      return;
    }
    this.renderList(rooms, '');
  }

  private renderList(rooms: RoomSummary[] | null, error: string): void {
    if (!rooms) {
      this.list.innerHTML = '';
      const li = document.createElement('li');
      li.className = 'empty error';
      li.textContent = error;
      this.list.appendChild(li);
      return;
    }
    this.list.replaceChildren(
      ...(rooms.length === 0
        ? [Object.assign(document.createElement('li'), { className: 'empty', textContent: 'No public rooms yet. Create one, or quick play.' })]
        : rooms.map((r) => {
            const li = document.createElement('li');
            li.dataset.roomId = r.id;
            const label = document.createElement('span');
            label.textContent = `${r.name}`;
            const game = document.createElement('span');
            game.className = 'game-tag';
            game.textContent = this.picker.titleOf(r.game);
            const count = document.createElement('span');
            count.className = 'count';
            // Spectators are not players: shown apart, never against the seats.
            count.textContent = `${r.players}/${r.maxPlayers}${r.spectators ? ` · ${r.spectators} watching` : ''}`;
            const btn = document.createElement('button');
            btn.textContent = r.players >= r.maxPlayers ? 'Full' : 'Join';
            btn.disabled = r.players >= r.maxPlayers;
            btn.addEventListener('click', () => this.join({ kind: 'room', id: r.id }));
            // A link, not a button: the same ?watch URL can be shared (watchLink.ts); the click stays on the page.
            const watch = document.createElement('a');
            watch.className = 'watch-link';
            watch.href = `?watch=${encodeURIComponent(r.id)}`;
            watch.textContent = 'Watch';
            watch.title = 'Watch as a spectator (no seat)';
            watch.addEventListener('click', (e) => {
              e.preventDefault();
              this.join({ kind: 'room', id: r.id, watch: true });
            });
            li.append(label, game, count, btn, watch);
            return li;
          })),
    );
  }

  private async create(name: string, maxPlayers: number, isPrivate: boolean): Promise<void> {
    const roomName = name || `${this.playerName}'s room`.slice(0, Limits.maxRoomNameLength);
    const req: { name: string; game: string; maxPlayers?: number; private: boolean } = { name: roomName, game: this.picker.selected, private: isPrivate };
    if (Number.isInteger(maxPlayers) && maxPlayers > 0) req.maxPlayers = maxPlayers;
    try {
      const room = await createRoom(this.baseUrl, req);
      if (room.code) {
        this.created.hidden = false;
        this.created.innerHTML = '';
        const text = document.createElement('div');
        text.innerHTML = `Private room <b></b> created. Join code: <code id="created-code"></code>`;
        (text.querySelector('b') as HTMLElement).textContent = room.name;
        // Shown in groups ("ABCDE-FGHJK", the dash drawn by CSS), copied and read by tests as the 10 symbols.
        (text.querySelector('code') as HTMLElement).replaceChildren(
          ...joinCodeGroups(room.code).map((g) => Object.assign(document.createElement('span'), { textContent: g })),
        );
        const enter = document.createElement('button');
        enter.id = 'enter-created';
        enter.className = 'primary';
        enter.textContent = 'Enter room';
        const code = room.code;
        enter.addEventListener('click', () => this.join({ kind: 'code', code }));
        // Spectators (issue 15): the organiser may watch instead of playing.
        const watch = document.createElement('button');
        watch.id = 'watch-created';
        watch.textContent = 'Watch';
        watch.addEventListener('click', () => this.join({ kind: 'code', code, watch: true }));
        this.created.append(text, enter, watch);
        this.showMessage('');
      } else {
        this.join({ kind: 'room', id: room.id });
      }
    } catch (err) {
      const msg = err instanceof LobbyError ? err.message : String(err);
      this.showMessage(`Could not create the room: ${msg}`);
    }
  }
}

function loadName(): string {
  return loadSetting(NAME_KEY) ?? '';
}

function saveName(name: string): void {
  saveSetting(NAME_KEY, name.trim());
}
