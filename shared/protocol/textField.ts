/**
 * The one schema for text a peer supplies or receives (names, chat, event
 * strings): bounded, no C0/C1 control characters.
 */
import { Type } from '@sinclair/typebox';

export const textField = (max: number, min = 1) =>
  Type.String({ minLength: min, maxLength: max, pattern: '^[^\\u0000-\\u001f\\u007f-\\u009f]*$' });
