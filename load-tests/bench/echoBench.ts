/**
 * Message path vs raw uWS echo, same generator, same connections: the raw
 * echo server (rawEchoServer.ts) answers each Ping frame with the same bytes;
 * tickwire decodes, validates and answers with a Pong. Messages/s are what the
 * generator achieved; server CPU µs per message is what each server spent,
 * which does not depend on the generator keeping up.
 */
import { RunCollector } from '../stats/runCollector';
import { SERVER_CPU } from '../target/cpuPinning';
import { wsUrlOf } from '../target/lobbyClient';
import { spawnTickwire, spawnTsServer, type SpawnedServer } from '../target/spawnProcess';
import { waitForQuiet } from '../target/machineLoad';
import { measureWindow } from './measureWindow';

export interface EchoSide {
  server: string;
  pinning: string;
  messagesPerSec: number;
  rttP50Ms: number;
  rttP99Ms: number;
  serverCpu: number | null;
  serverCpuUsPerMessage: number | null;
  generatorCpu: number;
  otherCores: number | null;
  disconnects: Record<string, number>;
}

export interface EchoResult {
  connections: number;
  pipeline: number;
  raw: EchoSide;
  tickwire: EchoSide;
  /** tickwire messages/s ÷ raw messages/s. */
  throughputRatio: number;
  /** raw server µs/message ÷ tickwire µs/message (the capacity ratio if the server were the limit). */
  cpuRatio: number | null;
}

async function side(label: string, server: SpawnedServer, raw: boolean, connections: number, pipeline: number, windowMs: number): Promise<EchoSide> {
  try {
    await waitForQuiet(0.25, 8000);
    const w = await measureWindow(
      {
        kind: 'ping',
        wsUrl: raw ? wsUrlOf(server.url, '/') : wsUrlOf(server.url),
        bots: Array.from({ length: connections }, (_, index) => ({ index })),
        connectRatePerSec: 0,
        rampMs: 200,
        hold: false,
        pipeline,
        raw,
        roomName: '',
        workers: 1,
      },
      server.pid,
      { isReady: (c: RunCollector) => c.counter('pongs') > 0, readyTimeoutMs: 10_000, windowMs },
    );
    const c = w.collector;
    const msgs = c.windowCounter('pongs');
    const lat = c.windowLatency('pingRtt');
    return {
      server: label,
      pinning: server.pinning,
      messagesPerSec: msgs / w.seconds,
      rttP50Ms: lat.p50Ms,
      rttP99Ms: lat.p99Ms,
      serverCpu: w.serverCpu,
      serverCpuUsPerMessage: w.serverCpuMs === null || msgs === 0 ? null : (w.serverCpuMs * 1000) / msgs,
      generatorCpu: w.generatorCpu,
      otherCores: w.otherCores,
      disconnects: c.family('close'),
    };
  } finally {
    await server.stop();
  }
}

export async function runEchoBench(cfg: { connections: number; pipeline: number; windowMs: number }): Promise<EchoResult> {
  const rawServer = await spawnTsServer('load-tests/bench/rawEchoServer.ts', [], /raw echo listening on (http:\/\/\S+)/, { cpu: SERVER_CPU, raisePriority: true });
  const raw = await side('raw uWS echo', rawServer, true, cfg.connections, cfg.pipeline, cfg.windowMs);
  const tw = await spawnTickwire(['--max-message-rate', '100000'], SERVER_CPU, true);
  const tickwire = await side('tickwire Ping→Pong', tw, false, cfg.connections, cfg.pipeline, cfg.windowMs);
  return {
    connections: cfg.connections,
    pipeline: cfg.pipeline,
    raw,
    tickwire,
    throughputRatio: raw.messagesPerSec > 0 ? tickwire.messagesPerSec / raw.messagesPerSec : 0,
    cpuRatio: raw.serverCpuUsPerMessage && tickwire.serverCpuUsPerMessage ? raw.serverCpuUsPerMessage / tickwire.serverCpuUsPerMessage : null,
  };
}
