/**
 * Verify a replay file under Node: parse it, inflate each block to exactly
 * its declared size, re-simulate, and compare every keyframe's state hash.
 * Returns a report; never throws on a bad file.
 */
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import type { AnyGame } from '../../shared/engine/gameDefinition';
import { parseReplay, type StoredBlock } from './replayContainer';
import { ReplayFormatError, type ReplayFooter, type ReplayHeader } from './replayFormat';
import { readRecords } from './replayRecords';
import { resolveReplayGame, ReplaySimulation, type KeyframeCheck } from './replaySimulation';

export interface VerifyReport {
  /** True when the file was read whole and every keyframe matched. */
  ok: boolean;
  header: ReplayHeader | null;
  footer: ReplayFooter | null;
  keyframes: KeyframeCheck[];
  mismatches: KeyframeCheck[];
  /** Why the file could not be read to its end (null if it was). */
  error: ReplayFormatError | null;
  ticks: number;
}

/** A block inflated to exactly its declared size (a bomb or a short block is an error). */
export function inflateBlock(block: StoredBlock, index: number): Uint8Array | ReplayFormatError {
  let raw: Uint8Array;
  try {
    raw = inflateRawSync(block.stored, { maxOutputLength: block.rawBytes });
  } catch (err) {
    return new ReplayFormatError('corrupt', `block ${index}: does not inflate to its declared ${block.rawBytes} bytes (${(err as Error).message})`);
  }
  if (raw.length !== block.rawBytes) return new ReplayFormatError('corrupt', `block ${index}: inflates to ${raw.length} bytes, declared ${block.rawBytes}`);
  return raw;
}

export function verifyReplayBytes(bytes: Uint8Array, games: readonly AnyGame[]): VerifyReport {
  const report: VerifyReport = { ok: false, header: null, footer: null, keyframes: [], mismatches: [], error: null, ticks: 0 };
  const parsed = parseReplay(bytes);
  if (parsed instanceof ReplayFormatError) return { ...report, error: parsed };
  report.header = parsed.header;
  report.footer = parsed.footer;
  const game = resolveReplayGame(parsed.header, games);
  if (game instanceof ReplayFormatError) return { ...report, error: game };
  const sim = new ReplaySimulation(game, parsed.header, parsed.footer);
  for (let i = 0; i < parsed.blocks.length && !report.error; i++) {
    const raw = inflateBlock(parsed.blocks[i], i);
    if (raw instanceof ReplayFormatError) report.error = raw;
    else report.error = applyBlock(sim, raw, report);
  }
  report.ticks = sim.tick;
  if (!report.error && sim.tick !== parsed.footer.endTick) {
    report.error = new ReplayFormatError('corrupt', `the records end at tick ${sim.tick}; the footer says ${parsed.footer.endTick}`);
  }
  if (!report.error && report.keyframes.length !== parsed.footer.keyframes) {
    report.error = new ReplayFormatError('corrupt', `${report.keyframes.length} keyframes found; the footer says ${parsed.footer.keyframes}`);
  }
  report.ok = !report.error && report.mismatches.length === 0;
  return report;
}

function applyBlock(sim: ReplaySimulation, raw: Uint8Array, report: VerifyReport): ReplayFormatError | null {
  for (const r of readRecords(raw)) {
    if (r instanceof ReplayFormatError) return r;
    let result;
    try {
      result = sim.apply(r);
    } catch (err) {
      // A record that passed the schema can still be impossible for the game (e.g. a save it rejects).
      return new ReplayFormatError('corrupt', `at tick ${sim.tick}: the game refused a recorded command (${(err as Error).message})`);
    }
    if (result instanceof ReplayFormatError) return result;
    if (result === null) continue;
    report.keyframes.push(result);
    if (!result.ok) report.mismatches.push(result);
  }
  return null;
}

export async function verifyReplayFile(path: string, games: readonly AnyGame[]): Promise<VerifyReport> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const e = new ReplayFormatError('truncated', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return { ok: false, header: null, footer: null, keyframes: [], mismatches: [], error: e, ticks: 0 };
  }
  return verifyReplayBytes(bytes, games);
}
