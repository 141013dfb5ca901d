/**
 * The one schema for text a peer supplies or receives (names, chat, event
 * strings): bounded in UTF-16 code units, well-formed (no lone surrogates, no
 * control or line/paragraph separator characters: wellFormedText.ts).
 */
import { Type } from '@sinclair/typebox';
import { WELL_FORMED_TEXT_PATTERN } from './wellFormedText';

export const textField = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max, pattern: WELL_FORMED_TEXT_PATTERN });
