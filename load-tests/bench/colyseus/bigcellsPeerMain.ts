/**
 * `npm run bench:bigpeer [-- --counts 100,250,500,1000] [--seconds 5] [--json]`
 *
 * The big world on tickwire and on Colyseus 0.18 with StateView filtering,
 * side by side (bigcellsPeerBench.ts): CPU per player, downlink per client and
 * their ratios, both Node versions, the load average and the other processes'
 * CPU during each side. Figures: docs/PERFORMANCE.md, "Big worlds".
 */
import { loadavg } from 'node:os';
import { fmt } from '../../report/boxTable';
import { bigPeerReport, runBigPeerBench } from './bigcellsPeerBench';

const log = (s: string) => process.stderr.write(`${s}\n`);

export class BigPeerCliError extends Error {
  readonly code = 'BIGPEER_ARGS';
}

function parse(argv: readonly string[]): { counts: number[]; seconds: number; json: boolean } {
  const o = { counts: [100, 250, 500, 1000], seconds: 5, json: false };
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') o.json = true;
    else if (flag === '--counts') o.counts = (argv[++i] ?? '').split(',').map(Number);
    else if (flag === '--seconds') o.seconds = Number(argv[++i]);
    else problems.push(`unknown flag ${flag}`);
  }
  if (o.counts.length === 0 || o.counts.some((n) => !Number.isInteger(n) || n < 1 || n > 2000)) problems.push('--counts: integers 1..2000, comma-separated');
  if (!Number.isInteger(o.seconds) || o.seconds < 1 || o.seconds > 600) problems.push('--seconds: an integer 1..600');
  if (problems.length > 0) throw new BigPeerCliError(`bench:bigpeer: ${problems.join('; ')}`);
  return o;
}

async function main(): Promise<number> {
  const o = parse(process.argv.slice(2));
  const started = performance.now();
  log(`bench:bigpeer: players ${o.counts.join(', ')}, ${o.seconds} s each side; load average before ${fmt(loadavg()[0])}`);
  const rows = await runBigPeerBench(o.counts, o.seconds, (s) =>
    log(`  ${s.server} ${s.players}: ${fmt(s.cpuMsPerSecPerPlayer)} ms/s per player, ${fmt(s.downBytesPerClientPerSec)} B/s per client (load ${fmt(s.loadAfter)})`),
  );
  const text = `${bigPeerReport(rows)}\nbench:bigpeer finished in ${fmt((performance.now() - started) / 1000)} s; load average after ${fmt(loadavg()[0])}`;
  process.stdout.write(o.json ? `${JSON.stringify(rows, null, 2)}\n` : `${text}\n`);
  return rows.some((r) => r.errors.length > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(2);
  },
);
