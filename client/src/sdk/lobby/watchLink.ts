/**
 * Spectating links (issue 15): `?watch=ROOMID` watches a room by id;
 * `?code=JOINCODE&watch=1` a private room by its code (any case, spaces and
 * dashes, as the lobby's field). A malformed link is a sentence for the lobby.
 */
import type { JoinTarget } from '../session/sessionTypes';
import { parseJoinCode } from './joinCode';

const ROOM_ID = /^[0-9a-z]{1,16}$/;

export function watchTargetFromParams(params: URLSearchParams): { target: JoinTarget } | { message: string } | null {
  const watch = params.get('watch');
  if (watch === null) return null;
  const code = params.get('code');
  if (code !== null) {
    const parsed = parseJoinCode(code);
    return parsed.ok ? { target: { kind: 'code', code: parsed.code, watch: true } } : { message: `This watch link's code is not valid: ${parsed.message}` };
  }
  if (ROOM_ID.test(watch)) return { target: { kind: 'room', id: watch, watch: true } };
  return { message: 'This watch link names no room: use ?watch=ROOMID, or ?code=JOINCODE&watch=1.' };
}
