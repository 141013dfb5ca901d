/**
 * `npm run bench:bigworld [-- --seconds S] [--budget BYTES_PER_S] [--counts 100,250,500,1000] [--spread on|off|both] [--json]`
 * Prints the constant-density table and the ratios the issue asks for.
 */
import { boxTable, fmt } from '../report/boxTable';
import { runBigWorldStep, type BigWorldStep } from './bigWorldBench';

const log = (s: string) => process.stderr.write(`${s}\n`);

function parse(argv: string[]): { seconds: number; budget: number; counts: number[]; json: boolean; spread: boolean[] } {
  const o = { seconds: 5, budget: 0, counts: [100, 250, 500, 1000], json: false, spread: [true] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') {
      o.json = true;
      continue;
    }
    const v = argv[++i] ?? '';
    if (flag === '--seconds') o.seconds = Number(v);
    else if (flag === '--budget') o.budget = Number(v);
    else if (flag === '--counts') o.counts = v.split(',').map(Number);
    else if (flag === '--spread' && (v === 'on' || v === 'off' || v === 'both')) o.spread = v === 'both' ? [false, true] : [v === 'on'];
    else throw new Error(`bench:bigworld: unknown argument ${flag}`);
  }
  const bad = !(o.seconds > 0) || !(o.budget >= 0) || o.counts.some((n) => !Number.isInteger(n) || n < 1 || n > 2047);
  if (bad) throw new Error('bench:bigworld: --seconds > 0, --budget ≥ 0, --counts integers 1..2047');
  return o;
}

export function bigWorldTable(steps: BigWorldStep[]): string {
  const base = steps[0];
  const rows = steps.map((s) => [
    fmt(s.players),
    fmt(s.worldSizeU),
    fmt(s.cpuMsPerSecPerPlayer),
    fmt(s.cpuMsPerSecPerPlayer / base.cpuMsPerSecPerPlayer),
    fmt(s.tickCpuP50Ms),
    fmt(s.tickCpuP99Ms),
    fmt(s.tickP99Ms),
    fmt(s.joinBurstTickCpuMs),
    fmt(s.downBytesPerClientPerSec),
    fmt(s.downBytesPerClientPerSec / base.downBytesPerClientPerSec),
    fmt(s.standingsBytesPerClientPerSec),
    fmt(s.eventsBytesPerClientPerSec),
    fmt(s.snapshotsPerViewerPerSec),
    fmt(s.entitiesPerView),
    fmt(s.encodesPerSnapshot),
    fmt(s.stalestOnScreenMs),
    fmt(s.broadcastUsPerViewer),
    fmt(s.simMsPerTick),
    fmt(s.worldMsPerTick),
  ]);
  const budget = base.budgetBytesPerSec > 0 ? `${fmt(base.budgetBytesPerSec)} B/s budget` : 'no budget';
  const spread = base.spread ? 'viewers spread over the interval' : 'all viewers on the snapshot tick';
  return boxTable(
    [`bigcells, ${budget}, ${spread}: players`, 'world u', 'CPU ms/s/player', '× at 100', 'tick CPU p50 ms', 'tick CPU p99 ms', 'tick wall p99 ms', 'join-burst tick CPU ms', 'down B/s/client', '× at 100', 'of which standings B/s', 'of which events B/s', 'snapshots/s/viewer', 'entities/view', 'encodes/snapshot', 'stalest on-screen ms', 'broadcast CPU µs/viewer', 'sim+bots CPU ms/tick', 'world capture+index wall ms/tick'],
    rows,
  );
}

function main(): number {
  const o = parse(process.argv.slice(2));
  const all: BigWorldStep[] = [];
  for (const spread of o.spread) {
    const steps: BigWorldStep[] = [];
    for (const n of o.counts) {
      log(`bigworld: ${n} players, ${o.seconds} s, ${spread ? 'spread' : 'one snapshot tick'}…`);
      steps.push(runBigWorldStep(n, o.seconds, o.budget, spread));
    }
    all.push(...steps);
    if (!o.json) process.stdout.write(`${bigWorldTable(steps)}\n`);
  }
  if (o.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
  return 0;
}

process.exitCode = main();
