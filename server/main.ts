/**
 * `npm start` / `tsx server/main.ts [flags]`: validate config (every problem
 * at once, exit 2), start, print the URL, drain on SIGTERM/SIGINT (clients
 * get 1012) and exit 0 within the shutdown timeout.
 */
import { ConfigError, configHelp, loadConfig } from './config';
import { startServer } from './startServer';
import { UwsLoadError } from './http/uwsLoader';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(configHelp());
    return;
  }
  const config = loadConfig(process.env, argv);
  const server = await startServer(config);
  console.log(`tickwire listening on ${server.url}`);

  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(1); // a second signal: stop now
    console.log(`tickwire: ${signal} received, draining`);
    // Never outlive the budget: exit 0 even if a client will not close.
    setTimeout(() => process.exit(0), config.shutdownTimeoutMs + 800).unref();
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('tickwire: error while stopping', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof UwsLoadError) {
    console.error(`tickwire: ${err.message}`);
    process.exit(2);
  }
  console.error('tickwire: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
