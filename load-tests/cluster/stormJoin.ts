/**
 * One player of a join storm, as a browser would do it through a cluster:
 * ask a node's matchmaking (`GET /api/quickplay`), open the WebSocket of the
 * node it names with `?quick=<game>`, send Join, follow Moved (§8.6), and stop
 * at the Welcome (the player then stays connected) or at a close.
 */
import WebSocket from 'ws';
import { CloseCode, Opcode, SUBPROTOCOL } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { decodeServerFrame, encodeClientMessage } from '../../shared/protocol/frameCodec';

export type StormOutcome =
  | { kind: 'welcomed'; ms: number; moves: number; socket: WebSocket; node: string }
  | { kind: 'failed'; reason: string; ms: number };

const MAX_MOVES = 3;
const TIMEOUT_MS = 30_000;

/** Join through `entryUrl`'s matchmaking; time from the matchmaking request to the Welcome. */
export async function stormJoin(entryUrl: string, game: string, name: string): Promise<StormOutcome> {
  const t0 = performance.now();
  const res = await fetch(`${entryUrl}/api/quickplay?game=${game}`).catch((err: Error) => err);
  if (res instanceof Error) return { kind: 'failed', reason: `match-${res.message}`, ms: performance.now() - t0 };
  if (res.status !== 200) return { kind: 'failed', reason: `match-http-${res.status}`, ms: performance.now() - t0 };
  const match = (await res.json()) as { url: string; node: string };
  let url = `${match.url}/ws?quick=${game}`;
  for (let moves = 0; moves <= MAX_MOVES; moves++) {
    const step = await joinOnce(url, game, name);
    if (step.kind === 'welcome') return { kind: 'welcomed', ms: performance.now() - t0, moves, socket: step.socket, node: new URL(url).host };
    if (step.kind === 'moved') {
      url = `${step.url}/ws`;
      continue;
    }
    return { kind: 'failed', reason: step.reason, ms: performance.now() - t0 };
  }
  return { kind: 'failed', reason: 'too-many-moves', ms: performance.now() - t0 };
}

type Step = { kind: 'welcome'; socket: WebSocket } | { kind: 'moved'; url: string } | { kind: 'closed'; reason: string };

function joinOnce(url: string, game: string, name: string): Promise<Step> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), [SUBPROTOCOL], { perMessageDeflate: false });
    let moved: string | null = null;
    let done = false;
    const finish = (s: Step) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(s);
    };
    const timer = setTimeout(() => {
      ws.terminate();
      finish({ kind: 'closed', reason: 'timeout' });
    }, TIMEOUT_MS);
    ws.binaryType = 'nodebuffer';
    ws.on('unexpected-response', (_req, r) => finish({ kind: 'closed', reason: `upgrade-http-${r.statusCode}` }));
    ws.on('open', () => ws.send(encodeClientMessage({ op: Opcode.Join, body: { name, game } })));
    ws.on('message', (data: Buffer) => {
      const op = data[0];
      if (op === Opcode.Welcome) return finish({ kind: 'welcome', socket: ws });
      if (op === Opcode.Moved) {
        const m = decodeServerFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), null);
        if (!(m instanceof DecodeError) && m.op === Opcode.Moved) moved = m.body.url;
      }
    });
    ws.on('close', (code) => {
      if (code === CloseCode.Moved && moved) finish({ kind: 'moved', url: moved });
      else finish({ kind: 'closed', reason: code === CloseCode.RoomFull ? 'seat-reservation-failed-4101' : `close-${code}` });
    });
    ws.on('error', (err) => finish({ kind: 'closed', reason: `socket-${err.message}` }));
  });
}
