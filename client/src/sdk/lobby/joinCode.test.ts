import { describe, expect, it } from 'vitest';
import { formatTypedCode, joinCodeGroups, parseJoinCode } from './joinCode';

describe('join code entry', () => {
  it('accepts lower case, spaces and dashes, and gives the 10-symbol wire form', () => {
    expect(parseJoinCode('abcde-fghjk')).toEqual({ ok: true, code: 'ABCDEFGHJK' });
    expect(parseJoinCode('  ABC DE FGH JK ')).toEqual({ ok: true, code: 'ABCDEFGHJK' });
    expect(parseJoinCode('23456_789ab')).toEqual({ ok: true, code: '23456789AB' });
  });

  it('says which symbol cannot be in a code, with the look-alike rule', () => {
    const r = parseJoinCode('ABCDE-FGH0K');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/no “0”.*look-alikes/);
    const l = parseJoinCode('abcde-fghjl');
    if (!l.ok) expect(l.message).toMatch(/“L”/);
    expect(l.ok).toBe(false);
  });

  it('says how long a code is', () => {
    const r = parseJoinCode('ABCDE-FGH');
    expect(r).toEqual({ ok: false, message: 'A join code is 10 characters; this one has 8.' });
    expect(parseJoinCode(' - ').ok).toBe(false);
  });

  it('groups codes in fives for reading', () => {
    expect(joinCodeGroups('ABCDEFGHJK')).toEqual(['ABCDE', 'FGHJK']);
    expect(formatTypedCode('abcdefg')).toBe('ABCDE-FG');
    expect(formatTypedCode('ABCDE-')).toBe('ABCDE');
    expect(formatTypedCode('abcde fghjk')).toBe('ABCDE-FGHJK');
  });
});
