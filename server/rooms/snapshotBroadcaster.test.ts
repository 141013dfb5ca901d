/**
 * The broadcaster's ring lookups (baseline by tick, ack index → tick) found by
 * arithmetic must answer exactly what a scan of the ring answers, for regular
 * captures and for captures with gaps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { INPUT_ACK_BITS } from '../../shared/protocol/inputCodec';
import type { EntityTable } from '../../shared/protocol/entityTable';
import { lineGame } from '../../tests/support/lineGame';
import { ServerStats } from '../serverStats';
import { SnapshotBroadcaster } from './snapshotBroadcaster';

const layout = new GameCodec(lineGame).layout;
const RING = 8;

function broadcasterWith(ticks: number[]) {
  const b = new SnapshotBroadcaster(layout, RING, { skipBytes: 1 << 20, slowCloseMs: 5000, fullSnapshotIntervalMs: 0 }, new ServerStats());
  const held: number[] = [];
  for (const tick of ticks) {
    b.capture(tick, () => undefined);
    held.push(tick);
  }
  return { b, held: held.slice(-RING) };
}

/** The ring scan the arithmetic replaces. */
function scanAck(held: number[], indexLow: number, every: number): number {
  let best = 0;
  for (const t of held) if (t > best && Math.floor(t / every) % 2 ** INPUT_ACK_BITS === indexLow) best = t;
  return best;
}

/** Capture ticks: `every` apart from `phase`, with some skipped (gaps). */
const captures = fc
  .record({ every: fc.integer({ min: 1, max: 4 }), phase: fc.integer({ min: 0, max: 3 }), count: fc.integer({ min: 1, max: 40 }), gaps: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }) })
  .map(({ every, phase, count, gaps }) => {
    const ticks: number[] = [];
    for (let i = 1; i <= count; i++) if (!gaps.includes(i)) ticks.push(i * every + (phase % every));
    return { every, ticks: ticks.length > 0 ? ticks : [every] };
  });

describe('SnapshotBroadcaster ring lookups', () => {
  it('baseline(tick) finds exactly the held ticks', () => {
    fc.assert(
      fc.property(captures, ({ ticks }) => {
        const { b, held } = broadcasterWith(ticks);
        const last = ticks[ticks.length - 1];
        for (let t = 0; t <= last + 3; t++) {
          const table: EntityTable | null = b.baseline(t);
          expect(table?.tick ?? null).toBe(held.includes(t) && t > 0 ? t : null);
        }
      }),
    );
  });

  it('resolveAck(index, every) is the newest held tick with that index, as a scan finds it', () => {
    fc.assert(
      fc.property(captures, ({ every, ticks }) => {
        const { b, held } = broadcasterWith(ticks);
        for (let index = 0; index < 2 ** INPUT_ACK_BITS; index++) expect(b.resolveAck(index, every)).toBe(scanAck(held, index, every));
      }),
    );
  });
});
