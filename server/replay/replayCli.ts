/**
 * `npm run replay -- verify FILE…`: re-simulate each replay and check every
 * keyframe's state hash. `npm run replay -- info FILE`: header and footer.
 *
 * Exit codes: 0 every file verified; 1 a keyframe did not match (the
 * simulation is not deterministic, or the file was altered); 2 a file could
 * not be read (missing, truncated, corrupt, another game version) or bad usage.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registeredGames } from '../../shared/game/registry';
import { verifyReplayFile, type VerifyReport } from './verifyReplay';

const USAGE = 'usage: npm run replay -- verify FILE [FILE…]\n       npm run replay -- info FILE\n';

function describe(path: string, r: VerifyReport): string[] {
  const lines: string[] = [];
  const h = r.header;
  if (h) lines.push(`${path}: ${h.game} v${h.gameVersion} room "${h.roomName}" (${h.roomId}) seed ${h.seed} at ${h.tickRate} Hz`);
  for (const m of r.mismatches) lines.push(`  MISMATCH at tick ${m.tick}: recorded state hash ${m.expected}, re-simulated ${m.actual}`);
  if (r.error) lines.push(`  ERROR (${r.error.code}): ${r.error.message}${r.keyframes.length > 0 ? ` (after ${r.keyframes.length} keyframes)` : ''}`);
  if (r.ok) lines.push(`  OK: ${r.keyframes.length} keyframes match over ${r.ticks} ticks (${(r.ticks / (h?.tickRate ?? 60)).toFixed(1)} s)`);
  else if (!r.error) lines.push(`  FAILED: ${r.mismatches.length} of ${r.keyframes.length} keyframes differ (first at tick ${r.mismatches[0].tick})`);
  return lines;
}

export async function runReplayCli(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const [verb, ...files] = argv;
  if ((verb !== 'verify' && verb !== 'info') || files.length === 0) {
    out(USAGE);
    return 2;
  }
  let code = 0;
  for (const path of files) {
    const r = await verifyReplayFile(path, registeredGames);
    if (verb === 'info') {
      out(JSON.stringify({ header: r.header, footer: r.footer, error: r.error?.message ?? null }, null, 2));
    } else {
      for (const line of describe(path, r)) out(line);
    }
    const fileCode = r.error ? 2 : r.mismatches.length > 0 ? 1 : 0;
    code = Math.max(code, fileCode);
  }
  return code;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  runReplayCli(process.argv.slice(2), (l) => process.stdout.write(`${l}\n`)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`replay: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
}
