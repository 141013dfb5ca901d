/**
 * Why bigcells' spatial grid uses 512 u squares: rebuild and query cost of
 * the SpatialGrid over the 1,000-player world (16,384 food + 1,000 cells,
 * 16,384 u) for square sizes from 128 to 4096 u, against a linear scan of
 * the world per viewer (what "no index" costs). Queries are the start-zoom
 * leave rectangle (screen 690 u + 1.5 × 300 u margin per side).
 *
 * Times are CPU time of this process (process.cpuUsage), not wall time: the
 * machine is shared.
 *
 * `npx tsx load-tests/bigworld/gridSizeBench.ts`
 */
import { GridQueryResult, SpatialGrid } from '../../server/interest/spatialGrid';
import { seededRandom } from '../../shared/engine/prng';
import { EntityTable } from '../../shared/protocol/entityTable';

const SCALE = 8;
const WORLD = 16384 * SCALE;
const ENTITIES = 17384;
const HALF = (690 + 450) * SCALE;
const QUERIES = 3000;

const random = seededRandom(1);
const table = new EntityTable(2, ENTITIES).begin(1);
for (let i = 0; i < ENTITIES; i++) {
  const r = table.push(i + 1, 1);
  table.set(r, 0, Math.floor(random() * WORLD));
  table.set(r, 1, Math.floor(random() * WORLD));
}
const centres = Array.from({ length: QUERIES }, () => [Math.floor(random() * WORLD), Math.floor(random() * WORLD)]);
const result = new GridQueryResult();
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const rows: string[] = ['square u | rebuild ms | query µs | rows/query'];
for (const squareU of [128, 256, 512, 1024, 2048, 4096]) {
  const grid = new SpatialGrid();
  for (let w = 0; w < 5; w++) grid.build(table, 0, 1, WORLD, WORLD, squareU * SCALE);
  let t = cpuMs();
  for (let w = 0; w < 20; w++) grid.build(table, 0, 1, WORLD, WORLD, squareU * SCALE);
  const buildMs = (cpuMs() - t) / 20;
  let found = 0;
  t = cpuMs();
  for (const [x, y] of centres) {
    grid.query(x - HALF, y - HALF, x + HALF, y + HALF, result);
    found += result.count;
  }
  const queryUs = ((cpuMs() - t) * 1000) / QUERIES;
  rows.push(`${squareU} | ${buildMs.toFixed(2)} | ${queryUs.toFixed(1)} | ${(found / QUERIES).toFixed(0)}`);
}
const t = cpuMs();
let found = 0;
for (const [x, y] of centres.slice(0, 300)) {
  for (let r = 0; r < table.count; r++) {
    const dx = table.get(r, 0) - x;
    const dy = table.get(r, 1) - y;
    if (dx >= -HALF && dx <= HALF && dy >= -HALF && dy <= HALF) found++;
  }
}
rows.push(`linear scan | 0 | ${(((cpuMs() - t) * 1000) / 300).toFixed(1)} | ${(found / 300).toFixed(0)}`);
process.stdout.write(`${rows.join('\n')}\n`);
