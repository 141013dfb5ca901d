/**
 * `npm run bench:workers -- [--per-worker 150,300,600] [--window-ms 5000] [--workers 1,2]`
 *
 * `--workers 2` vs one process on this machine, side by side (workersBench.ts): CPU per player summed
 * over the workers vs one process at the same per-worker load (cluster overhead, goal within 10 %),
 * players held within the 60 Hz tick budget, the generator's CPU, and a projection by CPU per player.
 * Unpinned: `--workers 2` needs both cores, and the generator shares them (reported). Bounded: each
 * step stops its server and bots; a configuration stops stepping at its first step that does not hold.
 */
import { loadavg } from 'node:os';
import { boxTable, fmt } from '../report/boxTable';
import { machineInfo } from '../bench/machineInfo';
import { raiseOwnPriority } from '../target/cpuPinning';
import { runWorkersBench, type WorkersStep } from './workersBench';

function parseArgs(argv: readonly string[]): { perWorker: number[]; windowMs: number; configs: number[] } {
  const o = { perWorker: [150, 300, 600], windowMs: 5000, configs: [1, 2] };
  const list = (v: string | undefined, flag: string, min: number, max: number) => {
    const xs = (v ?? '').split(',').map(Number);
    if (xs.length === 0 || xs.some((x) => !Number.isInteger(x) || x < min || x > max)) throw new Error(`${flag}: comma-separated integers ${min}..${max}`);
    return xs;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--') continue;
    const value = argv[++i];
    if (flag === '--per-worker') o.perWorker = list(value, flag, 10, 3000);
    else if (flag === '--window-ms') o.windowMs = list(value, flag, 1000, 60_000)[0];
    else if (flag === '--workers') o.configs = list(value, flag, 1, 8);
    else throw new Error(`unknown flag ${flag}`);
  }
  return o;
}

const log = (s: string) => process.stderr.write(`${s}\n`);
const pct = (cores: number | null) => (cores === null ? 'n/a' : `${fmt(cores * 100)} %`);

function row(s: WorkersStep): string[] {
  return [`--workers ${s.workers}`, `${fmt(s.players)} (${fmt(s.perWorker)}/worker)`, fmt(s.welcomed), fmt(s.tickP99Ms), fmt(s.snapshotsPerClientPerSec), pct(s.serverCores), fmt(s.cpuMsPerSecPerPlayer), fmt(s.cpuUsPerSnapshot), pct(s.generatorCores), pct(s.otherCores), s.why];
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const m = machineInfo();
  const priority = raiseOwnPriority();
  const head = [
    `workers bench: ${m.cpu}, ${m.cores} cores, Node ${m.node}; unpinned; servers and generator at ${priority}; arena 60 Hz, rooms of 10, light bots; window ${o.windowMs} ms`,
    `load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  ];
  log(head.join('\n'));
  const r = await runWorkersBench(o.configs, o.perWorker, o.windowMs, (s) =>
    log(`  --workers ${s.workers} × ${s.perWorker}: ${s.why} (p99 tick ${fmt(s.tickP99Ms)} ms, server ${pct(s.serverCores)}, ${fmt(s.cpuMsPerSecPerPlayer)} ms/s per player, generator ${pct(s.generatorCores)})`),
  );
  const out = [
    ...head,
    boxTable(['config', 'players', 'joined', 'tick p99 ms (worst worker)', 'snapshots/s/client', 'server CPU (all processes)', 'CPU ms/s per player', 'CPU µs per snapshot sent', 'generator CPU', 'others', 'verdict'], r.steps.map(row)),
    `cluster overhead, N workers ÷ one process at the same per-worker load (goal ≤ 1.10): ${
      r.overhead.map((x) => `${x.perWorker}/worker: CPU per player ${x.perPlayer === null ? 'n/a (a side was starved: fewer snapshots sent)' : `${fmt(x.perPlayer)}×`}, CPU per snapshot sent ${fmt(x.perSnapshot)}×`).join('; ') || 'n/a'
    }`,
    `players held within the tick budget: ${o.configs.map((w) => `--workers ${w}: ${fmt(r.held[w])}`).join(' vs ')} (generator on the same cores)`,
    `projection at 80 % CPU by CPU per player (largest step served fully): ${o.configs
      .map((w) => (r.projected[w] ? `--workers ${w}: ${fmt(r.projected[w].serverOnly)} (servers alone on ${Math.min(w, m.cores)} core(s)), ${fmt(r.projected[w].withGenerator)} (with this generator on the same ${m.cores} cores)` : `--workers ${w}: n/a`))
      .join('; ')}`,
    `load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(`bench:workers: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
