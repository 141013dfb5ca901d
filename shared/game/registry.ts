/**
 * The games this build knows. A server hosts every one of them unless
 * `--games` picks some; the first is the default for quick play. Adding a
 * game: write shared/game/<name>/ (its GameDefinition) and list it here.
 */
import type { AnyGame } from '../engine/gameDefinition';
import { arena } from './arena';
import { bigcells } from './bigcells';
import { cells } from './cells';

export const registeredGames: readonly AnyGame[] = [arena, cells, bigcells];
