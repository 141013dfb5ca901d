/**
 * Drives hostile frames at a live server over a pool of raw connections and
 * checks every outcome against the shared decoder:
 *
 *   frame over uWS's 16 KiB hard cap → dropped without a close frame (PROTOCOL.md), else
 *   frame ─▶ decodeClientFrame(frame)
 *              ├─ DecodeError(code)  → the server must close with exactly `code`
 *              ├─ Ping               → a Pong, the connection stays open
 *              ├─ Chat               → joined: accepted silently; not joined: close 4002
 *              ├─ Input              → not joined: close 4002; joined: what the compact decoder says
 *              │                       against the connection's input state (InputMirror): silent,
 *              │                       or close 4000/4001 — or either, when the server's delta
 *              │                       bases cannot be known exactly (checked with a Ping after it)
 *              ├─ Leave              → close 1000
 *              └─ Join               → Welcome, or a documented refusal (4100/4101/4104/1001);
 *                                      a second Join on a joined connection: 4002
 *
 * Each lane has its own seeded mutator, so the frames (and which connections
 * join first) are the same on every run with the same seed. Frames go out
 * only after the 101: uWS ignores bytes that arrive together with the upgrade
 * request (observed with uWS.js 20.x), as RFC 6455 clients must wait anyway.
 */
import { CloseCode, Opcode } from '../../../shared/protocol/constants';
import { DecodeError } from '../../../shared/protocol/decodeError';
import { decodeClientFrame, encodeClientMessage } from '../../../shared/protocol/frameCodec';
import { decodeInputMessage, InputCoder, MAX_FRAMES_PER_INPUT, MISSING_BASE, type InputMessageHeader } from '../../../shared/protocol/inputCodec';
import { UWS_HARD_PAYLOAD_CAP } from '../../../server/startServer';
import { lineInput } from '../../support/lineGame';
import { buildFrame, describeEnding, RawWebSocket, WsOpcode } from '../../support/rawWebSocket';
import { FrameMutator } from './frameMutator';

/** The fuzzed server hosts the line test game (startLineServer): its input schema. */
const coder = new InputCoder(lineInput);

export interface FuzzOptions {
  port: number;
  seed: number;
  frames: number;
  /** Concurrent connections. */
  lanes: number;
  /** Share of connections that Join before their fuzzed frames (makes Input/Chat legal). */
  joinedShare: number;
  /** Stay under the per-connection message rate limit. */
  maxFramesPerConnection: number;
}

export interface FuzzReport {
  frames: number;
  connections: number;
  /** Frames the decoder rejected (each must have closed with its code). */
  rejected: number;
  closesByCode: Map<number, number>;
  pongs: number;
  welcomes: number;
  /** What went wrong, first few: frame hex, expected, observed. */
  mismatches: string[];
  mismatchCount: number;
  /** Frames over uWS's hard cap (dropped abruptly, as documented). */
  overHardCap: number;
  /** Connections that never got a handshake response (retried with the same frames to come). */
  connectFailures: number;
  lastConnectError: string;
}

type Expectation =
  | { kind: 'silent' }
  | { kind: 'pong' }
  | { kind: 'close'; codes: readonly number[] }
  /** Accepted silently or closed with one of `codes` (an Input whose outcome depends on the server's bases). */
  | { kind: 'maybe-close'; codes: readonly number[] }
  /** Over uWS's hard payload cap: dropped without a close frame (documented; the client sees 1006). */
  | { kind: 'abrupt' }
  | { kind: 'join' };

const JOIN_REFUSALS = [CloseCode.RoomNotFound, CloseCode.RoomFull, CloseCode.JoinRateLimited, CloseCode.GoingAway];

/** What the server must do with `frame` on a connection that has (or has not) joined (`mirror`: its input state). */
export function expectationFor(frame: Uint8Array, joined: boolean, mirror: InputMirror): Expectation {
  if (frame.length > UWS_HARD_PAYLOAD_CAP) return { kind: 'abrupt' };
  const msg = decodeClientFrame(frame);
  if (msg instanceof DecodeError) return { kind: 'close', codes: [msg.closeCode] };
  switch (msg.op) {
    case Opcode.Ping:
      return { kind: 'pong' };
    case Opcode.Leave:
      return { kind: 'close', codes: [CloseCode.Normal] };
    case Opcode.Input:
      return joined ? mirror.expect(frame) : { kind: 'close', codes: [CloseCode.ProtocolViolation] };
    case Opcode.Chat:
      return joined ? { kind: 'silent' } : { kind: 'close', codes: [CloseCode.ProtocolViolation] };
    case Opcode.Join:
      return joined ? { kind: 'close', codes: [CloseCode.ProtocolViolation] } : { kind: 'join' };
    case Opcode.Ack:
      // Spectators only: a player's Ack is a player sending a spectator's frame.
      return { kind: 'close', codes: [joined ? CloseCode.NotAPlayer : CloseCode.ProtocolViolation] };
  }
}

const hex = (b: Uint8Array) => Buffer.from(b.subarray(0, 48)).toString('hex') + (b.length > 48 ? `…(${b.length} B)` : '');

export async function runFrameFuzz(o: FuzzOptions, onProgress?: (framesDone: number) => void): Promise<FuzzReport> {
  const report: FuzzReport = { frames: 0, connections: 0, rejected: 0, closesByCode: new Map(), pongs: 0, welcomes: 0, mismatches: [], mismatchCount: 0, overHardCap: 0, connectFailures: 0, lastConnectError: '' };
  const joinFrame = buildFrame({ opcode: WsOpcode.Binary, payload: encodeClientMessage({ op: Opcode.Join, body: { name: 'fuzz' } }) });
  const pingFrame = buildFrame({ opcode: WsOpcode.Binary, payload: encodeClientMessage({ op: Opcode.Ping, body: { t: 0 } }) });
  let issued = 0;
  const mismatch = (frame: Uint8Array | null, what: string) => {
    report.mismatchCount++;
    if (report.mismatches.length < 10) report.mismatches.push(`${frame ? hex(frame) : '(setup)'}: ${what}`);
  };
  const countClose = (code: number | null) => {
    const k = code ?? -1;
    report.closesByCode.set(k, (report.closesByCode.get(k) ?? 0) + 1);
  };
  const isServerOp = (f: { opcode: number; payload: Buffer }, op: number) => f.opcode === WsOpcode.Binary && f.payload[0] === op;

  async function lane(index: number): Promise<void> {
    const mut = new FrameMutator((o.seed + index * 0x9e3779b9) >>> 0, coder);
    while (issued < o.frames) {
      let joined = mut.random() < o.joinedShare;
      let ws: RawWebSocket;
      try {
        ws = await RawWebSocket.open(o.port, {}, 15_000);
      } catch (err) {
        // Not a verdict on any frame (none was sent): a loaded machine can drop a SYN. Counted, retried.
        report.connectFailures++;
        report.lastConnectError = (err as Error).message;
        continue;
      }
      report.connections++;
      try {
        if (ws.status !== 101) {
          mismatch(null, `upgrade answered ${ws.status || 'nothing'}`);
          continue;
        }
        if (joined) {
          ws.write(joinFrame);
          await ws.waitFor(() => ws.frames.some((f) => isServerOp(f, Opcode.Welcome)) || ws.tcpClosed, 'welcome');
          if (ws.tcpClosed) {
            mismatch(null, `join refused: ${describeEnding(await ws.ending())}`);
            continue;
          }
          report.welcomes++;
        }
        let pings = 0;
        const mirror = new InputMirror(coder);
        for (let k = 0; k < o.maxFramesPerConnection && issued < o.frames; k++) {
          const frame = mut.next();
          issued++;
          report.frames++;
          const exp = expectationFor(frame, joined, mirror);
          ws.write(buildFrame({ opcode: WsOpcode.Binary, payload: frame }));
          if (exp.kind === 'silent') continue;
          if (exp.kind === 'pong') {
            pings++;
            continue;
          }
          if (exp.kind === 'abrupt') {
            report.rejected++;
            report.overHardCap++;
            const ending = await ws.ending();
            if (ending.kind !== 'abrupt') mismatch(frame, `expected an abrupt close over the ${UWS_HARD_PAYLOAD_CAP}-byte hard cap, got ${describeEnding(ending)}`);
            break;
          }
          if (exp.kind === 'maybe-close') {
            // Either outcome is right; a Ping after it tells which one happened.
            ws.write(pingFrame);
            pings++;
            const pongsBefore = ws.frames.filter((f) => isServerOp(f, Opcode.Pong)).length;
            await ws.waitFor(() => ws.closeFrame !== undefined || ws.tcpClosed || ws.frames.filter((f) => isServerOp(f, Opcode.Pong)).length > pongsBefore, 'input outcome');
            if (ws.closeFrame === undefined && !ws.tcpClosed) continue;
            pings--; // the probe was not answered: the frame closed the connection
            const ending = await ws.ending();
            if (ending.kind !== 'close-frame') mismatch(frame, `expected silence or close ${exp.codes.join('/')}, got ${describeEnding(ending)}`);
            else {
              countClose(ending.code);
              if (!exp.codes.includes(ending.code ?? -1)) mismatch(frame, `expected silence or close ${exp.codes.join('/')}, got ${ending.code} "${ending.reason}"`);
            }
            break;
          }
          if (exp.kind === 'close') {
            if (decodeClientFrame(frame) instanceof DecodeError || (joined && frame[0] === Opcode.Input)) report.rejected++;
            const ending = await ws.ending();
            if (ending.kind !== 'close-frame') mismatch(frame, `expected close ${exp.codes.join('/')}, got ${describeEnding(ending)}`);
            else {
              countClose(ending.code);
              if (!exp.codes.includes(ending.code ?? -1)) mismatch(frame, `expected close ${exp.codes.join('/')}, got ${ending.code} "${ending.reason}"`);
            }
            break;
          }
          // A valid Join: welcomed (now joined), or refused with a documented code.
          await ws.waitFor(() => ws.frames.some((f) => isServerOp(f, Opcode.Welcome)) || ws.tcpClosed, 'join outcome');
          if (ws.frames.some((f) => isServerOp(f, Opcode.Welcome))) {
            joined = true;
            report.welcomes++;
            continue;
          }
          const ending = await ws.ending();
          countClose(ending.kind === 'close-frame' ? ending.code : null);
          if (ending.kind !== 'close-frame' || !JOIN_REFUSALS.includes(ending.code as never)) {
            mismatch(frame, `join: expected welcome or ${JOIN_REFUSALS.join('/')}, got ${describeEnding(ending)}`);
          }
          break;
        }
        const pongs = ws.frames.filter((f) => isServerOp(f, Opcode.Pong)).length;
        report.pongs += pongs;
        if (ws.closeFrame && pongs !== pings) mismatch(null, `${pings} pings answered by ${pongs} pongs before the close`);
      } catch (err) {
        mismatch(null, (err as Error).message);
      } finally {
        ws.destroy();
      }
      onProgress?.(issued);
    }
  }

  await Promise.all(Array.from({ length: o.lanes }, (_, i) => lane(i)));
  return report;
}

/**
 * InputMirror:
 * what the protocol fuzzer knows of the server's input state for one joined
 * connection, so it can predict the outcome of a compact Input frame: the
 * newest seq the server has received (which extends the 8-bit seq) and every
 * version of every frame it may hold as a delta base. The server may lack a
 * base the fuzzer sent (a frame offered after it was applied is not kept) or
 * hold an older copy, so every candidate base — and none — is tried; when the
 * candidates disagree, the outcome is ambiguous and the connection's input
 * state is no longer known exactly (`uncertain`).
 */
type InputOutcome =
  | { kind: 'silent' }
  | { kind: 'close'; codes: readonly number[] }
  /** Either accepted silently or closed with one of `codes`. */
  | { kind: 'maybe-close'; codes: readonly number[] };

const INPUT_ERROR_CODES = [CloseCode.DecodeFailed, CloseCode.InvalidMessage] as const;

class InputMirror {
  newestSeq = 0;
  uncertain = false;
  private readonly versions = new Map<number, Int32Array[]>();
  private readonly header: InputMessageHeader = { seq: 0, count: 0, zeroBase: false, ackLow: -1, viewLag: 0 };

  constructor(private readonly coder: InputCoder) {}

  /** The outcome of sending `frame` now; records what the server then holds. */
  expect(frame: Uint8Array): InputOutcome {
    if (this.uncertain) return { kind: 'maybe-close', codes: INPUT_ERROR_CODES };
    const f = this.coder.fieldCount;
    let asked = -1;
    const variants: { result: DecodeError | typeof MISSING_BASE | null; frames: Int32Array; seq: number; count: number }[] = [];
    const run = (lookup: (seq: number) => Int32Array | null) => {
      const out = new Int32Array(MAX_FRAMES_PER_INPUT * f);
      const result = decodeInputMessage(frame, this.coder, this.newestSeq, lookup, this.header, out);
      variants.push({ result, frames: out, seq: this.header.seq, count: this.header.count });
    };
    run((seq) => {
      asked = seq;
      return null;
    });
    for (const base of asked >= 1 ? (this.versions.get(asked) ?? []) : []) run(() => base);

    const errorCodes = new Set(variants.filter((v) => v.result instanceof DecodeError).map((v) => (v.result as DecodeError).closeCode));
    const accepted = variants.filter((v) => v.result === null);
    const missing = variants.filter((v) => v.result === MISSING_BASE);
    if (accepted.length === variants.length) {
      for (const v of accepted) this.record(v.frames, v.seq, v.count);
      return { kind: 'silent' };
    }
    if (errorCodes.size === 1 && accepted.length === 0 && missing.length === 0) return { kind: 'close', codes: [...errorCodes] };
    if (errorCodes.size === 0 && accepted.length === 0) return { kind: 'silent' }; // missing base whatever the server holds: dropped
    // The variants disagree: the server's input state after this frame is not known exactly.
    this.uncertain = true;
    return errorCodes.size === 0 ? { kind: 'silent' } : { kind: 'maybe-close', codes: [...errorCodes] };
  }

  private record(frames: Int32Array, seq: number, count: number): void {
    const f = this.coder.fieldCount;
    const first = seq - count + 1;
    for (let i = 0; i < count; i++) {
      if (first + i < 1) continue;
      const frame = frames.slice(i * f, i * f + f);
      const known = this.versions.get(first + i);
      if (!known) this.versions.set(first + i, [frame]);
      else if (!known.some((k) => k.every((x, j) => x === frame[j]))) known.push(frame);
    }
    if (seq > this.newestSeq) this.newestSeq = seq;
  }
}
