/**
 * One WebSocket to the server: offers the subprotocol (tickwire.v2), checks the server chose
 * it, counts bytes, decodes every inbound frame with the decoder the session
 * gives it (which knows the game only after the Welcome), and passes traffic
 * both ways through the network simulator.
 *
 *   socket ─▶ bytes in ─▶ [down link: lag/jitter/loss] ─▶ decode ─▶ onMessage
 *   send() ─▶ encode ─▶ [up link: lag/jitter/loss] ─▶ bytes out ─▶ socket
 *
 * Loss applies to the messages a real game would send unreliably (snapshots,
 * inputs, pings, pongs); Join, Welcome, Events and Error always get through.
 */
import { Opcode, SUBPROTOCOL } from '../../../../shared/protocol/constants';
import { DecodeError } from '../../../../shared/protocol/decodeError';
import { encodeClientMessage, type ServerMessage } from '../../../../shared/protocol/frameCodec';
import type { ClientMsgpackMessage } from '../../../../shared/protocol/messages';
import type { NetStats } from './netStats';
import { isPerfect, SimulatedLink, type NetworkConditions } from './networkSimulator';

export interface ConnectionHandlers {
  onOpen(): void;
  onMessage(msg: ServerMessage, nowMs: number): void;
  /** `opened`: the handshake had completed. `protocolRefused`: the server did not speak our subprotocol. */
  onClose(info: CloseInfo): void;
}

export interface CloseInfo {
  code: number;
  reason: string;
  opened: boolean;
  protocolRefused: boolean;
  /** The last Error message the server sent before closing, if any. */
  serverError: string | null;
}

/** Bytes → message; the session's current game codec decides how snapshots read. */
export type FrameDecoder = (bytes: Uint8Array) => ServerMessage | DecodeError;

type Down = { kind: 'data'; bytes: Uint8Array } | { kind: 'close'; code: number; reason: string };

const UNRELIABLE_DOWN = new Set<number>([Opcode.Snapshot, Opcode.Pong]);
const UNRELIABLE_UP = new Set<number>([Opcode.Input, Opcode.Ping]);

export class Connection {
  private readonly ws: WebSocket;
  private readonly up: SimulatedLink<Uint8Array>;
  private readonly down: SimulatedLink<Down>;
  private pumpTimer: ReturnType<typeof setTimeout> | null = null;
  private opened = false;
  private closed = false;
  private protocolRefused = false;
  private serverError: string | null = null;
  /** Socket-level errors seen (each is followed by a close). */
  socketErrors = 0;

  constructor(
    url: string,
    private readonly decode: FrameDecoder,
    conditions: NetworkConditions,
    private readonly stats: NetStats,
    private readonly handlers: ConnectionHandlers,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.up = new SimulatedLink(conditions.up);
    this.down = new SimulatedLink(conditions.down);
    this.ws = new WebSocket(url, [SUBPROTOCOL]);
    this.ws.binaryType = 'arraybuffer';
    this.ws.onopen = () => {
      if (this.ws.protocol !== SUBPROTOCOL) {
        this.protocolRefused = true;
        this.ws.close(1000, 'subprotocol not accepted');
        return;
      }
      this.opened = true;
      this.handlers.onOpen();
    };
    this.ws.onmessage = (ev: MessageEvent) => {
      if (!(ev.data instanceof ArrayBuffer)) return; // the server sends binary only
      const bytes = new Uint8Array(ev.data);
      const now = this.now();
      this.stats.onBytesIn(bytes.length, now);
      this.down.offer({ kind: 'data', bytes }, now, UNRELIABLE_DOWN.has(bytes[0]));
      this.pump();
    };
    // A refused or failed handshake is reported as an error and then a close; the close decides
    // what follows. Without a listener Node's WebSocket implementations throw the error instead.
    this.ws.onerror = () => {
      this.socketErrors++;
    };
    this.ws.onclose = (ev: CloseEvent) => {
      this.down.offer({ kind: 'close', code: ev.code, reason: ev.reason }, this.now(), false);
      this.pump();
    };
  }

  /** Change the simulated conditions (applies to messages sent from now on). */
  setConditions(c: NetworkConditions): void {
    this.up.conditions = { ...c.up };
    this.down.conditions = { ...c.down };
  }

  get dropped(): { up: number; down: number } {
    return { up: this.up.dropped, down: this.down.dropped };
  }

  get isOpen(): boolean {
    return this.opened && !this.closed && this.ws.readyState === WebSocket.OPEN;
  }

  send(msg: ClientMsgpackMessage): void {
    this.sendBytes(encodeClientMessage(msg));
  }

  /** Send an encoded frame (its first byte is the opcode: inputs and pings are droppable by the simulator). */
  sendBytes(bytes: Uint8Array): void {
    if (this.closed) return;
    const now = this.now();
    if (isPerfect(this.up.conditions) && this.up.pending === 0) this.write(bytes, now);
    else {
      this.up.offer(bytes, now, UNRELIABLE_UP.has(bytes[0]));
      this.pump();
    }
  }

  close(code = 1000, reason = 'bye'): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
  }

  private write(bytes: Uint8Array, now: number): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.stats.onBytesOut(bytes.length, now);
    this.ws.send(bytes);
  }

  /**
   * Deliver whatever the simulator has due. The connection pumps itself from
   * a timer; the game loop calls this too, since timers are throttled in
   * background tabs and late behind a busy frame.
   */
  poll(): void {
    if (this.up.pending > 0 || this.down.pending > 0) this.pump();
  }

  /** Deliver whatever is due in both directions, and schedule the next pump. */
  private pump(): void {
    if (this.pumpTimer !== null) {
      clearTimeout(this.pumpTimer);
      this.pumpTimer = null;
    }
    const now = this.now();
    for (const bytes of this.up.drain(now)) this.write(bytes, now);
    for (const item of this.down.drain(now)) {
      if (this.closed) break;
      if (item.kind === 'close') this.finish(item.code, item.reason);
      else this.deliver(item.bytes, now);
    }
    const nexts = [this.up.nextDueMs(), this.down.nextDueMs()].filter((t): t is number => t !== null);
    if (nexts.length > 0 && !this.closed) {
      this.pumpTimer = setTimeout(() => this.pump(), Math.max(0, Math.min(...nexts) - now));
    }
  }

  private deliver(bytes: Uint8Array, now: number): void {
    const msg = this.decode(bytes);
    if (msg instanceof DecodeError) {
      // A frame we cannot read means we no longer agree on the protocol: start over.
      this.serverError = `undecodable server frame: ${msg.reason}`;
      this.close(4000, 'undecodable frame');
      return;
    }
    if (msg.op === Opcode.Error) this.serverError = msg.body.message;
    this.handlers.onMessage(msg, now);
  }

  private finish(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.up.clear();
    this.down.clear();
    this.handlers.onClose({ code, reason, opened: this.opened, protocolRefused: this.protocolRefused, serverError: this.serverError });
  }
}
