/**
 * RFC 6455 §4.2.2: the client offers subprotocols in Sec-WebSocket-Protocol
 * (comma-separated, possibly over several header lines); the server selects
 * exactly one it supports and echoes only that one. We pick in the client's
 * order of preference. uWS's `getHeader` returns only the first line of a
 * repeated header, so `offeredSubprotocols` reads them all with `forEach`.
 */
import type { HttpRequest } from 'uWebSockets.js';
import { SUPPORTED_SUBPROTOCOLS } from '../../shared/protocol/constants';

/** Every Sec-WebSocket-Protocol line of `req`, joined with ", " in order (call synchronously). */
export function offeredSubprotocols(req: HttpRequest): string {
  const lines: string[] = [];
  req.forEach((key, value) => {
    if (key === 'sec-websocket-protocol') lines.push(value);
  });
  return lines.join(', ');
}

export function selectSubprotocol(offered: string, supported: readonly string[] = SUPPORTED_SUBPROTOCOLS): string | null {
  if (offered.length === 0 || offered.length > 1024) return null;
  for (const raw of offered.split(',')) {
    const token = raw.trim();
    if (supported.includes(token)) return token;
  }
  return null;
}
