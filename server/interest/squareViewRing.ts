/**
 * The SquareViews one viewer was sent, newest last (the per-square twin of
 * ViewerRing): its deltas are encoded against the one it acknowledged. The
 * view under construction stays outside the ring until commit, so the
 * baseline it is diffed against cannot be overwritten. Memory is a few
 * hundred bytes per view (references and masks), not a copy of the rows.
 */
import { INPUT_ACK_BITS } from '../../shared/protocol/inputCodec';
import { SquareView } from './squareView';
import { VIEWER_RING_SIZE } from './viewerRing';

export class SquareViewRing {
  private readonly views: SquareView[];
  private newest = -1;
  private spare = new SquareView();

  constructor(size = VIEWER_RING_SIZE) {
    this.views = Array.from({ length: size }, () => new SquareView());
  }

  /** Begin the view for `tick` (not yet in the ring). */
  next(tick: number): SquareView {
    return this.spare.begin(tick);
  }

  /** Put the built view into the ring, evicting the oldest. */
  commit(): void {
    this.newest = (this.newest + 1) % this.views.length;
    const evicted = this.views[this.newest];
    this.views[this.newest] = this.spare;
    this.spare = evicted;
  }

  get current(): SquareView | null {
    return this.newest < 0 ? null : this.views[this.newest];
  }

  /** The held view at exactly `tick` (null: not held). */
  at(tick: number): SquareView | null {
    if (tick <= 0) return null;
    for (const v of this.views) if (v.tick === tick) return v;
    return null;
  }

  readonly isHeld = (tick: number): boolean => this.at(tick) !== null;

  /** The held tick whose snapshot index (tick ÷ every) mod 2^INPUT_ACK_BITS is `indexLow`; 0 if none. */
  resolveAck(indexLow: number, every: number): number {
    let best = 0;
    for (const v of this.views) {
      if (v.tick > best && Math.floor(v.tick / every) % 2 ** INPUT_ACK_BITS === indexLow) best = v.tick;
    }
    return best;
  }
}
