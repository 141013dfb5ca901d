/**
 * Which games the lobby offers: the server's (GET /api/games), each marked
 * playable when this page has its module; before the server has answered (or
 * when it cannot), the page's own games. Pure, so the choice is unit-tested.
 */
import type { GameCatalog } from '../session/gameCatalog';
import type { GameSummary } from './lobbyApi';

export interface GameChoice {
  name: string;
  title: string;
  defaultMaxPlayers: number;
  /** This page has the game's module (else: the server has a game this page predates). */
  playable: boolean;
  /** How to play, one line ('' when not playable). */
  help: string;
}

export function gameChoices(serverGames: readonly GameSummary[] | null, catalog: GameCatalog): GameChoice[] {
  if (serverGames === null || serverGames.length === 0) {
    return catalog.modules.map((m) => ({
      name: m.definition.name,
      title: m.definition.title,
      defaultMaxPlayers: m.definition.defaultMaxPlayers,
      playable: true,
      help: m.controlsHelp,
    }));
  }
  return serverGames.map((g) => {
    const m = catalog.find(g.name);
    return { name: g.name, title: g.title, defaultMaxPlayers: g.defaultMaxPlayers, playable: m !== undefined, help: m?.controlsHelp ?? '' };
  });
}

/** The remembered game if it is still offered and playable, else the first playable one ('' if none). */
export function initialChoice(choices: readonly GameChoice[], remembered: string | null): string {
  const playable = choices.filter((c) => c.playable);
  return playable.find((c) => c.name === remembered)?.name ?? playable[0]?.name ?? '';
}
