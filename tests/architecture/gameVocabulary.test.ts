/**
 * The engine owns no game's vocabulary: no input field, entity kind or field,
 * or event type a game declares appears in the server, the protocol, or the
 * client SDK (comments aside). Games may share words with the engine's own
 * vocabulary (a "player" kind, an "id" field); those are listed and allowed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyGame } from '../../shared/engine/gameDefinition';
import { registeredGames } from '../../shared/game/registry';
import { lineGame } from '../support/lineGame';

const ROOT = join(import.meta.dirname, '..', '..');
/** Words the engine itself speaks: room membership, chat, positions for views. */
const ENGINE_WORDS = new Set(['id', 'name', 'text', 'x', 'y', 'player', 'joined', 'left', 'chat', 'type']);
const ENGINE_DIRS = ['server', 'shared/protocol', 'shared/engine', 'client/src/sdk'];

function sourceFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const p = join(abs, e);
    if (statSync(p).isDirectory()) {
      if (e !== 'testing' && e !== 'hostile' && e !== 'node_modules') out.push(...sourceFiles(join(dir, e)));
    } else if (e.endsWith('.ts') && !e.endsWith('.test.ts') && !e.endsWith('.bench.ts')) out.push(p);
  }
  return out;
}

function vocabulary(game: AnyGame): string[] {
  const words = [
    ...game.input.fields.map((f) => f.name),
    ...game.entities.kinds.flatMap((k) => [k.name, ...k.fields.map((f) => f.name)]),
    ...game.events.flatMap((e) => [e.type, ...Object.keys(e.fields)]),
  ];
  return [...new Set(words)].filter((w) => !ENGINE_WORDS.has(w));
}

/**
 * The names a source file uses: its identifiers and property names, and its
 * string literals that are a single word (a field looked up by name). Comments
 * and prose in messages ("closes by code") do not count.
 */
function namesIn(text: string): Set<string> {
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const names = new Set<string>();
  const literal = /(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const m of noComments.matchAll(literal)) if (/^[A-Za-z_]\w*$/.test(m[2])) names.add(m[2]);
  for (const m of noComments.replace(literal, ' ').matchAll(/[A-Za-z_$][\w$]*/g)) names.add(m[0]);
  return names;
}

describe('the engine names no game-specific field', () => {
  const games = [...registeredGames, lineGame];
  const files = ENGINE_DIRS.flatMap(sourceFiles);

  it('finds the engine sources', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('would catch a leak', () => {
    expect(namesIn("const b = input.buttons; // aim").has('buttons')).toBe(true);
    expect(namesIn("read(row, 'health')").has('health')).toBe(true);
    expect(namesIn("log('closes by code') // health").has('health')).toBe(false);
  });

  it.each(games.map((g) => [g.name, g] as const))('%s', (_name, game) => {
    const words = vocabulary(game);
    expect(words.length).toBeGreaterThan(0);
    const hits: string[] = [];
    for (const file of files) {
      const names = namesIn(readFileSync(file, 'utf8'));
      for (const w of words) if (names.has(w)) hits.push(`${relative(ROOT, file)}: "${w}"`);
    }
    expect(hits).toEqual([]);
  });
});
