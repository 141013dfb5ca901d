import { describe, expect, it } from 'vitest';
import { FrameTimes } from './frameTimes';

describe('FrameTimes', () => {
  it('averages frame intervals and work over a sliding window', () => {
    const t = new FrameTimes(3);
    expect(t.avgFrameMs).toBeNaN();
    for (const at of [0, 10, 30, 60, 100]) t.onFrame(at);
    expect(t.frames).toBe(5);
    expect(t.avgFrameMs).toBe((20 + 30 + 40) / 3); // the first interval (10) fell out of the window
    t.onWork(2);
    t.onWork(4);
    expect(t.avgWorkMs).toBe(3);
  });
});
