import { describe, expect, it, vi } from 'vitest';
import { QuotaExemption } from '../limits/quotaExemption';
import { ExemptionCache } from './exemptionCache';

describe('ExemptionCache', () => {
  it('answers as QuotaExemption does, asking it once per address', () => {
    const inner = new QuotaExemption(['127.0.0.1/32', '10.0.0.0/8']);
    const spy = vi.spyOn(inner, 'isExempt');
    const cache = new ExemptionCache(inner);
    for (let i = 0; i < 3; i++) {
      expect(cache.isExempt('127.0.0.1')).toBe(true);
      expect(cache.isExempt('10.1.2.3')).toBe(true);
      expect(cache.isExempt('192.0.2.1')).toBe(false);
    }
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('stays bounded: cleared when full, still correct after', () => {
    const cache = new ExemptionCache(new QuotaExemption(['10.0.0.0/8']), 2);
    expect(cache.isExempt('10.0.0.1')).toBe(true);
    expect(cache.isExempt('192.0.2.1')).toBe(false);
    expect(cache.isExempt('192.0.2.2')).toBe(false);
    expect(cache.isExempt('10.0.0.1')).toBe(true);
  });
});
