/**
 * A real WebSocket client (the `ws` package) speaking tickwire.v2, for
 * integration tests. Records every decoded server message and the close.
 * It knows no game: it decodes with the codec the Welcome describes.
 */
import WebSocket from 'ws';
import { Opcode, SUBPROTOCOL } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { decodeServerFrame, encodeClientMessage, type ServerMessage } from '../../shared/protocol/frameCodec';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { InputUplink } from '../../shared/protocol/inputUplink';
import type { ClientMsgpackMessage } from '../../shared/protocol/messages';

export interface Refusal {
  status: number;
  body: string;
}

export interface ConnectOptions {
  query?: string;
  protocols?: string[];
  origin?: string;
  headers?: Record<string, string>;
}

type MessageOf<O> = Extract<ServerMessage, { op: O }>;

export class TestClient {
  readonly messages: ServerMessage[] = [];
  readonly decodeErrors: DecodeError[] = [];
  closed: { code: number; reason: string } | null = null;
  /** The codec of the game the (latest) Welcome named. */
  codec: GameCodec | null = null;
  /** Input sending state, reset by every Welcome. */
  uplink: InputUplink | null = null;
  /** Newest snapshot tick received (what sendInput acknowledges; 0 = none). */
  ackTick = 0;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => {
      const m = decodeServerFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), this.codec);
      if (m instanceof DecodeError) this.decodeErrors.push(m);
      else this.onMessage(m);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  /** Open a connection; resolves with a client, or with the HTTP refusal. */
  static open(baseUrl: string, opts: ConnectOptions = {}): Promise<TestClient | Refusal> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/ws${opts.query ? `?${opts.query}` : ''}`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, opts.protocols ?? [SUBPROTOCOL], {
        perMessageDeflate: false,
        headers: { ...(opts.origin ? { Origin: opts.origin } : {}), ...opts.headers },
      });
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      ws.once('open', () => resolve(new TestClient(ws)));
      ws.once('error', (err) => {
        if (!/Unexpected server response/.test(err.message)) reject(err);
      });
    });
  }

  static async connect(baseUrl: string, opts: ConnectOptions = {}): Promise<TestClient> {
    const c = await TestClient.open(baseUrl, opts);
    if (!(c instanceof TestClient)) throw new Error(`upgrade refused: ${c.status} ${c.body}`);
    return c;
  }

  send(msg: ClientMsgpackMessage): void {
    this.ws.send(encodeClientMessage(msg));
  }

  /**
   * Send one tick's input (one value per input field of the game) at once,
   * repeating every frame the server has not acknowledged, and acknowledging
   * the newest snapshot received. Returns the frame's seq.
   */
  sendInput(values: number[], viewTick = this.ackTick): number {
    if (!this.uplink) throw new Error('sendInput before the welcome');
    const seq = this.uplink.push(values);
    const bytes = this.uplink.message(this.ackTick, viewTick);
    if (bytes) this.ws.send(bytes);
    return seq;
  }

  private onMessage(m: ServerMessage): void {
    this.messages.push(m);
    if (m.op === Opcode.Welcome) {
      const codec = GameCodec.fromWelcome(m.body);
      if (codec instanceof DecodeError) {
        this.decodeErrors.push(codec);
        return;
      }
      this.codec = codec;
      this.uplink = new InputUplink(codec.input, m.body.tickRate / m.body.snapshotRate, 1);
      this.ackTick = 0;
    } else if (m.op === Opcode.Watching) {
      // A spectator's Welcome (issue 15): the codec, no uplink (spectators send Ack, never Input).
      const codec = GameCodec.fromWelcome(m.body);
      if (codec instanceof DecodeError) this.decodeErrors.push(codec);
      else this.codec = codec;
      this.uplink = null;
      this.ackTick = 0;
    } else if (m.op === Opcode.Snapshot) {
      if (m.body.delta.tick > this.ackTick) this.ackTick = m.body.delta.tick;
      this.uplink?.acknowledge(m.body.ackSeq);
    }
  }

  sendRaw(bytes: Uint8Array | string, binary = true): void {
    this.ws.send(bytes, { binary });
  }

  /** Wait until `predicate` holds (checked on every message/close), or fail after `timeoutMs`. */
  waitUntil(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  async next<O extends ServerMessage['op']>(op: O, timeoutMs = 5000): Promise<MessageOf<O>> {
    const start = this.messages.length;
    let found: ServerMessage | undefined;
    await this.waitUntil(() => (found = this.messages.slice(start).find((m) => m.op === op)) !== undefined, `opcode 0x${op.toString(16)}`, timeoutMs);
    return found as MessageOf<O>;
  }

  /** The first message of this kind ever received (waiting if needed). */
  async first<O extends ServerMessage['op']>(op: O, timeoutMs = 5000): Promise<MessageOf<O>> {
    let found: ServerMessage | undefined;
    await this.waitUntil(() => (found = this.messages.find((m) => m.op === op)) !== undefined, `opcode 0x${op.toString(16)}`, timeoutMs);
    return found as MessageOf<O>;
  }

  async join(name: string, extra: Omit<Extract<ClientMsgpackMessage, { op: 1 }>['body'], 'name'> = {}): Promise<MessageOf<typeof Opcode.Welcome>> {
    this.send({ op: Opcode.Join, body: { name, ...extra } });
    return this.first(Opcode.Welcome);
  }

  /** Spectators (issue 15): join `target` as a spectator; resolves with the Watching frame. */
  async watch(target: { room: string } | { code: string }, name = 'spectator'): Promise<MessageOf<typeof Opcode.Watching>> {
    this.send({ op: Opcode.Join, body: { name, watch: true, ...target } });
    return this.first(Opcode.Watching);
  }

  /** Spectators: acknowledge the newest snapshot received, following `follow` (0: free camera at x, y). */
  sendAck(follow = 0, x = 0, y = 0): void {
    this.send({ op: Opcode.Ack, body: { k: this.ackTick, f: follow, x, y } });
  }

  async closedWith(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    await this.waitUntil(() => this.closed !== null, 'close', timeoutMs);
    return this.closed!;
  }

  snapshots(): MessageOf<typeof Opcode.Snapshot>[] {
    return this.messages.filter((m): m is MessageOf<typeof Opcode.Snapshot> => m.op === Opcode.Snapshot);
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}
