/** Samples this process's V8 heap while a hostile test runs; reports the peak. */
export class HeapWatch {
  readonly startBytes = process.memoryUsage().heapUsed;
  maxBytes = this.startBytes;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(everyMs = 100) {
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): number {
    const used = process.memoryUsage().heapUsed;
    if (used > this.maxBytes) this.maxBytes = used;
    return used;
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }

  describe(): string {
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
    return `start ${mb(this.startBytes)}, peak ${mb(this.maxBytes)}, end ${mb(process.memoryUsage().heapUsed)}`;
  }
}
