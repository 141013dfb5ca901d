/**
 * The one rule for text a client or the HTTP API supplies (player names, room
 * names, chat): well-formed Unicode without control characters, its length
 * counted in UTF-16 code units.
 *
 * Why well-formed: a lone surrogate (U+D800–U+DFFF not in a pair) has no UTF-8
 * form. Encoders write it as 3 bytes that every decoder turns into U+FFFD, so
 * a 32-unit name could arrive as 96 units and fail the receiver's own length
 * check (issue 9, finding 3). Refused, every string survives UTF-8 round trips
 * unchanged, and both ends count the same length.
 *
 * Why UTF-16 code units: that is `String.length`, HTML `maxlength`, and what
 * the TypeBox validators (`maxLength`) count, so the browser form, the client
 * and the server agree without a helper. An astral character (emoji) counts 2.
 *
 * Refused characters: C0 controls U+0000–U+001F, DEL and C1 U+007F–U+009F,
 * and the line/paragraph separators U+2028/U+2029 (a name is one line).
 */

/** The unit every text limit in `Limits` is counted in. */
export const TEXT_LENGTH_UNIT = 'utf16-code-units' as const;

/**
 * A JSON-Schema `pattern` (no regex flags, as TypeBox compiles it) matching
 * exactly the allowed strings: each unit is an allowed non-surrogate, or a
 * high surrogate directly followed by a low one.
 */
export const WELL_FORMED_TEXT_PATTERN =
  '^(?:[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$';

const wellFormed = new RegExp(WELL_FORMED_TEXT_PATTERN);

export function isWellFormedText(text: string): boolean {
  return wellFormed.test(text);
}

/** Length in TEXT_LENGTH_UNIT. */
export function textLength(text: string): number {
  return text.length;
}

/** The first `max` units of `text`, never ending in half a surrogate pair (for clients shortening a name). */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** Why `text` is refused, for a 400 or an Error message; null if it is acceptable. */
export function textProblem(text: string, maxUnits: number, minUnits = 1): string | null {
  if (textLength(text) < minUnits) return `must be at least ${minUnits} character${minUnits === 1 ? '' : 's'}`;
  if (textLength(text) > maxUnits) return `must be at most ${maxUnits} UTF-16 code units`;
  if (!isWellFormedText(text)) return 'must be well-formed Unicode without control characters (no lone surrogates, no U+0000–U+001F, U+007F–U+009F, U+2028, U+2029)';
  return null;
}
