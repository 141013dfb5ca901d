/**
 * What a bot's Input messages do on the way out, the same for every bot kind:
 * simulated upstream loss (`uplinkLoss`, a due message dropped whole before
 * sending, seeded so runs repeat), frames no written message will carry again
 * (the uplink moved past them: lost for good), and the message/byte counters.
 */
import { createRng, nextRandom } from '../../shared/engine/prng';
import { MAX_FRAMES_PER_INPUT } from '../../shared/protocol';
import { clientFrameWireBytes } from '../../tests/support/wsFrameHeader';
import type { MetricsRecorder } from '../harness/metricsRecorder';

export class UplinkLedger {
  private readonly lossRng: { rng: number };
  private deliveredThrough = 0;

  constructor(
    private readonly metrics: MetricsRecorder,
    private readonly lossRate: number | undefined,
    seed: number,
  ) {
    this.lossRng = createRng((seed ^ 0x5eed1055) >>> 0);
  }

  /**
   * A message carrying frames up to `seq` (`unacknowledged` of them still repeated), `bytes` long, is due:
   * false when simulated loss drops it, else it is counted and the caller sends it.
   */
  passes(seq: number, unacknowledged: number, bytes: number): boolean {
    const m = this.metrics;
    if (this.lossRate && nextRandom(this.lossRng) < this.lossRate) {
      m.count('inputMessagesDropped');
      return false;
    }
    const first = seq - Math.min(unacknowledged, MAX_FRAMES_PER_INPUT) + 1;
    if (first > this.deliveredThrough + 1) m.count('inputsNeverSent', first - this.deliveredThrough - 1);
    this.deliveredThrough = seq;
    m.count('inputMessages');
    m.count('inputBytes', bytes);
    m.count('inputWireBytes', clientFrameWireBytes(bytes));
    return true;
  }
}
