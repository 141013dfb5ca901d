/**
 * Fetch a replay by id and read it in the browser: the container checks from
 * replayContainer.ts, each block inflated with DecompressionStream to exactly
 * its declared size (a bomb stops at the limit), the records listed.
 */
import type { AnyGame } from '../../../shared/engine/gameDefinition';
import { parseReplay } from '../../../server/replay/replayContainer';
import { ReplayFormatError, type ReplayFooter, type ReplayHeader } from '../../../server/replay/replayFormat';
import { readRecords, type ReplayRecord } from '../../../server/replay/replayRecords';
import { resolveReplayGame } from '../../../server/replay/replaySimulation';

export interface LoadedReplay {
  header: ReplayHeader;
  footer: ReplayFooter;
  game: AnyGame;
  records: ReplayRecord[];
}

async function inflate(stored: Uint8Array, rawBytes: number): Promise<Uint8Array | ReplayFormatError> {
  const stream = new Blob([stored as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const out = new Uint8Array(rawBytes);
  let at = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (at + value.length > rawBytes) {
        await reader.cancel();
        return new ReplayFormatError('corrupt', `a block inflates past its declared ${rawBytes} bytes`);
      }
      out.set(value, at);
      at += value.length;
    }
  } catch (err) {
    return new ReplayFormatError('corrupt', `a block does not inflate (${(err as Error).message})`);
  }
  return at === rawBytes ? out : new ReplayFormatError('corrupt', `a block inflates to ${at} bytes, declared ${rawBytes}`);
}

export async function loadReplay(id: string, games: readonly AnyGame[]): Promise<LoadedReplay | ReplayFormatError> {
  const res = await fetch(`/api/replays/${encodeURIComponent(id)}`);
  if (!res.ok) return new ReplayFormatError('truncated', res.status === 404 ? 'No such replay (it may have been deleted).' : `The server answered ${res.status}.`);
  const parsed = parseReplay(new Uint8Array(await res.arrayBuffer()));
  if (parsed instanceof ReplayFormatError) return parsed;
  const game = resolveReplayGame(parsed.header, games);
  if (game instanceof ReplayFormatError) return game;
  const records: ReplayRecord[] = [];
  for (const block of parsed.blocks) {
    const raw = await inflate(block.stored, block.rawBytes);
    if (raw instanceof ReplayFormatError) return raw;
    for (const r of readRecords(raw)) {
      if (r instanceof ReplayFormatError) return r;
      records.push(r);
    }
  }
  return { header: parsed.header, footer: parsed.footer, game, records };
}
