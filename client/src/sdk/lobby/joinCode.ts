/**
 * Join codes as people type and read them. The wire form is
 * Limits.joinCodeLength symbols of JOIN_CODE_ALPHABET (no 0/O, 1/I/L, U);
 * people may type it in lower case, with spaces or dashes, or paste it from a
 * message, and read it best in groups of five ("ABCDE-FGHJK", display only).
 */
import { JOIN_CODE_ALPHABET, Limits } from '../../../../shared/protocol/constants';

/** Symbols people put between groups; dropped before checking. */
const SEPARATORS = /[\s\-_.·]/g;
const GROUP = 5;

export type JoinCodeResult = { ok: true; code: string } | { ok: false; message: string };

/** What the player typed → the wire form, or a sentence saying what is wrong. */
export function parseJoinCode(typed: string): JoinCodeResult {
  const code = typed.toUpperCase().replace(SEPARATORS, '');
  if (code.length === 0) return { ok: false, message: 'Type the join code you were given.' };
  const bad = [...code].find((c) => !JOIN_CODE_ALPHABET.includes(c));
  if (bad !== undefined) {
    const hint = /[01ILOU]/.test(bad) ? ' (codes never use 0, 1, I, L, O or U: no look-alikes)' : '';
    return { ok: false, message: `A join code has no “${bad}”${hint}.` };
  }
  if (code.length !== Limits.joinCodeLength) {
    return { ok: false, message: `A join code is ${Limits.joinCodeLength} characters; this one has ${code.length}.` };
  }
  return { ok: true, code };
}

/** The code in groups of five for reading: "ABCDEFGHJK" → ["ABCDE", "FGHJK"]. */
export function joinCodeGroups(code: string): string[] {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += GROUP) groups.push(code.slice(i, i + GROUP));
  return groups;
}

/** What the entry box shows while typing: upper case, grouped with a dash, extra symbols kept for the error. */
export function formatTypedCode(typed: string): string {
  const raw = typed.toUpperCase().replace(SEPARATORS, '');
  return joinCodeGroups(raw).join('-');
}
