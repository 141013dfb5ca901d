/** A one-line live status on stderr, rewritten in place (TTY or --progress only). */
import type { RunCollector } from '../stats/runCollector';
import { fmt } from './boxTable';

export class ProgressLine {
  private lastDrawMs = 0;

  constructor(
    private readonly enabled: boolean,
    private readonly durationSec: number,
    private readonly describe: (c: RunCollector) => string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(c: RunCollector, elapsedMs: number): void {
    // Redraw 4×/s on a terminal; one line a second when writing to a file or pipe.
    if (!this.enabled || elapsedMs - this.lastDrawMs < (this.stream.isTTY ? 250 : 1000)) return;
    this.lastDrawMs = elapsedMs;
    const line = `[${fmt(elapsedMs / 1000)}/${this.durationSec} s] ${this.describe(c)}`;
    this.stream.write(this.stream.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
  }

  end(): void {
    if (this.enabled && this.stream.isTTY) this.stream.write('\n');
  }
}
