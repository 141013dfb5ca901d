/**
 * The socket side of a session: connect, send Join (or resume), wait for the
 * Welcome, and decide what a close means — retry with backoff and jitter
 * (resuming with the session token), or fail with a sentence for the player.
 *
 *   connect ─▶ open ─▶ Join ─▶ (Welcome within 8 s, else close 4003 and retry)
 *   close ─▶ decideOnClose ─┬─ retry ─▶ backoff ─▶ connect (Join carries resume + room)
 *                           ├─ diagnose ─▶ GET /readyz ─▶ retry | fail
 *                           ├─ follow (Moved + 4108) ─▶ connect at once to the Moved url (≤ 3 in a row, then fail → lobby)
 *                           └─ fail ─▶ phase failed
 *
 * Which node: the first connection and every retry go to the page's own
 * origin (`baseUrl`), which routes a resume to the node holding the room
 * (answering Moved if that is another node); only a Moved sends us to
 * another node directly. So after a node dies, the resume goes through the
 * origin and lands wherever the room was restored.
 */
import { CloseCode, Opcode } from '../../../../shared/protocol/constants';
import type { ServerMessage } from '../../../../shared/protocol/frameCodec';
import type { ClientMsgpackMessage } from '../../../../shared/protocol/messages';
import { diagnoseHandshake } from '../lobby/lobbyApi';
import { decideAfterDiagnosis, decideOnClose, decideOnMoved, type CloseDecision } from '../net/closeDecision';
import { Connection, type CloseInfo, type FrameDecoder } from '../net/connection';
import type { NetStats } from '../net/netStats';
import type { NetworkConditions } from '../net/networkSimulator';
import { ReconnectPolicy } from '../net/reconnectPolicy';
import type { ClientPhase, JoinTarget } from './sessionTypes';

export interface SessionLinkOptions {
  /** http(s) origin of the server. */
  baseUrl: string;
  name: string;
  target: JoinTarget;
  conditions: NetworkConditions;
  stats: NetStats;
  decode: FrameDecoder;
  /** A new socket is being opened: nothing game-specific is spoken on it until its Welcome. */
  onConnecting(): void;
  onMessage(msg: ServerMessage, nowMs: number): void;
  /** Reconnecting, failed or left (the session itself says playing). */
  onPhase(phase: ClientPhase): void;
  now: () => number;
}

/** How long after sending Join we wait for the Welcome before giving up on the connection. */
const WELCOME_TIMEOUT_MS = 8000;

export class SessionLink {
  /** How the last socket closed (null while the first is open). */
  lastClose: CloseInfo | null = null;
  private conn: Connection | null = null;
  private readonly policy = new ReconnectPolicy();
  /** Set by the first Welcome: later connections resume this seat. */
  private resume: { token: string; roomId: string } | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private welcomeTimer: ReturnType<typeof setTimeout> | null = null;
  private leaving = false;
  /** The node this socket goes to: the origin, or where a Moved sent us. */
  private nodeBaseUrl: string;
  /** The url of a Moved received on the current socket (null: none). */
  private movedTo: string | null = null;
  /** Moved followed since the last Welcome. */
  private movedHops = 0;

  constructor(private readonly opts: SessionLinkOptions) {
    this.nodeBaseUrl = opts.baseUrl;
  }

  get isOpen(): boolean {
    return this.conn?.isOpen ?? false;
  }

  get dropped(): { up: number; down: number } {
    return this.conn?.dropped ?? { up: 0, down: 0 };
  }

  start(): void {
    this.connect();
  }

  setConditions(c: NetworkConditions): void {
    this.opts.conditions = c;
    this.conn?.setConditions(c);
  }

  send(msg: ClientMsgpackMessage): void {
    this.conn?.send(msg);
  }

  sendBytes(bytes: Uint8Array): void {
    this.conn?.sendBytes(bytes);
  }

  /** Deliver what the network simulator has due (the game loop calls this each frame). */
  poll(): void {
    this.conn?.poll();
  }

  /** The session accepted a Welcome: the seat to resume from now on; the backoff starts over. */
  welcomed(resumeToken: string, roomId: string): void {
    if (this.welcomeTimer) clearTimeout(this.welcomeTimer);
    this.welcomeTimer = null;
    this.resume = { token: resumeToken, roomId };
    this.policy.reset();
    this.movedHops = 0;
  }

  /** The session accepted a Watching frame (a spectator): nothing to resume; the backoff starts over. */
  watching(): void {
    if (this.welcomeTimer) clearTimeout(this.welcomeTimer);
    this.welcomeTimer = null;
    this.policy.reset();
    this.movedHops = 0;
  }

  /** Leave for good (back to the lobby). */
  leave(): void {
    this.stop();
    if (this.conn?.isOpen) this.conn.send({ op: Opcode.Leave, body: {} });
    this.conn?.close(CloseCode.Normal, 'left');
    this.opts.onPhase({ kind: 'left' });
  }

  /** Give up with `message` (e.g. a game this page cannot play). */
  fail(message: string): void {
    this.stop();
    this.conn?.close(CloseCode.Normal, 'client cannot play this game');
    this.opts.onPhase({ kind: 'failed', message });
  }

  /** Close this socket as a protocol error (the close decides what follows). */
  closeForProtocolError(code: number, reason: string): void {
    this.conn?.close(code, reason);
  }

  private stop(): void {
    this.leaving = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private wsUrl(): string {
    const u = new URL(this.nodeBaseUrl);
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    // A node's public url may carry a path (https://play.example.com/n/b): its WebSocket is /ws under it.
    u.pathname = `${u.pathname.replace(/\/+$/, '')}/ws`;
    u.search = '';
    return u.toString();
  }

  private connect(): void {
    const o = this.opts;
    o.onConnecting();
    this.movedTo = null;
    this.conn = new Connection(
      this.wsUrl(),
      o.decode,
      o.conditions,
      o.stats,
      {
        onOpen: () => this.sendJoin(),
        onMessage: (msg, now) => {
          // Moved is the link's business (the close 4108 that follows acts on it), not the game's.
          if (msg.op === Opcode.Moved) this.movedTo = msg.body.url;
          else o.onMessage(msg, now);
        },
        onClose: (info) => void this.onClose(info),
      },
      o.now,
    );
  }

  private sendJoin(): void {
    // A server that accepts the socket but never welcomes us is as good as down.
    const conn = this.conn;
    this.welcomeTimer = setTimeout(() => {
      this.welcomeTimer = null;
      conn?.close(CloseCode.JoinTimeout, 'no welcome');
    }, WELCOME_TIMEOUT_MS);
    const t = this.opts.target;
    const body: { name: string; room?: string; code?: string; resume?: string; game?: string; watch?: true } = { name: this.opts.name };
    // A spectator holds no session: every connection watches anew (issue 15).
    if (t.kind !== 'quick' && t.watch) body.watch = true;
    if (this.resume && !body.watch) {
      // Resume; if the token has expired the server falls back to a fresh join of the same room.
      body.resume = this.resume.token;
      body.room = this.resume.roomId;
    } else if (t.kind === 'room') body.room = t.id;
    else if (t.kind === 'code') body.code = t.code.toUpperCase();
    else body.game = t.game;
    this.conn?.send({ op: Opcode.Join, body });
  }

  private async onClose(info: CloseInfo): Promise<void> {
    this.conn = null;
    this.lastClose = info;
    if (this.welcomeTimer) clearTimeout(this.welcomeTimer);
    this.welcomeTimer = null;
    if (this.leaving) return;
    const hadSession = this.resume !== null;
    let decision: CloseDecision =
      info.opened && info.code === CloseCode.Moved
        ? decideOnMoved(this.movedTo, this.movedHops)
        : decideOnClose(info, this.opts.target.kind === 'code' && !hadSession);
    if (decision.kind === 'diagnose') {
      const diagnosis = await diagnoseHandshake(this.nodeBaseUrl);
      if (this.leaving) return;
      decision = decideAfterDiagnosis(diagnosis, hadSession);
    }
    if (decision.kind === 'fail') this.opts.onPhase({ kind: 'failed', message: decision.message });
    else if (decision.kind === 'follow') this.follow(decision.url);
    else if (decision.kind === 'retry') {
      // Whatever node we were on may be gone: resume through the origin, which routes.
      this.nodeBaseUrl = this.opts.baseUrl;
      this.scheduleReconnect(decision.reason);
    }
  }

  /** The room is on another node: go there now (no backoff: it is up and expecting us). */
  private follow(url: string): void {
    this.movedHops++;
    this.nodeBaseUrl = url;
    this.opts.onPhase({ kind: 'reconnecting', attempt: this.movedHops, retryAtMs: this.opts.now(), reason: 'Moving to another server' });
    this.connect();
  }

  private scheduleReconnect(reason: string): void {
    const delay = this.policy.nextDelayMs();
    if (delay === null) {
      this.opts.onPhase({ kind: 'failed', message: `${reason}. Gave up after ${this.policy.attempts} attempts.` });
      return;
    }
    this.opts.onPhase({ kind: 'reconnecting', attempt: this.policy.attempts, retryAtMs: this.opts.now() + delay, reason });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.leaving) this.connect();
    }, delay);
  }
}
