/**
 * docs/games/arena.md against the code: every constant the page tabulates has
 * the value constants.ts gives it, the entity tables list each kind's fields
 * with the schema's scale and range, and the input table the input schema's
 * widths. A client written from the page alone relies on these.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeGame, descriptorHash } from '../../protocol/gameDescriptor';
import { arena } from './arena';
import * as C from './constants';
import { arenaInputSchema, playerFields, projectileFields } from './schema';

const doc = readFileSync(new URL('../../../docs/games/arena.md', import.meta.url), 'utf8');
const num = (text: string): number => Number(text.replace(/[\s ]/g, '').replace('−', '-').replace(/^2³¹-1$/, String(2 ** 31 - 1)));

/** Rows of the markdown table that follows `heading`, as trimmed cells. */
function table(heading: string): string[][] {
  const at = doc.indexOf(heading);
  if (at < 0) throw new Error(`arena.md has no "${heading}"`);
  const lines = doc.slice(at).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i].split('|').slice(1, -1).map((c) => c.trim()));
  return rows;
}

describe('docs/games/arena.md', () => {
  it('tabulates the constants with their values', () => {
    const rows = table('Constants (`constants.ts`');
    const byName = new Map(rows.map(([name, value]) => [name, value]));
    const numeric = Object.entries(C).filter(([, v]) => typeof v === 'number') as [string, number][];
    let checked = 0;
    for (const [name, value] of numeric) {
      const cell = byName.get(`\`${name}\``);
      if (cell === undefined) continue;
      // "48 px", or a derivation such as "3 × PLAYER_RADIUS = 48 px": the value is after the "=".
      const stated = cell.includes('=') ? cell.split('=')[1].trim() : cell;
      expect(num(stated.split(' ')[0]), name).toBe(value);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(14);
    expect(byName.get('`WORLD_WIDTH` × `WORLD_HEIGHT`')).toBe(`${C.WORLD_WIDTH} × ${C.WORLD_HEIGHT} px`);
    expect(byName.get('`OBSTACLE_MIN_SIZE` … `OBSTACLE_MAX_SIZE`')).toBe(`${C.OBSTACLE_MIN_SIZE} … ${C.OBSTACLE_MAX_SIZE} px`);
    // Derived values quoted at 60 Hz.
    for (const [name, ms] of [['PROJECTILE_LIFETIME_MS', C.PROJECTILE_LIFETIME_MS], ['FIRE_COOLDOWN_MS', C.FIRE_COOLDOWN_MS], ['RESPAWN_DELAY_MS', C.RESPAWN_DELAY_MS], ['MAX_LAG_COMP_MS', C.MAX_LAG_COMP_MS]] as const) {
      expect(byName.get(`\`${name}\``)).toContain(`[${C.msToTicks(ms, 60)} ticks]`);
    }
  });

  it('lists every player and projectile field with its scale and wire range, in order', () => {
    const check = (heading: string, fields: typeof playerFields) => {
      const rows = table(heading);
      expect(rows.map((r) => r[1].replace(/`/g, ''))).toEqual(fields.map((f) => f.name));
      rows.forEach((r, i) => {
        const f = fields[i];
        expect(r[0]).toBe(String(i));
        expect(r[2]).toBe(f.scale === 0.25 ? '1/4' : String(f.scale));
        const [lo, hi] = r[3].split(',')[0].split('…').map(num);
        expect([lo, hi], f.name).toEqual([f.min, f.max]);
      });
    };
    check('### Kind 1 — `player`', playerFields);
    check('### Kind 2 — `projectile`', projectileFields);
  });

  it('gives the input fields\' kinds and widths', () => {
    const rows = table('## 1. Input');
    expect(rows.map((r) => [r[1].replace(/`/g, ''), r[2].split(',')[0], Number(r[3])])).toEqual(
      arenaInputSchema.fields.map((f) => [f.name, f.kind, f.bits]),
    );
  });

  it('names the rules version and descriptor hash the code has (a rules change bumps both)', () => {
    expect(doc).toContain(`version **${arena.version}**`);
    expect(doc).toContain(`descriptor hash \`${descriptorHash(describeGame(arena))}\``);
  });
});
