/**
 * The directory of finished replays: an in-memory index (loaded at start from
 * each file's header and footer, updated as recordings finish), retention
 * (at most `maxFiles` files and `maxTotalBytes` bytes: the oldest go first),
 * and reads for the HTTP API. Ids are checked against REPLAY_ID_PATTERN
 * before they become a path.
 */
import { mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger';
import { parseEnding, parsePrologue } from './replayContainer';
import { MAX_META_BYTES, PROLOGUE_BYTES, ReplayFormatError, TRAILER_BYTES, type ReplayFooter, type ReplayHeader } from './replayFormat';
import { REPLAY_ID_PATTERN, type ReplaySummary } from './replaySummary';

export interface ReplayStoreLimits {
  maxFiles: number;
  maxTotalBytes: number;
}

export function summarize(id: string, header: ReplayHeader, footer: ReplayFooter, bytes: number): ReplaySummary {
  return {
    id,
    game: header.game,
    roomName: header.roomName,
    startedAtMs: header.startedAtMs,
    endedAtMs: footer.endedAtMs,
    durationSec: Math.round((footer.lastActiveTick / header.tickRate) * 10) / 10,
    endReason: footer.endReason,
    bytes,
    players: footer.players,
  };
}

export class ReplayStore {
  /** Newest first. */
  private summaries: ReplaySummary[] = [];
  private totalBytes = 0;

  constructor(
    readonly dir: string,
    private readonly limits: ReplayStoreLimits,
    private readonly log: Logger,
  ) {}

  /** Create the directory, index the replays in it, apply retention. */
  async load(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const found: ReplaySummary[] = [];
    for (const name of await readdir(this.dir)) {
      const id = name.endsWith('.twr') ? name.slice(0, -4) : '';
      if (!REPLAY_ID_PATTERN.test(id)) continue;
      const summary = await this.readSummary(id).catch((err: NodeJS.ErrnoException) => err);
      if (summary instanceof ReplayFormatError) this.log.warn({ file: name, reason: summary.message }, 'replay: skipping an unreadable file');
      else if (summary instanceof Error) this.skipUnopenable(name, summary);
      else found.push(summary);
    }
    this.summaries = found.sort((a, b) => b.startedAtMs - a.startedAtMs);
    this.totalBytes = found.reduce((n, s) => n + s.bytes, 0);
    await this.prune();
  }

  /**
   * A file listed but gone when opened (another process sharing the directory
   * pruned it) or not readable: skipped, so one file never stops a start.
   */
  private skipUnopenable(name: string, err: NodeJS.ErrnoException): void {
    if (err.code === 'ENOENT') this.log.debug({ file: name }, 'replay: a listed file vanished before it was read');
    else this.log.warn({ file: name, err }, 'replay: skipping a file that could not be read');
  }

  get count(): number {
    return this.summaries.length;
  }

  list(limit: number): ReplaySummary[] {
    return this.summaries.slice(0, limit);
  }

  has(id: string): boolean {
    return REPLAY_ID_PATTERN.test(id) && this.summaries.some((s) => s.id === id);
  }

  async add(summary: ReplaySummary): Promise<void> {
    this.summaries.unshift(summary);
    this.summaries.sort((a, b) => b.startedAtMs - a.startedAtMs);
    this.totalBytes += summary.bytes;
    await this.prune();
  }

  /** The file's bytes, or null when there is no such replay (or it vanished). */
  async read(id: string): Promise<Uint8Array | null> {
    if (!this.has(id)) return null;
    try {
      return await readFile(join(this.dir, `${id}.twr`));
    } catch (err) {
      this.log.warn({ err, replay: id }, 'replay: indexed file could not be read');
      return null;
    }
  }

  private async prune(): Promise<void> {
    while (this.summaries.length > this.limits.maxFiles || (this.totalBytes > this.limits.maxTotalBytes && this.summaries.length > 0)) {
      const oldest = this.summaries.pop()!;
      this.totalBytes -= oldest.bytes;
      await unlink(join(this.dir, `${oldest.id}.twr`)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') this.log.warn({ err, replay: oldest.id }, 'replay: retention could not delete a file');
      });
      this.log.info({ replay: oldest.id }, 'replay deleted by retention');
    }
  }

  /** Header from the first bytes, footer from the last: the blocks are not read. */
  private async readSummary(id: string): Promise<ReplaySummary | ReplayFormatError> {
    const path = join(this.dir, `${id}.twr`);
    const fh = await open(path, 'r');
    try {
      const size = (await stat(path)).size;
      const headLen = Math.min(size, PROLOGUE_BYTES + MAX_META_BYTES);
      const head = new Uint8Array(headLen);
      await fh.read(head, 0, headLen, 0);
      const prologue = parsePrologue(head);
      if (prologue instanceof ReplayFormatError) return prologue;
      const tailLen = Math.min(size - prologue.end, MAX_META_BYTES + 64 + TRAILER_BYTES);
      const tail = new Uint8Array(tailLen);
      await fh.read(tail, 0, tailLen, size - tailLen);
      // parseEnding reads offsets relative to the file: rebuild them for the tail.
      const footer = parseTail(tail, size, prologue.end);
      if (footer instanceof ReplayFormatError) return footer;
      return summarize(id, prologue.header, footer, size);
    } finally {
      await fh.close();
    }
  }
}

/** The footer from a file's last `tail.length` bytes (`size` in all, its sections starting at `after`). */
function parseTail(tail: Uint8Array, size: number, after: number): ReplayFooter | ReplayFormatError {
  const shift = size - tail.length;
  const dv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  if (tail.length < TRAILER_BYTES) return new ReplayFormatError('truncated', 'no trailer');
  const offset = dv.getUint32(tail.length - TRAILER_BYTES, true);
  if (offset < shift) return new ReplayFormatError('corrupt', 'footer beyond the tail read');
  const rebased = tail.slice();
  new DataView(rebased.buffer).setUint32(rebased.length - TRAILER_BYTES, offset - shift, true);
  return parseEnding(rebased, Math.max(0, after - shift));
}
