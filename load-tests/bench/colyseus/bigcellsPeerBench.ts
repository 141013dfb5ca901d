/**
 * The big world on both servers, side by side in one run (issue 12: "the same
 * world and bots on the leading peer with its per-client filtering, CPU per
 * player side by side; goal ≥ 3× cheaper"). For each player count, one after
 * the other on the same core: the Colyseus 0.18 StateView room under Node 22
 * (bigcellsInProcess.ts) and tickwire's bigcells room under the bench's Node
 * (`npm run bench:bigworld`'s step), each in a process of its own. Both are
 * in process with the same bots on the same world (seed 12345, bots seed 99),
 * 60 Hz steps, 30 patches/snapshots per second, socketless counting clients:
 * a 2-core machine cannot drive 1,000 socket bots (the arena peer's generator
 * saturates near 250–500 Colyseus bots), and this way neither side pays for
 * sockets or input decoding, and no generator shares the core.
 *
 * tickwire runs twice: on the Node 22 binary Colyseus runs on (the same V8:
 * the ratio is the frameworks' alone) and on its own Node 20.
 */
import { SERVER_CPU } from '../../target/cpuPinning';
import { boxTable, fmt } from '../../report/boxTable';
import type { BigPeerSideResult } from './bigcellsSideResult';
import { runSide } from './bigcellsSpawn';

/** A side that does not finish in this long is killed and reported as failed. */
const SIDE_TIMEOUT_MS = 600_000;

export interface BigPeerRow {
  players: number;
  colyseus: BigPeerSideResult | null;
  /** tickwire on the same Node 22 binary as Colyseus. */
  tickwireNode22: BigPeerSideResult | null;
  /** tickwire on its own Node (20). */
  tickwire: BigPeerSideResult | null;
  errors: string[];
}

const SIDES = [
  { key: 'colyseus', side: 'colyseus', onNode22: true },
  { key: 'tickwireNode22', side: 'tickwire', onNode22: true },
  { key: 'tickwire', side: 'tickwire', onNode22: false },
] as const;

export async function runBigPeerBench(counts: readonly number[], seconds: number, onSide: (r: BigPeerSideResult) => void): Promise<BigPeerRow[]> {
  const rows: BigPeerRow[] = [];
  for (const players of counts) {
    const row: BigPeerRow = { players, colyseus: null, tickwireNode22: null, tickwire: null, errors: [] };
    for (const s of SIDES) {
      try {
        const r = await runSide(s.side, players, seconds, SERVER_CPU, SIDE_TIMEOUT_MS, s.onNode22);
        row[s.key] = r;
        onSide(r);
      } catch (err) {
        row.errors.push(err instanceof Error ? err.message : String(err));
      }
    }
    rows.push(row);
  }
  return rows;
}

const MIRROR = 'mirror (world → state maps)';
const AREA = "area (entities in each client's area)";

function sideRow(s: BigPeerSideResult): string[] {
  return [
    `${s.server === 'colyseus' ? 'Colyseus 0.18 StateView' : 'tickwire'} (Node ${s.node.split('.')[0].slice(1)})`,
    fmt(s.players),
    fmt(s.worldSizeU),
    fmt(s.cpuMsPerSecPerPlayer),
    fmt(s.downBytesPerClientPerSec),
    fmt(s.downBytesPerClientPerSec - s.standingsBytesPerClientPerSec),
    fmt(s.entitiesPerView),
    s.otherCores === null ? 'n/a' : fmt(s.otherCores),
    `${fmt(s.loadBefore)} → ${fmt(s.loadAfter)}`,
  ];
}

export function bigPeerReport(rows: readonly BigPeerRow[]): string {
  const all = rows.flatMap((r) => [r.colyseus, r.tickwireNode22, r.tickwire]).filter((s): s is BigPeerSideResult => s !== null);
  const cy = rows.find((r) => r.colyseus)?.colyseus;
  const tw = rows.find((r) => r.tickwire)?.tickwire;
  const out = [
    `big world peer: Colyseus side on Node ${cy?.node ?? 'n/a'} (${cy?.versions ?? 'n/a'}); tickwire side on the same Node ${cy?.node ?? 'n/a'} and on its own Node ${tw?.node ?? 'n/a'}; ` +
      'all in process, same world and bots, one process per side and count, pinned to the same core',
    boxTable(
      ['big world', 'players', 'world u', 'CPU ms/s/player', 'down B/s/client', 'of which state (no standings)', 'entities/view', 'others (cores)', 'load avg'],
      all.map(sideRow),
    ),
  ];
  for (const r of rows) {
    const c = r.colyseus;
    for (const [t, label] of [
      [r.tickwireNode22, 'both on Node 22'],
      [r.tickwire, 'tickwire on its Node 20'],
    ] as const) {
      if (!c || !t) continue;
      const withoutMirror = c.cpuMsPerSecPerPlayer - (c.split[MIRROR] ?? 0);
      const withoutArea = withoutMirror - (c.split[AREA] ?? 0);
      out.push(
        `big world ratios Colyseus/tickwire at ${fmt(r.players)} players (${label}): CPU per player ${fmt(c.cpuMsPerSecPerPlayer / t.cpuMsPerSecPerPlayer)}× ` +
          `(target ≥ 3; ${fmt(withoutMirror / t.cpuMsPerSecPerPlayer)}× without the mirror into Colyseus state, ` +
          `${fmt(withoutArea / t.cpuMsPerSecPerPlayer)}× without the mirror and the area search either), ` +
          `down bytes per client ${fmt(c.downBytesPerClientPerSec / (t.downBytesPerClientPerSec - t.standingsBytesPerClientPerSec))}× (state only; ` +
          `${fmt(c.downBytesPerClientPerSec / t.downBytesPerClientPerSec)}× with tickwire's standings streams)`,
      );
    }
    for (const s of [r.colyseus, r.tickwireNode22, r.tickwire]) {
      if (s) out.push(`  ${s.server} (${s.node}) ${fmt(r.players)}: CPU ms/s per player by part: ${Object.entries(s.split).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
    }
    if (c?.sameWorld !== undefined) out.push(`  same world: the Colyseus room's world after ${fmt(r.players)} players' run ${c.sameWorld ? 'equals' : 'DIFFERS FROM'} the bigworld bench's loop replayed without a server`);
    for (const e of r.errors) out.push(`  ${fmt(r.players)} players FAILED: ${e.split('\n')[0]}`);
  }
  return out.join('\n');
}
