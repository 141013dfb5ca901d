/**
 * Start the Colyseus 0.18 bench server (colyseusMain.ts) under the Node 22
 * binary, pinned and prioritized like every bench server
 * (target/spawnProcess.ts, which tickwire's spawner uses too).
 */
import { spawnListening, type SpawnedServer } from '../../target/spawnProcess';
import { node22Binary } from './node22Binary';

const LISTENING = /colyseus listening on (ws:\/\/\S+) stats (http:\/\/\S+) node (\S+) core (\S+)/;

export interface SpawnedColyseus extends SpawnedServer {
  /** "ws://HOST:PORT". */
  wsUrl: string;
  statsUrl: string;
  nodeVersion: string;
  coreVersion: string;
}

export async function spawnColyseus(roomSize: number, cpu: number): Promise<SpawnedColyseus> {
  const node = node22Binary();
  const args = ['--import', 'tsx', 'load-tests/bench/colyseus/colyseusMain.ts', '--room-size', String(roomSize)];
  const { listening: m, ...server } = await spawnListening(node.path, args, LISTENING, { cpu, raisePriority: true, label: `colyseusMain.ts (${node.version})` });
  return { ...server, url: `${m[1]} stats ${m[2]}`, wsUrl: m[1], statsUrl: m[2], nodeVersion: m[3], coreVersion: m[4] };
}
