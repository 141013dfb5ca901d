import { describe, expect, it } from 'vitest';
import { saturationReasons } from './generatorSaturation';

describe('saturationReasons', () => {
  const healthy = { generatorCores: 0.5, generatorCoreLimit: 1, framesSent: 59_000, framesNominal: 60_000 };

  it('is empty for a healthy generator', () => {
    expect(saturationReasons(healthy)).toEqual([]);
  });

  it('names a generator at its CPU limit', () => {
    expect(saturationReasons({ ...healthy, generatorCores: 0.95 })).toEqual(['generator CPU 95 % of 1 core(s) (≥ 90 %)']);
  });

  it('names bots that fell behind on their inputs, even with CPU to spare (a stalled generator)', () => {
    expect(saturationReasons({ ...healthy, framesSent: 30_000 })).toEqual(['bots produced 50 % of the nominal input frames (< 85 %)']);
  });

  it('judges CPU against the cores the workers may use', () => {
    expect(saturationReasons({ ...healthy, generatorCores: 1.5, generatorCoreLimit: 2 })).toEqual([]);
  });
});
