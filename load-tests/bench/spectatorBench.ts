/**
 * What a spectator costs (issue 15), on one arena room of a real server run
 * as operators run it (a child process: its CPU read from /proc):
 *
 *   window A: 1 player            (the room's own cost)
 *   window B: P players           → CPU per player  = (B − A) / (P − 1)
 *   window C: P players + S spectators (acking every snapshot, as the SDK does)
 *                                 → CPU per spectator = (C − B) / S
 *
 * and the snapshot rate the players receive in B and C side by side (the
 * room's players must not notice its spectators). Players send one input
 * per tick (60/s), as the browser does; spectators only Ack and Ping.
 *
 *   npm run bench -- --parts spectators [--quick]
 *   tsx load-tests/bench/spectatorBench.ts [--players 20] [--spectators 100] [--seconds 10]
 */
import { ArenaButton } from '../../shared/game/arena';
import { Opcode } from '../../shared/protocol/constants';
import { spawnServerCli } from '../../tests/support/serverCli';
import { TestClient } from '../../tests/support/testClient';
import { processCpuMs } from '../target/procCpu';

export interface SpectatorWindow {
  label: string;
  players: number;
  spectators: number;
  seconds: number;
  /** Server CPU over the window, ms per second (= thousandths of a core). */
  serverCpuMsPerSec: number;
  /** Snapshots each player received per second (mean over players). */
  playerSnapshotsPerSec: number;
  /** Snapshots each spectator received per second (mean; NaN without spectators). */
  spectatorSnapshotsPerSec: number;
}

export interface SpectatorBenchResult {
  windows: SpectatorWindow[];
  /** Server CPU per player, ms per second (B − A) / (P − 1). */
  cpuPerPlayerMsPerSec: number;
  /** Server CPU per spectator, ms per second (C − B) / S. */
  cpuPerSpectatorMsPerSec: number;
  /** Players' snapshot rate with spectators ÷ without. */
  snapshotRateRatio: number;
}

const MOVES = [ArenaButton.Up, ArenaButton.Right, ArenaButton.Down, ArenaButton.Left];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runSpectatorBench(players: number, spectators: number, windowMs: number, onWindow?: (w: SpectatorWindow) => void): Promise<SpectatorBenchResult> {
  const server = spawnServerCli([
    '--port', '0', '--host', '127.0.0.1', '--games', 'arena', '--log-level', 'warn', '--replays=false',
    '--max-spectators', String(spectators), '--max-seats-per-address', '10000', '--max-connections-per-address', '10000',
    '--max-players-per-room', String(Math.max(players, 2)),
  ]);
  const url = await server.url;
  const pid = server.child.pid!;
  const clients: TestClient[] = [];
  const timers: ReturnType<typeof setInterval>[] = [];
  try {
    const res = await fetch(`${url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Watched', maxPlayers: players }) });
    const roomId = ((await res.json()) as { id: string }).id;
    const playerList: TestClient[] = [];
    const spectatorList: TestClient[] = [];
    const addPlayers = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const c = await TestClient.connect(url, { query: `room=${roomId}` });
        await c.join(`p${playerList.length + 1}`);
        clients.push(c);
        playerList.push(c);
        let tick = 0;
        const index = playerList.length;
        // One input per tick (16.7 ms), a new direction every second.
        timers.push(setInterval(() => c.ws.readyState === 1 && c.sendInput([MOVES[(Math.floor(tick++ / 60) + index) % 4], 0]), 1000 / 60));
      }
    };
    const addSpectators = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const c = await TestClient.connect(url);
        await c.watch({ room: roomId }, `s${i + 1}`);
        clients.push(c);
        spectatorList.push(c);
        // Ack each new snapshot (the SDK does, at once); ping once a second.
        let acked = -1;
        let pinged = 0;
        timers.push(setInterval(() => {
          if (c.ws.readyState !== 1) return;
          if (c.ackTick !== acked) c.sendAck(1, 0, 0);
          acked = c.ackTick;
          if (++pinged % 60 === 0) c.send({ op: Opcode.Ping, body: { t: performance.now() } });
        }, 1000 / 60));
      }
    };
    const measure = async (label: string): Promise<SpectatorWindow> => {
      await sleep(1500); // let joins settle and full snapshots go out
      const snaps = (list: TestClient[]) => list.map((c) => c.snapshots().length);
      const p0 = snaps(playerList);
      const s0 = snaps(spectatorList);
      const cpu0 = processCpuMs(pid);
      const t0 = performance.now();
      await sleep(windowMs);
      const cpu1 = processCpuMs(pid);
      const seconds = (performance.now() - t0) / 1000;
      const rate = (before: number[], list: TestClient[]) =>
        list.length === 0 ? Number.NaN : snaps(list).reduce((sum, n, i) => sum + (n - before[i]), 0) / list.length / seconds;
      const w: SpectatorWindow = {
        label,
        players: playerList.length,
        spectators: spectatorList.length,
        seconds,
        serverCpuMsPerSec: cpu0 === null || cpu1 === null ? Number.NaN : (cpu1 - cpu0) / seconds,
        playerSnapshotsPerSec: rate(p0, playerList),
        spectatorSnapshotsPerSec: rate(s0, spectatorList),
      };
      onWindow?.(w);
      return w;
    };
    await addPlayers(1);
    const a = await measure('A: 1 player');
    await addPlayers(players - 1);
    const b = await measure(`B: ${players} players`);
    await addSpectators(spectators);
    const c = await measure(`C: ${players} players + ${spectators} spectators`);
    for (const cl of clients) if (cl.closed) throw new Error(`a bench client was closed: ${cl.closed.code} ${cl.closed.reason}`);
    return {
      windows: [a, b, c],
      cpuPerPlayerMsPerSec: (b.serverCpuMsPerSec - a.serverCpuMsPerSec) / (players - 1),
      cpuPerSpectatorMsPerSec: (c.serverCpuMsPerSec - b.serverCpuMsPerSec) / spectators,
      snapshotRateRatio: c.playerSnapshotsPerSec / b.playerSnapshotsPerSec,
    };
  } finally {
    for (const t of timers) clearInterval(t);
    for (const cl of clients) cl.close();
    server.child.kill('SIGTERM');
    await server.exit;
  }
}

export function formatSpectatorBench(r: SpectatorBenchResult): string {
  const f = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
  const lines = r.windows.map(
    (w) => `  ${w.label.padEnd(34)} server CPU ${f(w.serverCpuMsPerSec, 1).padStart(6)} ms/s   players get ${f(w.playerSnapshotsPerSec, 2)} snapshots/s` +
      (w.spectators > 0 ? `, spectators ${f(w.spectatorSnapshotsPerSec, 2)}/s` : ''),
  );
  return [
    'spectators: one arena room, server CPU from /proc (child process), windows in order A, B, C',
    ...lines,
    `  CPU per player ${f(r.cpuPerPlayerMsPerSec, 3)} ms/s, per spectator ${f(r.cpuPerSpectatorMsPerSec, 3)} ms/s ` +
      `(spectator/player ${f(r.cpuPerSpectatorMsPerSec / r.cpuPerPlayerMsPerSec)}×)`,
    `  players' snapshot rate with/without spectators: ${f(r.snapshotRateRatio, 3)}`,
  ].join('\n');
}

if (process.argv[1]?.endsWith('spectatorBench.ts')) {
  const arg = (name: string, dflt: number) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? Number(process.argv[at + 1]) : dflt;
  };
  runSpectatorBench(arg('--players', 20), arg('--spectators', 100), arg('--seconds', 10) * 1000, (w) => process.stderr.write(`${w.label} done\n`)).then(
    (r) => process.stdout.write(`${formatSpectatorBench(r)}\n`),
    (err: unknown) => {
      process.stderr.write(`spectator bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
