/**
 * The SDK knows no game: no file under client/src/sdk (tests included) names a
 * game's input fields, entity kinds or fields, or event types. Two checks:
 * - the words of the games we ship (a fixed list, which also covers games not
 *   yet registered), anywhere — code, strings, comments — compared whole and
 *   by camelCase part (`aimDir` → aim, dir), so `claim` is fine and
 *   `fireButtons` is not;
 * - every name a registered game declares in its descriptor, as a whole
 *   identifier or property name in code (comments and string literals are
 *   English, where a game's `by` or `player` are ordinary words).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { roomEventSpecs } from '../../../shared/protocol/eventSchema';
import type { GameDescriptor } from '../../../shared/protocol/gameDescriptor';
import { clientGames } from '../games/registry';

const sdkDir = fileURLToPath(new URL('.', import.meta.url));

/** Game words that must not appear in the SDK even as part of a name ('button' alone is HTML's, so only 'buttons'). */
const GAME_WORDS = [
  // arena
  'buttons', 'aim', 'fire', 'fired', 'health', 'kill', 'kills', 'killed', 'death', 'deaths', 'score', 'scored',
  'projectile', 'projectiles', 'shot', 'shots', 'hit', 'hits', 'respawn', 'respawned', 'cooldown', 'arena',
  // cells
  'cell', 'cells', 'pellet', 'pellets', 'food', 'boost', 'mass', 'eat', 'eaten', 'ate', 'leaderboard', 'minimap',
];

/** Names every game may share with the engine: positions, ids, and the room's own events. */
const ENGINE_NAMES = new Set(['x', 'y', 'id', 'name', 'type', 'text', ...roomEventSpecs.map((e) => e.type)]);

/** Every name a game declares: input fields, entity kinds and fields, event types and fields. */
function declaredNames(d: GameDescriptor): string[] {
  return [
    ...d.input.fields.map((f) => f.name),
    ...d.entities.kinds.flatMap((k) => [k.name, ...k.fields.map((f) => f.name)]),
    ...d.events.flatMap((e) => [e.type, ...Object.keys(e.fields)]),
  ].filter((n) => !ENGINE_NAMES.has(n));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|css)$/.test(name) ? [path] : [];
  });
}

/** Identifiers and words of a text, whole and split at camelCase humps and digits, lower-cased. */
function words(text: string): { whole: Set<string>; parts: Set<string> } {
  const whole = new Set<string>();
  const parts = new Set<string>();
  for (const w of text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) {
    whole.add(w.toLowerCase());
    for (const p of w.split(/(?<=[a-z0-9])(?=[A-Z])|[0-9]+/)) if (p) parts.add(p.toLowerCase());
  }
  return { whole, parts };
}

/** TypeScript source without its comments and string/template literal text (`${…}` code is kept). */
export function codeOnly(src: string): string {
  let out = '';
  let i = 0;
  const templates: number[] = []; // brace depth at each open `${`
  let depth = 0;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
    } else if (c === "'" || c === '"') {
      i++;
      while (i < src.length && src[i] !== c && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      i++;
      out += ' ';
    } else if (c === '`' || (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth)) {
      // Template text up to the closing backtick or the next `${`.
      if (c === '}') templates.pop();
      i++;
      while (i < src.length && src[i] !== '`' && !(src[i] === '$' && src[i + 1] === '{')) i += src[i] === '\\' ? 2 : 1;
      if (src[i] === '$') {
        templates.push(depth);
        i += 2;
      } else i++;
      out += ' ';
    } else {
      if (c === '{') depth++;
      if (c === '}') depth--;
      out += c;
      i++;
    }
  }
  return out;
}

/** Game names found in source `text`: hand-listed words by part anywhere, declared names whole in code. */
export function gameNamesIn(text: string, declared: readonly string[]): string[] {
  const { whole, parts } = words(text);
  const found = GAME_WORDS.filter((w) => parts.has(w) || whole.has(w));
  const code = words(codeOnly(text)).whole;
  for (const n of declared) if (code.has(n.toLowerCase())) found.push(n);
  return [...new Set(found)].sort();
}

describe('client SDK boundary', () => {
  it('finds game words by part and declared names whole', () => {
    expect(gameNamesIn('const aimDir = fireButtons; // claim, maintain, firewall', [])).toEqual(['aim', 'buttons', 'fire']);
    expect(gameNamesIn('row.bornTick; tick', ['bornTick', 'tick2'])).toEqual(['bornTick']);
    // Declared names count in code, not in comments or strings: English words stay usable.
    const src = "const m = `sent by ${who.by} at ${t}`; // by the server\nsay('by')";
    expect(codeOnly(src)).toBe('const m =  who.by t ; \nsay( )');
    expect(gameNamesIn(src, ['by', 'who'])).toEqual(['by', 'who']);
    expect(gameNamesIn("say('by') // by", ['by'])).toEqual([]);
  });

  it('no SDK file names a game field, kind or event', () => {
    const declared = clientGames.flatMap((g) => declaredNames(g.definition));
    const offenders: string[] = [];
    for (const file of sourceFiles(sdkDir)) {
      if (file.endsWith('sdkBoundary.test.ts')) continue;
      const hits = gameNamesIn(readFileSync(file, 'utf8'), declared);
      if (hits.length > 0) offenders.push(`${relative(sdkDir, file)}: ${hits.join(', ')}`);
    }
    expect(offenders).toEqual([]);
  });
});
