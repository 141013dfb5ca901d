/**
 * The games this client can play. Adding a game: write shared/game/<name>/ and
 * client/src/games/<name>/ (a ClientGameModule), then add one line here.
 */
import type { AnyClientGame } from '../sdk/gameModule';
import { arenaClient } from './arena';
import { bigcellsClient } from './bigcells';
import { cellsClient } from './cells';

export const clientGames: readonly AnyClientGame[] = [arenaClient, cellsClient, bigcellsClient];
