/**
 * The `/ws` route: the upgrade decision, the connection handlers, and the
 * per-address connection count that follows their open/close; a plain GET
 * without an upgrade is answered as RFC 6455 says.
 */
import type { TemplatedApp } from 'uWebSockets.js';
import type { AddressConnections } from '../limits/addressConnections';
import { loadUws } from '../http/uwsLoader';
import type { ConnectionData } from './connectionData';
import { createConnectionHandlers, type ConnectionDeps } from './connectionHandler';
import { ExemptionCache } from './exemptionCache';
import { createNonUpgradeHandler, createUpgradeHandler, type UpgradeDeps } from './upgradeHandler';

/** Frames above this are dropped by uWS without a close frame (the client sees 1006). */
export const UWS_HARD_PAYLOAD_CAP = 16 * 1024;

export type WsRouteDeps = ConnectionDeps & UpgradeDeps & { connectionsByAddress: AddressConnections };

export function registerWsRoute(app: TemplatedApp, deps: WsRouteDeps): void {
  const { config, connectionsByAddress } = deps;
  const connection = createConnectionHandlers(deps);
  app.ws<ConnectionData>('/ws', {
    compression: loadUws().DISABLED,
    // uWS drops a connection abruptly (no close frame) past this hard cap, so it
    // sits above our own limit, which closes cleanly with 1009 (see PROTOCOL.md).
    maxPayloadLength: UWS_HARD_PAYLOAD_CAP,
    idleTimeout: config.idleTimeoutSec,
    sendPingsAutomatically: true,
    maxBackpressure: config.maxBackpressureBytes,
    closeOnBackpressureLimit: 0,
    upgrade: createUpgradeHandler({ ...deps, quotaExempt: new ExemptionCache(deps.quotaExempt) }),
    ...connection,
    open: (ws) => {
      connectionsByAddress.opened(ws.getUserData().address);
      connection.open(ws);
    },
    close: (ws, code) => {
      connectionsByAddress.closed(ws.getUserData().address);
      connection.close(ws, code);
    },
  });
  app.get('/ws', createNonUpgradeHandler({ budget: deps.budget, stats: deps.stats }));
}
