import { describe, expect, it } from 'vitest';
import { ResumeTokenPool } from './resumeTokenPool';

describe('ResumeTokenPool', () => {
  it('hands out distinct 43-character base64url tokens across several refills', () => {
    const pool = new ResumeTokenPool();
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const t = pool.next();
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      seen.add(t);
    }
    expect(seen.size).toBe(1000);
  });

  it('decodes to 32 bytes that look random (no all-zero token from a wiped slice)', () => {
    const pool = new ResumeTokenPool();
    for (let i = 0; i < 300; i++) {
      const bytes = Buffer.from(pool.next(), 'base64url');
      expect(bytes.length).toBe(32);
      expect(bytes.some((b) => b !== 0)).toBe(true);
    }
  });
});
