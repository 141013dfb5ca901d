/**
 * The games this client can play (from client/src/games/registry.ts), and the
 * check that the game a Welcome names is the one this client was built with:
 * same name, and the same descriptor hash (input fields, entity kinds, events,
 * version). A mismatch means an outdated page: reloading fetches the current client.
 */
import { describeGame, descriptorHash } from '../../../../shared/protocol/gameDescriptor';
import type { AnyClientGame } from '../gameModule';

export type GameResolution = { ok: true; module: AnyClientGame } | { ok: false; message: string };

export class GameCatalog {
  private readonly byName = new Map<string, { module: AnyClientGame; hash: string }>();

  constructor(modules: readonly AnyClientGame[]) {
    for (const m of modules) {
      const name = m.definition.name;
      if (this.byName.has(name)) throw new Error(`GameCatalog: game "${name}" registered twice`);
      this.byName.set(name, { module: m, hash: descriptorHash(describeGame(m.definition)) });
    }
  }

  get modules(): AnyClientGame[] {
    return [...this.byName.values()].map((e) => e.module);
  }

  find(name: string): AnyClientGame | undefined {
    return this.byName.get(name)?.module;
  }

  /** The hash this client computes for `name` (undefined for an unknown game). */
  hashOf(name: string): string | undefined {
    return this.byName.get(name)?.hash;
  }

  /** The module for the game a Welcome names, if this client has that exact game. */
  resolve(name: string, title: string, hash: string): GameResolution {
    const entry = this.byName.get(name);
    if (!entry) return { ok: false, message: `This page cannot play ${title} (game "${name}"). Reload the page to get the current client.` };
    if (entry.hash !== hash) {
      return {
        ok: false,
        message: `Version mismatch: the server runs a different version of ${title} (game hash ${hash}, this page has ${entry.hash}). Reload the page to get the current client.`,
      };
    }
    return { ok: true, module: entry.module };
  }
}
