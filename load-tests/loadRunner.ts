/**
 * Runs one load scenario from validated options: starts the server when asked
 * (pinned to core 0, the generator then pins itself to core 1), dispatches the
 * scenario, and always stops what it started.
 */
import type { LoadOptions } from './cliOptions';
import type { RunResult } from './report/runResult';
import { runConnect } from './scenarios/connectScenario';
import { runHttp } from './scenarios/httpScenario';
import { runPlay } from './scenarios/playScenario';
import type { RunContext, Target } from './scenarios/runContext';
import { runThroughput } from './scenarios/throughputScenario';
import { GENERATOR_CPU, pinSelf, SERVER_CPU } from './target/cpuPinning';
import { spawnTickwire, type SpawnedServer } from './target/spawnProcess';

/** Server flags a spawned server needs so the scenario measures the server, not its rate limits. */
function spawnArgsFor(o: LoadOptions): string[] {
  const args: string[] = ['--max-connections', String(Math.max(20_000, o.clients * 2))];
  if (o.scenario === 'throughput') args.push('--max-message-rate', '100000');
  if (o.scenario === 'play') args.push('--max-players-per-room', String(Math.min(255, Math.max(64, Math.ceil(o.clients / o.rooms)))));
  return [...args, ...o.serverArgs];
}

export async function runLoad(
  o: LoadOptions,
  io: { progress: boolean; target?: Target; onReport?: RunContext['onReport'] },
): Promise<RunResult & { autocannonTable?: string }> {
  let spawned: SpawnedServer | null = null;
  let generatorPinning = 'generator unpinned';
  try {
    let target: Target;
    if (io.target) {
      target = io.target;
    } else if (o.spawnServer) {
      spawned = await spawnTickwire(spawnArgsFor(o), SERVER_CPU);
      target = { url: spawned.url, spawned: true, pinning: spawned.pinning, pid: spawned.pid };
      if (spawned.pinning !== 'unpinned') generatorPinning = pinSelf(GENERATOR_CPU);
    } else {
      target = { url: o.url, spawned: false, pinning: 'external', pid: null };
    }
    const ctx: RunContext = { options: o, target, generatorPinning, progress: io.progress, onReport: io.onReport };
    switch (o.scenario) {
      case 'http':
        return await runHttp(ctx);
      case 'connect':
        return await runConnect(ctx);
      case 'play':
        return await runPlay(ctx);
      case 'throughput':
        return await runThroughput(ctx);
    }
    throw new Error(`unknown scenario ${String(o.scenario)}`);
  } finally {
    await spawned?.stop();
  }
}

