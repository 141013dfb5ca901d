import { runWorkers } from './harness/workerPool';
import { spawnTsServer } from './target/spawnProcess';
const s = await spawnTsServer('load-tests/bench/colyseus/colyseusMain.ts', [], /colyseus listening on (ws:\/\/\S+) stats/, {});
console.log('url', s.url);
const run = await runWorkers({ kind: 'colyseus-play', wsUrl: s.url, bots: Array.from({length: 20}, (_, index) => ({ index })), durationMs: 4000, connectRatePerSec: 0, rampMs: 200, hold: false, pipeline: 1, raw: false, roomName: 'arena', workers: 1 });
const c = run.collector;
console.log(c.allCounters(), c.gauges, c.latency('inputRtt'), c.errors);
console.log(s.stderrTail());
await s.stop();
