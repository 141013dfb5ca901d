/**
 * Writes one recording to `<dir>/<id>.twr.partial`, renamed to `<id>.twr`
 * when finished. Off the tick: blocks are queued, compressed (zlib's
 * deflate-raw runs on libuv's thread pool) and appended in order by a promise
 * chain. Bounded: more than `maxQueuedBytes` waiting (a slow or stuck disk)
 * fails the recording; reaching `maxFileBytes` marks it full (the recorder
 * then ends it, so a file exceeds the cap by at most one block and its
 * ending). Every failure is logged once and counted, never thrown.
 */
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateRaw } from 'node:zlib';
import type { Logger } from '../logger';
import { encodeEnding, encodePrologue, encodeSection } from './replayContainer';
import { SectionKind, type ReplayFooter, type ReplayHeader } from './replayFormat';
import type { ReplaySink } from './roomRecorder';

const deflate = promisify(deflateRaw);

export interface FileSinkOptions {
  dir: string;
  id: string;
  maxFileBytes: number;
  maxQueuedBytes: number;
  log: Logger;
  /** Counted when a recording is lost. */
  onFailure: (reason: string) => void;
}

export class ReplayFileSink implements ReplaySink {
  full = false;
  failed = false;
  /** Bytes in the file so far (what has been appended). */
  bytes = 0;
  private queuedBytes = 0;
  private chain: Promise<void> = Promise.resolve();
  private file: FileHandle | null = null;
  readonly partialPath: string;
  readonly finalPath: string;

  constructor(
    header: ReplayHeader,
    private readonly opts: FileSinkOptions,
  ) {
    this.partialPath = join(opts.dir, `${opts.id}.twr.partial`);
    this.finalPath = join(opts.dir, `${opts.id}.twr`);
    const prologue = encodePrologue(header);
    this.chain = this.run(async () => {
      this.file = await open(this.partialPath, 'wx');
      await this.append(prologue);
    });
  }

  writeBlock(raw: Uint8Array): void {
    if (this.failed) return;
    if (this.queuedBytes + raw.length > this.opts.maxQueuedBytes) return this.fail(`write backlog over ${this.opts.maxQueuedBytes} bytes`);
    this.queuedBytes += raw.length;
    this.chain = this.run(async () => {
      const packed = await deflate(raw);
      this.queuedBytes -= raw.length;
      await this.append(encodeSection(SectionKind.Block, raw.length, packed));
      if (this.bytes >= this.opts.maxFileBytes) this.full = true;
    });
  }

  /** Append the footer and publish the file; resolves with its size, or null if the recording was lost. */
  async finish(footer: ReplayFooter): Promise<number | null> {
    this.chain = this.run(async () => {
      await this.append(encodeEnding(footer, this.bytes));
      await this.file!.close();
      this.file = null;
      await rename(this.partialPath, this.finalPath);
    });
    await this.chain;
    if (!this.failed) return this.bytes;
    await this.discard();
    return null;
  }

  /** Drop the recording (no player ever joined, or it failed). */
  async discard(): Promise<void> {
    this.failed = true;
    await this.chain;
    await this.file?.close().catch((err: unknown) => this.opts.log.debug({ err }, 'replay: close after failure'));
    this.file = null;
    await unlink(this.partialPath).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') this.opts.log.warn({ err, file: this.partialPath }, 'replay: could not delete a discarded recording');
    });
  }

  private async append(bytes: Uint8Array): Promise<void> {
    let at = 0;
    while (at < bytes.length) {
      const { bytesWritten } = await this.file!.write(bytes, at, bytes.length - at);
      at += bytesWritten;
    }
    this.bytes += bytes.length;
  }

  /** Chain a step after the previous ones; a failed step fails the recording and skips the rest. */
  private run(step: () => Promise<void>): Promise<void> {
    return this.chain.then(async () => {
      if (this.failed) return;
      try {
        await step();
      } catch (err) {
        this.fail((err as NodeJS.ErrnoException).code ?? (err as Error).message, err);
      }
    });
  }

  private fail(reason: string, err?: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.opts.log.warn({ err, replay: this.opts.id, reason }, 'replay recording failed; it is dropped');
    this.opts.onFailure(reason);
  }
}
