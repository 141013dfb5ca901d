import { describe, expect, it } from 'vitest';
import { newArenaProbe, OwnStepWatch, shotDrawn } from './arenaProbe';

describe('arena probe', () => {
  it('judges own-player steps beyond the fastest motion, not across deaths or page stalls', () => {
    const probe = newArenaProbe();
    const watch = new OwnStepWatch(probe);
    watch.frame(0, 100, 100, true);
    watch.frame(50, 114, 100, true); // 280 px/s × 50 ms = 14 px: running, no excess
    expect(probe.maxOwnExcessStepPx).toBeCloseTo(0, 9);
    watch.frame(100, 129, 100, true); // 1 px beyond
    expect(probe.maxOwnExcessStepPx).toBeCloseTo(1, 9);
    watch.frame(150, 300, 100, false); // died: respawn elsewhere is no snap
    watch.frame(200, 600, 600, true);
    watch.frame(1000, 900, 600, true); // a page stall of 800 ms is not judged
    expect(probe.ownJumpsOver24Px).toBe(0);
    watch.frame(1050, 1000, 600, true); // a hard snap
    expect(probe.maxOwnExcessStepPx).toBeCloseTo(86, 9);
    expect(probe.ownJumpsOver24Px).toBe(1);
  });

  it('keeps the frame index of the newest first-drawn shots', () => {
    const probe = newArenaProbe();
    for (let i = 1; i <= 70; i++) {
      probe.views = 2 * i;
      shotDrawn(probe, i);
    }
    expect(probe.shotsDrawn).toHaveLength(64);
    expect(probe.shotsDrawn[63]).toEqual([70, 140]);
  });
});
