/**
 * The lobby's game picker: a <select> of the server's games (those this page
 * cannot play are shown disabled), the choice remembered in localStorage.
 */
import type { GameCatalog } from '../session/gameCatalog';
import { gameChoices, initialChoice, type GameChoice } from './gameChoices';
import { listGames, LobbyError, type GameSummary } from './lobbyApi';
import { loadSetting, saveSetting } from './localSettings';

const GAME_KEY = 'tickwire.game';

export class GamePicker {
  private choices: GameChoice[];
  private loaded = false;

  constructor(
    private readonly select: HTMLSelectElement,
    private readonly baseUrl: string,
    private readonly catalog: GameCatalog,
    private readonly onChange: (choice: GameChoice) => void,
  ) {
    this.choices = gameChoices(null, catalog);
    this.render(initialChoice(this.choices, loadSetting(GAME_KEY)));
    select.addEventListener('change', () => {
      saveSetting(GAME_KEY, select.value);
      this.changed();
    });
  }

  /** The picked game's name. */
  get selected(): string {
    return this.select.value;
  }

  /** A game's title for room rows (its name if unknown). */
  titleOf(name: string): string {
    return this.choices.find((c) => c.name === name)?.title ?? name;
  }

  /** Ask the server for its games (once it has answered, not again). */
  async refresh(): Promise<void> {
    if (this.loaded) return;
    let games: GameSummary[];
    try {
      games = await listGames(this.baseUrl);
    } catch (err) {
      // The page's own games stay offered; the room list shows that the server is unreachable.
      if (!(err instanceof LobbyError)) throw err;
      return;
    }
    this.loaded = true;
    this.choices = gameChoices(games, this.catalog);
    this.render(initialChoice(this.choices, this.selected || loadSetting(GAME_KEY)));
  }

  private render(selected: string): void {
    this.select.replaceChildren(
      ...this.choices.map((c) => {
        const o = document.createElement('option');
        o.value = c.name;
        o.textContent = c.playable ? c.title : `${c.title} (reload the page to play)`;
        o.disabled = !c.playable;
        return o;
      }),
    );
    this.select.value = selected;
    this.changed();
  }

  private changed(): void {
    const c = this.choices.find((x) => x.name === this.select.value);
    if (c) this.onChange(c);
  }
}
