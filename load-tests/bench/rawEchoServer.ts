/**
 * The baseline for the message-path bench: a bare uWebSockets.js server that
 * echoes every binary message back, nothing else (no decode, no validation,
 * no rooms). Prints `raw echo listening on http://127.0.0.1:PORT`.
 *
 *   node --import tsx load-tests/bench/rawEchoServer.ts
 */
import { loadUws } from '../../server/http/uwsLoader';

const uws = loadUws();
const app = uws.App();
app.ws('/*', {
  compression: uws.DISABLED,
  maxPayloadLength: 4096,
  idleTimeout: 60,
  message: (ws, message, isBinary) => {
    ws.send(message, isBinary);
  },
});
app.listen('127.0.0.1', 0, (socket) => {
  if (!socket) {
    console.error('raw echo: could not listen');
    process.exit(1);
  }
  const port = uws.us_socket_local_port(socket);
  console.log(`raw echo listening on http://127.0.0.1:${port}`);
  process.on('SIGTERM', () => {
    uws.us_listen_socket_close(socket);
    process.exit(0);
  });
});
