/**
 * The games this process hosts, by name, each with its codec built once.
 * The first is the default for quick play without a game.
 */
import type { AnyGame } from '../../shared/engine/gameDefinition';
import { GameCodec } from '../../shared/protocol/gameCodec';
import type { GameSummary } from '../../shared/protocol/lobbyApi';

export interface HostedGame {
  readonly game: AnyGame;
  readonly codec: GameCodec;
}

export class GameCatalog {
  private readonly byName = new Map<string, HostedGame>();
  readonly default: HostedGame;

  /** Throws on an empty list, a duplicate name or an invalid game definition. */
  constructor(games: readonly AnyGame[]) {
    if (games.length === 0) throw new Error('GameCatalog: no games');
    for (const game of games) {
      if (this.byName.has(game.name)) throw new Error(`GameCatalog: game "${game.name}" twice`);
      this.byName.set(game.name, { game, codec: new GameCodec(game) });
    }
    this.default = this.byName.get(games[0].name)!;
  }

  get(name: string): HostedGame | undefined {
    return this.byName.get(name);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  summaries(): GameSummary[] {
    return [...this.byName.values()].map(({ game, codec }) => ({
      name: game.name,
      title: game.title,
      defaultMaxPlayers: game.defaultMaxPlayers,
      version: game.version,
      hash: codec.hash,
    }));
  }
}
