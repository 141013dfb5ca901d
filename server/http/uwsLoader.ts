/**
 * Loads the native uWebSockets.js addon, or explains precisely why it cannot.
 * The package is the npm republish `uwebsockets@3.0.6` of upstream uWS.js v20
 * (see README, Dependencies): one prebuilt binary per platform and Node ABI.
 */
import { createRequire } from 'node:module';
import type * as UWS from 'uWebSockets.js';

const require = createRequire(import.meta.url);

export class UwsLoadError extends Error {}

function describePlatform(): string {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  const glibc = report?.header?.glibcVersionRuntime ?? 'none (not glibc)';
  return (
    `this machine: Node ${process.version} (ABI ${process.versions.modules}), ` +
    `${process.platform}-${process.arch}, glibc ${glibc}`
  );
}

export function loadUws(): typeof UWS {
  let uws: typeof UWS;
  try {
    uws = require('uWebSockets.js') as typeof UWS;
  } catch (err) {
    throw new UwsLoadError(
      `tickwire could not load the native uWebSockets.js addon.\n` +
        `  needs: binary uws_${process.platform}_${process.arch}_${process.versions.modules}.node ` +
        `(Node ABI ${process.versions.modules}; Node 20 = ABI 115) built against glibc ≥ 2.27 (x64/arm64 Linux, macOS or Windows)\n` +
        `  ${describePlatform()}\n` +
        `  fix: run 'npm ci' with Node 20 on a glibc Linux, or switch to the official build (README, Dependencies)\n` +
        `  cause: ${(err as Error).message.split('\n').slice(-1)[0]}`,
    );
  }
  if (typeof uws.App !== 'function') {
    throw new UwsLoadError(`uWebSockets.js loaded but has no App(): not the native addon. ${describePlatform()}`);
  }
  return uws;
}
