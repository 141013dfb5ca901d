/**
 * A test player that follows its room across nodes, as the reference client
 * does: on Moved + close 4108 it connects at once to the Moved url and sends
 * the same Join with its resume token (at most MAX_MOVED_HOPS in a row); when
 * its connection drops without a Moved (the node died) it resumes through
 * `front()` — the public entry that routes (any node answers Moved to the
 * room's holder). Records when snapshots arrive, so a test can measure the
 * gap a move costs: last snapshot on the old node → first on the new.
 */
import { performance } from 'node:perf_hooks';
import { CloseCode, Opcode } from '../../shared/protocol/constants';
import { TestClient } from './testClient';

export const MAX_MOVED_HOPS = 3;
/** A loaded test machine can take seconds to welcome a crowd arriving at once. */
const WELCOME_WAIT_MS = 20_000;
/** Tries of a Moved url that failed (connection refused, no welcome) before going through the front. */
const MOVED_RETRIES = 3;

export interface MoveRecord {
  /** Why the connection ended: 'moved' (4108 after Moved) or 'dropped'. */
  kind: 'moved' | 'dropped';
  lastSnapshotBeforeMs: number;
  /** When the old connection closed, and when the new one was welcomed. */
  closedAtMs: number;
  welcomedAtMs: number;
  firstSnapshotAfterMs: number;
  hops: number;
}

export class MovingPlayer {
  client!: TestClient;
  token = '';
  roomId = '';
  playerId = 0;
  readonly moves: MoveRecord[] = [];
  private lastSnapshotAtMs = 0;
  private pending: MoveRecord | null = null;
  private stopped = false;
  private reconnecting: Promise<void> | null = null;
  /** Set when following gave up (too many hops, front never answered). */
  failure: string | null = null;

  private constructor(
    readonly name: string,
    private readonly front: () => string,
  ) {}

  /** Join `room` (or quick play) through `baseUrl`; `front` is where to resume after a node died. */
  static async join(baseUrl: string, name: string, room: string | undefined, front: () => string): Promise<MovingPlayer> {
    const p = new MovingPlayer(name, front);
    const r = await p.attempt(baseUrl, room === undefined ? {} : { room });
    if (r !== 'welcomed') throw new Error(`${name}: no welcome from ${baseUrl}`);
    return p;
  }

  /** Resolves once the player has made `moves` moves (or drops) and gets snapshots again. */
  async settled(moves: number, timeoutMs = 20_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.moves.length < moves || this.reconnecting || this.pending) {
      if (this.failure && !this.reconnecting) throw new Error(`${this.name}: ${this.failure}`);
      if (performance.now() > deadline) throw new Error(`${this.name}: not back within ${timeoutMs} ms (${this.failure ?? 'still moving'})`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  stop(): void {
    this.stopped = true;
    this.client.close();
  }

  /** One connection: welcomed, told to go elsewhere (Moved + 4108), or failed. */
  private async attempt(baseUrl: string, target: { room?: string }): Promise<'welcomed' | 'failed' | { moved: string }> {
    let client: TestClient;
    try {
      client = await TestClient.connect(baseUrl);
    } catch {
      return 'failed'; // the node is gone or refusing
    }
    client.ws.on('message', (data: Buffer) => this.onFrame(data));
    client.send({ op: Opcode.Join, body: { name: this.name, ...(this.token ? { resume: this.token, room: this.roomId } : target) } });
    try {
      await client.waitUntil(() => client.closed !== null || client.messages.some((m) => m.op === Opcode.Welcome), 'welcome or close', WELCOME_WAIT_MS);
    } catch {
      client.close();
      return 'failed';
    }
    const moved = client.messages.find((m) => m.op === Opcode.Moved);
    const welcome = client.messages.find((m) => m.op === Opcode.Welcome);
    if (!welcome || welcome.op !== Opcode.Welcome) {
      if (moved?.op === Opcode.Moved && client.closed?.code === CloseCode.Moved) return { moved: moved.body.url };
      return 'failed';
    }
    if (this.token && !welcome.body.resumed) throw new Error(`${this.name}: resume refused on ${baseUrl} (fresh join instead)`);
    this.token = welcome.body.resume;
    this.roomId = welcome.body.roomId;
    this.playerId = welcome.body.playerId;
    this.client = client;
    client.ws.on('close', (code: number) => this.onClose(client, code));
    if (client.closed) this.onClose(client, client.closed.code);
    return 'welcomed';
  }

  private onFrame(data: Buffer): void {
    const t = performance.now();
    if (data[0] === Opcode.Welcome && this.pending) this.pending.welcomedAtMs = t;
    if (data[0] !== Opcode.Snapshot) return;
    if (this.pending && this.pending.firstSnapshotAfterMs === 0) {
      this.pending.firstSnapshotAfterMs = t;
      this.moves.push(this.pending);
      this.pending = null;
    }
    this.lastSnapshotAtMs = t;
  }

  private onClose(client: TestClient, code: number): void {
    if (this.stopped || client !== this.client || this.reconnecting) return;
    const moved = client.messages.findLast((m) => m.op === Opcode.Moved);
    const follow = code === CloseCode.Moved && moved?.op === Opcode.Moved ? moved.body.url : null;
    this.pending = { kind: follow ? 'moved' : 'dropped', lastSnapshotBeforeMs: this.lastSnapshotAtMs, closedAtMs: performance.now(), welcomedAtMs: 0, firstSnapshotAfterMs: 0, hops: 0 };
    this.reconnecting = this.follow(follow ?? this.front(), follow !== null)
      .catch((err: unknown) => {
        this.failure = (err as Error).message;
      })
      .finally(() => (this.reconnecting = null));
  }

  /** Moved: at once to the named node (≤ MAX_MOVED_HOPS in a row, then back to the front). Failed: retry via the front. */
  private async follow(url: string, wasMoved: boolean): Promise<void> {
    let hops = wasMoved ? 1 : 0;
    let movedRetries = wasMoved ? MOVED_RETRIES : 0;
    for (let failures = 0; !this.stopped; ) {
      const r = await this.attempt(url, {});
      if (r === 'failed' && movedRetries-- > 0) continue; // the node a Moved named is up: try it again first
      if (r === 'welcomed') {
        (this.pending ?? this.moves.at(-1)!).hops = hops;
        return;
      }
      if (r !== 'failed' && hops < MAX_MOVED_HOPS) {
        hops++;
        url = r.moved;
        movedRetries = MOVED_RETRIES;
        continue;
      }
      if (r !== 'failed') this.failure = `more than ${MAX_MOVED_HOPS} Moved in a row`;
      hops = 0;
      url = this.front();
      await new Promise((res) => setTimeout(res, Math.min(50 * 2 ** failures++, 400)));
    }
  }
}
