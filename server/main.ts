/**
 * `npm start` / `tsx server/main.ts [flags]`: validate config (every problem
 * at once, exit 2), start, print the URL, drain on SIGTERM/SIGINT (clients
 * get 1012) and exit 0 within the shutdown timeout.
 *
 * With `--workers N` (N > 1, or 0 = one per core) this process is the
 * primary: it forks N game workers (server/cluster/workers/workerPool.ts),
 * each a whole server holding its own rooms, and forwards the stop signal.
 */
import { ConfigError, configHelp, loadConfig, type Config } from './config';
import { startServer } from './startServer';
import { UwsLoadError } from './http/uwsLoader';
import { IpcClusterStore } from './cluster/workers/ipcClusterStore';
import { startWorkerPool, workerAssignment, workerConfig, workerCount } from './cluster/workers/workerPool';
import { randomNodeId } from './cluster/nodeIdentity';
import { createLogger } from './logger';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(configHelp());
    return;
  }
  const config = loadConfig(process.env, argv);
  const assignment = workerAssignment(process.env);
  if (assignment) return runWorker(workerConfig(config, assignment, config.nodeId || randomNodeId()), assignment.sharedPort, assignment.index);
  if (workerCount(config) > 1) return runPrimary(config, argv);
  const server = await startServer(config);
  console.log(`tickwire listening on ${server.url}`);
  onStopSignals(config, () => server.stop());
}

/** One game worker of `--workers`: a whole server on its own port, also accepting on the shared one. */
async function runWorker(config: Config, sharedPort: number, index: number): Promise<void> {
  const store = config.redisUrl ? undefined : new IpcClusterStore(process);
  const server = await startServer(config, { clusterStore: store, sharedPort });
  console.log(`tickwire worker ${index} (node ${server.cluster?.nodeId}) on ${server.cluster?.node?.publicUrl}`);
  process.send?.({ kind: 'tw-worker-ready' });
  // Ctrl-C reaches the primary and the workers alike, then the primary sends SIGTERM: a second signal
  // must not cut the drain short here (the primary escalates with SIGKILL on a second Ctrl-C).
  const stop = onStopSignals(config, () => server.stop(), false);
  // The primary is gone (killed): leave too, rather than hold rooms nobody can route to.
  process.on('disconnect', () => stop('primary gone'));
}

async function runPrimary(config: Config, argv: string[]): Promise<void> {
  const log = createLogger(config.logLevel);
  const pool = await startWorkerPool(config, argv, process.argv[1], log);
  await pool.ready;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`tickwire listening on http://${host.includes(':') ? `[${host}]` : host}:${config.port} (${pool.count} workers)`);
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) {
      pool.kill();
      process.exit(1);
    }
    console.log(`tickwire: ${signal} received, stopping ${pool.count} workers`);
    void pool.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** Drain on SIGTERM/SIGINT; a second signal exits at once. Returns the shutdown trigger. */
function onStopSignals(config: Config, stop: () => Promise<void>, secondSignalExits = true): (why: string) => void {
  let signals = 0;
  const shutdown = (why: string) => {
    if (++signals > 1) {
      if (secondSignalExits) process.exit(1); // a second signal: stop now
      return;
    }
    console.log(`tickwire: ${why}, draining`);
    // Never outlive the budget: exit 0 even if a client will not close.
    setTimeout(() => process.exit(0), config.shutdownTimeoutMs + 800).unref();
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('tickwire: error while stopping', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM received'));
  process.on('SIGINT', () => shutdown('SIGINT received'));
  return shutdown;
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof UwsLoadError) {
    console.error(`tickwire: ${err.message}`);
    process.exit(2);
  }
  console.error('tickwire: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
