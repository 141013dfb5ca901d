/**
 * An arena bot that fights: it rebuilds the world from snapshots
 * (SnapshotReplica), aims at the nearest living player, walks toward it and
 * fires, so kills (and scores) happen. After a 1012 it reconnects with
 * exponential backoff and resumes its session with its token.
 */
import { aimFromVector } from '../../shared/game/arena/aim';
import { ArenaButton as Button, ArenaKind } from '../../shared/game/arena/constants';
import { playerFromSnapshot, type PlayerSnapshot } from '../../shared/game/arena/snapshot';
import { Opcode } from '../../shared/protocol/constants';
import { SnapshotReplica } from '../support/snapshotReplica';
import { TestClient } from '../support/testClient';
import { sleep } from './hostileKit';

export class ArenaFighter {
  replica: SnapshotReplica;
  closes: number[] = [];
  resumedAtMs: number | null = null;
  resumeAttempts = 0;
  resumeFailure: string | null = null;
  lastConnectError = '';

  private constructor(
    public client: TestClient,
    readonly name: string,
    readonly playerId: number,
    readonly roomId: string,
    readonly token: string,
  ) {
    this.replica = new SnapshotReplica(client.codec!.layout);
    this.watchClose();
  }

  static async join(baseUrl: string, name: string): Promise<ArenaFighter> {
    const client = await TestClient.connect(baseUrl, { query: 'quick=arena' });
    const w = await client.join(name);
    return new ArenaFighter(client, name, w.body.playerId, w.body.roomId, w.body.resume);
  }

  /** Apply every snapshot received since the last call. */
  drain(): void {
    for (const m of this.client.messages.splice(0)) if (m.op === Opcode.Snapshot) this.replica.apply(m.body);
  }

  /** This bot's own player, from the newest snapshot. */
  me(): PlayerSnapshot | undefined {
    const t = this.replica.latest;
    const row = t ? t.indexOf(this.playerId) : -1;
    return t && row >= 0 ? playerFromSnapshot(t.values, row * t.fieldCount) : undefined;
  }

  /** Every field of this bot's row in the newest snapshot. */
  row(): number[] | undefined {
    return this.replica.entity(this.playerId);
  }

  /** One tick's input, sent at once: fight (aim, approach, fire at the nearest living player) or stand still. */
  act(fight: boolean): void {
    if (this.client.closed) return;
    this.drain();
    let buttons = 0;
    let aim = 0;
    const me = this.me();
    const t = this.replica.latest;
    if (fight && me && t && me.respawnTicks === 0) {
      let best: PlayerSnapshot | null = null;
      let bestD = Infinity;
      for (let r = 0; r < t.count; r++) {
        if (t.ids[r] === this.playerId || t.kinds[r] !== ArenaKind.Player) continue;
        const p = playerFromSnapshot(t.values, r * t.fieldCount);
        if (p.respawnTicks > 0) continue;
        const d = Math.hypot(p.x - me.x, p.y - me.y);
        if (d < bestD) [best, bestD] = [p, d];
      }
      if (best) {
        const dx = best.x - me.x;
        const dy = best.y - me.y;
        aim = aimFromVector(dx, dy);
        buttons = Button.Fire;
        if (bestD > 120) {
          if (dx > 20) buttons |= Button.Right;
          if (dx < -20) buttons |= Button.Left;
          if (dy > 20) buttons |= Button.Down;
          if (dy < -20) buttons |= Button.Up;
        }
      }
    }
    this.client.sendInput([buttons, aim]);
  }

  /**
   * Reconnect and resume after the server went away: backoff 100 ms × 2^n
   * (cap 2 s) with jitter from `jitter` (0..1), until `deadlineMs` (performance.now()).
   */
  async resume(baseUrl: string, jitter: () => number, deadlineMs: number): Promise<void> {
    for (let attempt = 0; performance.now() < deadlineMs; attempt++) {
      await sleep(Math.min(2000, 100 * 2 ** attempt) * (0.5 + jitter() / 2));
      this.resumeAttempts++;
      let client: TestClient;
      try {
        client = await TestClient.connect(baseUrl);
      } catch (err) {
        // Not back yet: refused, reset while the old listen socket closed, or 503 while draining.
        this.lastConnectError = (err as NodeJS.ErrnoException).code ?? (err as Error).message.slice(0, 60);
        continue;
      }
      const w = await client.join(this.name, { resume: this.token });
      if (!w.body.resumed || w.body.playerId !== this.playerId || w.body.roomId !== this.roomId) {
        this.resumeFailure = `welcome resumed=${w.body.resumed} player ${w.body.playerId} room ${w.body.roomId}`;
        client.close();
        return;
      }
      this.client = client;
      this.replica = new SnapshotReplica(client.codec!.layout);
      this.resumedAtMs = performance.now();
      this.watchClose();
      return;
    }
    this.resumeFailure = `deadline passed (last error: ${this.lastConnectError})`;
  }

  private watchClose(): void {
    const c = this.client;
    c.ws.once('close', (code: number) => this.closes.push(code));
  }
}
