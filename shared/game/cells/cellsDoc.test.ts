/**
 * docs/games/cells.md is the contract for clients in other languages: every
 * constant, input field, entity field and event it lists must match the code,
 * and every one the code declares must be listed. If this fails, fix the
 * document (or the code) — not the test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cellColor, foodColor } from './colors';
import * as constants from './constants';
import { cellsEventSpecs } from './events';
import { cellsEntitySchema, cellsInputSchema } from './schema';

const doc = readFileSync(new URL('../../../docs/games/cells.md', import.meta.url), 'utf8');
const lines = doc.split('\n');
const rowStartingWith = (prefix: string): string | undefined => lines.find((l) => l.startsWith(prefix));

describe('docs/games/cells.md', () => {
  it('lists every constant with its value', () => {
    const missing: string[] = [];
    for (const [name, value] of Object.entries(constants)) {
      if (typeof value !== 'number') continue;
      if (rowStartingWith(`| \`${name}\` | ${value} |`) === undefined) missing.push(`${name} = ${value}`);
    }
    expect(missing).toEqual([]);
  });

  it('lists every input field with its kind and bits', () => {
    cellsInputSchema.fields.forEach((f, i) => {
      expect(rowStartingWith(`| ${i} | \`${f.name}\` | ${f.kind} | ${f.bits} |`), f.name).toBeDefined();
    });
  });

  it('lists every entity kind and field with its scale and bounds, in wire order', () => {
    for (const k of cellsEntitySchema.kinds) {
      expect(doc).toContain(`### 3.${k.kind} kind ${k.kind} \`${k.name}\``);
      const section = doc.slice(doc.indexOf(`kind ${k.kind} \`${k.name}\``));
      k.fields.forEach((f, i) => {
        expect(section.split('\n').find((l) => l.startsWith(`| ${i} | \`${f.name}\` | ${f.scale} | ${f.min} | ${f.max} |`)), `${k.name}.${f.name}`).toBeDefined();
      });
    }
  });

  it('lists every event with its fields', () => {
    for (const e of cellsEventSpecs) {
      const row = rowStartingWith(`| \`${e.type}\` |`);
      expect(row, e.type).toBeDefined();
      for (const name of Object.keys(e.fields)) expect(row).toContain(`\`${name}\``);
    }
  });

  it('quotes the colours the code computes', () => {
    for (const id of [1, 2, 3]) expect(doc).toContain(`0x${cellColor(id).toString(16).padStart(6, '0')}`);
    for (const id of [256, 257, 258]) expect(doc).toContain(`food ${id} is 0x${foodColor(id).toString(16).padStart(6, '0')}`);
  });
});
