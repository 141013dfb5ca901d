/**
 * RFC 6455 §4.2.2: the client offers subprotocols in Sec-WebSocket-Protocol
 * (comma-separated, possibly over several header lines, which uWS joins with
 * ", "); the server selects exactly one it supports and echoes only that one.
 * We pick in the client's order of preference.
 */
import { SUPPORTED_SUBPROTOCOLS } from '../../shared/protocol/constants';

export function selectSubprotocol(offered: string, supported: readonly string[] = SUPPORTED_SUBPROTOCOLS): string | null {
  if (offered.length === 0 || offered.length > 1024) return null;
  for (const raw of offered.split(',')) {
    const token = raw.trim();
    if (supported.includes(token)) return token;
  }
  return null;
}
