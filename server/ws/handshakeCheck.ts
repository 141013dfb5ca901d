/**
 * RFC 6455 opening-handshake checks uWS leaves to us (it upgrades anything
 * with a Sec-WebSocket-Key on a ws route, and routes a request without one to
 * the GET handlers). Answers, in this order:
 *
 *   Upgrade header not "websocket"          426 + Upgrade/Connection/Sec-WebSocket-Version  (RFC 7231 §6.5.15: 426 names the protocol to switch to)
 *   Connection header lacks "upgrade"       400   (§4.2.1 item 4: an invalid handshake is 400)
 *   Sec-WebSocket-Version other than 13     426 + Sec-WebSocket-Version: 13                 (§4.4)
 *   Sec-WebSocket-Key missing or not base64 of 16 bytes   400                               (§4.2.1 item 5)
 *
 * 426 is used where the client can fix the request by switching protocol or
 * version, 400 where the request is simply malformed.
 */
export interface HandshakeHeaders {
  upgrade: string;
  connection: string;
  version: string;
  key: string;
}

export interface HandshakeRefusal {
  status: 400 | 426;
  error: string;
  message: string;
  headers: Record<string, string>;
}

export const WEBSOCKET_VERSION = '13';
/** base64 of exactly 16 bytes: 22 significant characters and "==". */
const KEY_PATTERN = /^[A-Za-z0-9+/]{21}[AQgw]==$/;

export function checkHandshake(h: HandshakeHeaders): HandshakeRefusal | null {
  if (h.upgrade.trim().toLowerCase() !== 'websocket') {
    return {
      status: 426,
      error: 'upgrade_required',
      message: 'this endpoint speaks WebSocket only: send Upgrade: websocket',
      headers: { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Version': WEBSOCKET_VERSION },
    };
  }
  if (!h.connection.split(',').some((t) => t.trim().toLowerCase() === 'upgrade')) {
    return { status: 400, error: 'bad_handshake', message: 'Connection header must include "Upgrade"', headers: {} };
  }
  if (h.version.trim() !== WEBSOCKET_VERSION) {
    return {
      status: 426,
      error: 'unsupported_version',
      message: `WebSocket version ${WEBSOCKET_VERSION} only`,
      headers: { 'Sec-WebSocket-Version': WEBSOCKET_VERSION },
    };
  }
  if (!KEY_PATTERN.test(h.key.trim())) {
    return { status: 400, error: 'bad_handshake', message: 'Sec-WebSocket-Key must be the base64 of 16 bytes', headers: {} };
  }
  return null;
}
