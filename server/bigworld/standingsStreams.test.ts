import { describe, expect, it } from 'vitest';
import type { StandingsDefinition } from '../../shared/engine/gameDefinition';
import { Opcode } from '../../shared/protocol/constants';
import { DecodeError } from '../../shared/protocol/decodeError';
import { decodeServerFrame, type ServerMessage } from '../../shared/protocol/frameCodec';
import { SendStatus, type ClientLink } from '../rooms/clientLink';
import { ServerStats } from '../serverStats';
import { StandingsStreams, type StandingsRecipient } from './standingsStreams';

interface Player {
  id: number;
  value: number;
  x: number;
  y: number;
}

const def: StandingsDefinition<Player[]> = {
  eachPlayer: (players, out) => players.forEach((p) => out(p.id, p.value, p.x, p.y)),
  worldSize: () => ({ width: 1000, height: 1000 }),
};

class FakeLink implements ClientLink {
  readonly frames: Uint8Array[] = [];
  isOpen = true;
  buffered = 0;
  send(bytes: Uint8Array): SendStatus {
    this.frames.push(bytes);
    return SendStatus.Success;
  }
  sendBatch(first: Uint8Array): SendStatus {
    return this.send(first);
  }
  bufferedAmount(): number {
    return this.buffered;
  }
  close(): void {
    this.isOpen = false;
  }
}

function member(playerId: number): StandingsRecipient & { link: FakeLink } {
  return { link: new FakeLink(), viewer: { playerId, focus: playerId, x: 0, y: 0 } };
}

function decoded(link: FakeLink): ServerMessage[] {
  return link.frames.map((f) => {
    const m = decodeServerFrame(f, null);
    if (m instanceof DecodeError) throw new Error(m.reason);
    return m;
  });
}

const players = (n: number): Player[] => Array.from({ length: n }, (_, i) => ({ id: i + 1, value: (i * 37) % 101, x: (i * 97) % 1000, y: (i * 53) % 1000 }));

describe('standings streams', () => {
  it('one Leaderboard and one Minimap for the room (the same bytes for every member), each member its own Rank', () => {
    const stats = new ServerStats();
    const streams = new StandingsStreams(def as StandingsDefinition<unknown>, stats);
    const world = players(40);
    const members = [member(1), member(2), member(40)];
    streams.send(world, members, 60, 1000);
    const [a, b] = [members[0].link.frames, members[1].link.frames];
    expect(a.length).toBe(3);
    expect(a[0]).toBe(b[0]); // the Minimap: one encode, shared
    expect(a[1]).toBe(b[1]); // the Leaderboard
    const msgs = decoded(members[0].link);
    expect(msgs.map((m) => m.op)).toEqual([Opcode.Minimap, Opcode.Leaderboard, Opcode.Rank]);
    const board = msgs[1].body as { n: number; top: [number, number][] };
    const ranked = [...world].sort((p, q) => q.value - p.value || p.id - q.id);
    expect(board.n).toBe(40);
    expect(board.top).toEqual(ranked.slice(0, 10).map((p) => [p.id, p.value]));
    for (const m of members) {
      const rank = decoded(m.link)[2].body as { r: number; s: number };
      const at = ranked.findIndex((p) => p.id === m.viewer.playerId);
      expect(rank).toEqual({ r: at + 1, s: ranked[at].value });
    }
    const map = msgs[0].body as { s: number; d: number[]; p: number[][] };
    expect(map.d.length).toBe(map.s * map.s);
    expect(map.d.reduce((x, y) => x + y, 0)).toBe(40);
    expect(map.p.map((e) => e[0])).toEqual(ranked.slice(0, 10).map((p) => p.id));
    expect(stats.standingsBytesOut).toBe(members.reduce((s, m) => s + m.link.frames.reduce((t, f) => t + f.length, 0), 0));
  });

  it('sends once per period, skips a backed-up member, ranks a spectator 0', () => {
    const streams = new StandingsStreams(def as StandingsDefinition<unknown>, new ServerStats(), { leaderboardMs: 1000, minimapMs: 500, skipBytes: 100 });
    const slow = member(3);
    slow.link.buffered = 1000;
    const spectator = member(0);
    const world = players(5);
    for (let t = 0; t <= 1000; t += 100) streams.send(world, [slow, spectator], t, t);
    expect(slow.link.frames).toEqual([]);
    const ops = decoded(spectator.link).map((m) => m.op);
    expect(ops.filter((op) => op === Opcode.Leaderboard).length).toBe(2); // t = 0, 1000
    expect(ops.filter((op) => op === Opcode.Minimap).length).toBe(3); // t = 0, 500, 1000
    expect(decoded(spectator.link).find((m) => m.op === Opcode.Rank)!.body).toEqual({ r: 0, s: 0 });
  });

  it('a thousand players: the streams cost each client well under 1 kB/s', () => {
    const streams = new StandingsStreams(def as StandingsDefinition<unknown>, new ServerStats());
    const m = member(500);
    const world = players(1000);
    for (let t = 0; t < 10_000; t += 33) streams.send(world, [m], t, t);
    const bytesPerSec = m.link.frames.reduce((s, f) => s + f.length, 0) / 10;
    expect(bytesPerSec).toBeLessThan(1000);
  });
});
