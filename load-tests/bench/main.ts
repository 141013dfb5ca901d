/**
 * `npm run bench [-- --quick] [--parts echo,codec,uplink,peer,memory,join,netcode,spectators] [--max-players N] [--json]`
 *
 * Side by side in one run, with ratios:
 *   echo   — raw uWS echo vs tickwire's message path (same generator, same connections)
 *   codec  — snapshot bytes and encodes/s: tickwire delta vs JSON vs msgpackr vs @colyseus/schema
 *   uplink — compact Input bytes, latency, loss tolerance and server CPU at 1, 2 and 3 ticks per message
 *   peer   — the arena on tickwire vs a Colyseus 0.18 room (Node 22): most players held, CPU and bytes per player
 *   memory — server RSS and heap at 0, 1,000 and 2,000 connected players, and per player
 *   join   — the join path in process (CPU µs per join; Welcome encoding generic vs WelcomeFrame)
 *   netcode — how the arena feels to headless SDK players at clean / 150 ms 2 % / 250 ms 5 % (issue 13's table)
 *   spectators — server CPU per spectator vs per player on one room, players' snapshot rate with 0 and 100 spectators (issue 15)
 * Servers run on core 0 and the generator on core 1 when the machine has two
 * cores (taskset). Default run < 5 min; --quick takes a few seconds per part.
 */
import { loadavg } from 'node:os';
import { boxTable, fmt } from '../report/boxTable';
import { canPin, GENERATOR_CPU, pinSelf, raiseOwnPriority } from '../target/cpuPinning';
import { parseBenchArgs, type BenchOptions } from './benchArgs';
import { runCodecBench, type CodecRow } from './codecBench';
import { runEchoBench, type EchoResult } from './echoBench';
import { machineInfo } from './machineInfo';
import { runPeerBench, TICK_BUDGET_MS, type PeerResult, type PeerStep } from './peerBench';
import { runUplinkBench, type UplinkResult, type UplinkStep } from './uplinkBench';
import { runMemoryBench, type MemoryStep } from './memoryBench';
import { runJoinPathBench, type JoinPathResult } from './joinPathBench';
import { netcodeTable, runNetcodeBench, type NetcodeBenchResult } from './netcodeBench';
import { formatSpectatorBench, runSpectatorBench } from './spectatorBench';
import { targetTable } from './targetSummary';

const log = (s: string) => process.stderr.write(`${s}\n`);

function peerCounts(o: BenchOptions): number[] {
  const all = o.quick ? [20, 100] : [100, 250, 500, 1000, 1500, 2000, 3000];
  return all.filter((n) => n <= o.maxPlayers);
}

function echoTable(e: EchoResult): string {
  const row = (s: EchoResult['raw']) => [
    s.server,
    fmt(s.messagesPerSec),
    fmt(s.rttP50Ms),
    fmt(s.rttP99Ms),
    s.serverCpu === null ? 'n/a' : `${fmt(s.serverCpu * 100)} %`,
    fmt(s.serverCpuUsPerMessage),
    `${fmt(s.generatorCpu * 100)} %`,
    s.otherCores === null ? 'n/a' : fmt(s.otherCores),
  ];
  return [
    boxTable(
      ['echo: ' + `${e.connections} conns × ${e.pipeline} in flight`, 'msgs/s', 'RTT p50 ms', 'RTT p99 ms', 'server CPU', 'server µs/msg', 'generator CPU', 'others (cores)'],
      [row(e.raw), row(e.tickwire)],
    ),
    `ratio tickwire/raw messages/s: ${fmt(e.throughputRatio)} (target ≥ 0.50); server CPU per message raw/tickwire: ${fmt(e.cpuRatio)}`,
  ].join('\n');
}

function codecTable(rows: CodecRow[]): string {
  const tw = rows[0];
  return [
    boxTable(
      ['codec: 100 entities', 'full B', 'B/entity', 'full enc/s', 'delta B (10 % moving)', 'B/moving entity', 'delta enc/s'],
      rows.map((r) => [r.codec, fmt(r.fullBytes), fmt(r.fullBytesPerEntity), fmt(r.fullEncodesPerSec), fmt(r.deltaBytes), fmt(r.bytesPerMovingEntity), fmt(r.deltaEncodesPerSec)]),
    ),
    'ratios vs tickwire (bytes per moving entity): ' +
      rows
        .filter((r) => !r.codec.startsWith('tickwire'))
        .map((r) => `${r.codec.split(' ')[0]} ${fmt(r.bytesPerMovingEntity / tw.bytesPerMovingEntity)}×`)
        .join(', '),
  ].join('\n');
}

function peerTable(p: PeerResult): string {
  const row = (s: PeerStep) => [
    s.server,
    fmt(s.players),
    fmt(s.tickP99Ms),
    fmt(s.patchP99Ms),
    fmt(s.snapshotsPerClientPerSec),
    fmt(s.inputRttP99Ms),
    s.serverCpu === null ? 'n/a' : `${fmt(s.serverCpu * 100)} %`,
    fmt(s.cpuMsPerSecPerPlayer),
    fmt(s.downBytesPerClientPerSec),
    fmt(s.upBytesPerClientPerSec),
    `${fmt(s.generatorCpu * 100)} %`,
    s.otherCores === null ? 'n/a' : fmt(s.otherCores),
    s.why,
  ];
  const heldText = (k: 'tickwire' | 'colyseus') => `${p.held[k].generatorBound ? '≥ ' : ''}${p.held[k].players}`;
  const tw = p.held.tickwire.players;
  const cy = p.held.colyseus.players;
  return [
    boxTable(
      ['peer', 'players', 'p99 tick ms', 'p99 patch ms', 'snap/s/client', 'RTT p99 ms', 'server CPU', 'CPU ms/s/player', 'down B/s/client', 'up B/s/client', 'generator CPU', 'others (cores)', 'verdict'],
      p.steps.map(row),
    ),
    `held within the ${fmt(TICK_BUDGET_MS)} ms budget: tickwire ${heldText('tickwire')}, Colyseus ${heldText('colyseus')}; ratio ${cy > 0 ? fmt(tw / cy) : 'n/a'}× (target ≥ 3)`,
    `projected players per server core at 80 % CPU (from CPU per player at the generator-healthy steps): ` +
      `tickwire ${fmt(p.projectedAt80.tickwire)}, Colyseus ${fmt(p.projectedAt80.colyseus)}` +
      (p.projectedAt80.tickwire && p.projectedAt80.colyseus ? `; ratio ${fmt(p.projectedAt80.tickwire / p.projectedAt80.colyseus)}×` : ''),
  ].join('\n');
}

function uplinkTable(u: UplinkResult): string {
  const lost = (s: UplinkStep) => `${fmt(s.framesNeverSent)} + ${s.serverInputsSkipped === null ? 'n/a' : fmt(s.serverInputsSkipped)}`;
  const bytesRow = (s: UplinkStep) => [
    `${s.ticksPerMessage} tick${s.ticksPerMessage > 1 ? 's' : ''}/msg, ${s.lossPercent} % loss`,
    `${fmt(s.welcomed)}/${fmt(s.players)}`,
    fmt(s.framesPerSecPerClient),
    fmt(s.messagesAt60),
    fmt(s.payloadBytesAt60),
    fmt(s.wireBytesAt60),
    fmt(s.rttP50Ms),
    fmt(s.rttP99Ms),
    `${fmt(s.messagesDropped)} msgs`,
    `${lost(s)} of ${fmt(s.framesSent)}`,
  ];
  const cpuRow = (s: UplinkStep) => [
    `${s.ticksPerMessage} tick${s.ticksPerMessage > 1 ? 's' : ''}/msg`,
    `${fmt(s.welcomed)}/${fmt(s.players)}`,
    fmt(s.framesPerSecPerClient),
    fmt(s.messagesPerSecPerClient),
    s.serverCpuMsPerSecPerPlayer === null ? 'n/a' : fmt(s.serverCpuMsPerSecPerPlayer),
    fmt(s.rttP99Ms),
    `${fmt(s.generatorCpu * 100)} %${s.generatorBound ? ' (generator-bound: not comparable)' : ''}`,
  ];
  const path = (r: UplinkResult['inputPath'][number]) => [
    `${r.ticksPerMessage} tick${r.ticksPerMessage > 1 ? 's' : ''}/msg`,
    fmt(r.messagesPerSec),
    fmt(r.bytesPerMessage),
    fmt(r.nsPerMessage),
    fmt(r.cpuUsPerPlayerSec),
    Object.entries(r.skippedByLossPercent)
      .map(([p, n]) => `${p} %: ${n}`)
      .join(', '),
  ];
  return [
    boxTable(
      ['uplink: arena, 10 bots/room', 'bots', 'frames/s/client (window)', 'msgs/s', 'payload B/s', 'wire B/s', 'RTT p50 ms', 'RTT p99 ms', 'dropped', 'lost for good (never sent + server skipped)'],
      u.bytes.map(bytesRow),
    ),
    'msgs/s, payload and wire B/s: per client at 60 frames/s (whole-run totals per frame × 60); wire = payload + RFC 6455 client frame header ' +
      '(2 B below 126 B) + 4 B mask per message; RTT = frame produced → first InputAck (received) or snapshot ackSeq (applied) naming it; lost for good: frames no written message ' +
      'carried + frames the server skipped to bound latency (tickwire_inputs_skipped_total; Fire presses carried over)',
    boxTable(['uplink: server CPU (light bots)', 'bots', 'frames/s/client', 'msgs/s/client', 'server CPU ms/s/player', 'RTT p99 ms', 'generator CPU'], u.cpu.map(cpuRow)),
    boxTable(
      ['uplink: server input path in process', 'msgs/s/player', 'B/msg', 'ns/msg', 'µs CPU per player-second', 'ideal link, 6,000 frames: skipped by loss'],
      u.inputPath.map(path),
    ),
  ].join('\n');
}

function memoryTable(steps: MemoryStep[]): string {
  const mb = (b: number | null) => (b === null ? 'n/a' : fmt(b / 1e6));
  const kb = (b: number | null) => (b === null ? 'n/a' : fmt(b / 1e3));
  return boxTable(
    ['memory: arena, light bots', 'joined', 'RSS MB', 'heap used MB', 'RSS kB/player', 'heap kB/player', 'generator CPU'],
    steps.map((s) => [`${fmt(s.players)} players`, fmt(s.joined), mb(s.rssBytes), mb(s.heapUsedBytes), kb(s.rssBytesPerPlayer), kb(s.heapBytesPerPlayer), `${fmt(s.generatorCpu * 100)} %`]),
  );
}

async function main(): Promise<number> {
  const parsed = parseBenchArgs(process.argv.slice(2));
  if (!parsed.ok) {
    log(`bench: ${parsed.problems.length} problem(s):\n  - ${parsed.problems.join('\n  - ')}`);
    return 2;
  }
  const o = parsed.options;
  const machine = machineInfo();
  const pinning =
    (canPin() ? `servers on core 0 (taskset -c 0); ${pinSelf(GENERATOR_CPU)}` : 'unpinned (fewer than 2 cores or no taskset)') +
    `; servers and generator at ${raiseOwnPriority()} (shields the figures from other work on the machine)`;
  const started = performance.now();
  const out: string[] = [
    `tickwire bench${o.quick ? ' (quick)' : ''}: ${machine.cpu}, ${machine.cores} cores, ${machine.memGiB} GiB, Node ${machine.node}, ${machine.platform}`,
    `pinning: ${pinning}`,
    `load average before: ${loadavg()[0].toFixed(2)}${loadavg()[0] > 1 ? ' (the machine is busy: figures include interference)' : ''}`,
  ];
  log(out.join('\n'));
  const result: { machine: typeof machine; pinning: string; echo?: EchoResult; codec?: CodecRow[]; uplink?: UplinkResult; peer?: PeerResult; memory?: MemoryStep[]; join?: JoinPathResult; netcode?: NetcodeBenchResult; elapsedSec?: number } = {
    machine,
    pinning,
  };

  if (o.parts.includes('echo')) {
    log('echo: raw uWS vs tickwire message path…');
    result.echo = await runEchoBench({ connections: o.quick ? 20 : 50, pipeline: 32, windowMs: o.quick ? 2000 : 5000 });
    out.push('', echoTable(result.echo));
    log(`  tickwire/raw messages/s ${fmt(result.echo.throughputRatio)}`);
  }
  if (o.parts.includes('codec')) {
    log('codec: 100-entity state…');
    result.codec = runCodecBench(o.quick ? 150 : 600);
    out.push('', codecTable(result.codec));
  }
  if (o.parts.includes('uplink')) {
    const cpuPlayers = Math.min(o.maxPlayers, o.quick ? 100 : 200);
    log(`uplink: ticks per message ${[1, 2, 3].join(', ')} × upstream loss 0, 2, 5 % (10 bots), then ${cpuPlayers} light bots per schedule…`);
    result.uplink = await runUplinkBench(o.quick ? 2000 : 5000, cpuPlayers, (s) =>
      log(
        `  ${s.ticksPerMessage} tick(s)/msg, ${s.lossPercent} % loss, ${s.players} bots: payload ${fmt(s.payloadBytesAt60)} B/s/client at 60 frames/s, ` +
          `RTT p99 ${fmt(s.rttP99Ms)} ms, lost ${s.framesNeverSent} + ${s.serverInputsSkipped ?? 'n/a'}`,
      ),
    );
    out.push('', uplinkTable(result.uplink));
  }
  if (o.parts.includes('peer')) {
    log(`peer: stepping players ${peerCounts(o).join(', ')} (Colyseus, then tickwire)…`);
    result.peer = await runPeerBench(peerCounts(o), o.quick ? 2000 : 4000, (s) =>
      log(
        `  ${s.server} ${s.players}: ${s.why} (p99 tick ${fmt(s.tickP99Ms)} ms, CPU ${s.serverCpu === null ? 'n/a' : fmt(s.serverCpu * 100)} %, ` +
          `other processes ${s.otherCores === null ? 'n/a' : fmt(s.otherCores)} cores)`,
      ),
      // Keeps the default run under 5 minutes whatever the machine.
      o.quick ? 60_000 : 180_000,
    );
    out.push('', peerTable(result.peer));
  }
  if (o.parts.includes('memory')) {
    const counts = (o.quick ? [200] : [1000, 2000]).filter((n) => n <= o.maxPlayers);
    log(`memory: server RSS and heap at 0, ${counts.join(', ')} players…`);
    result.memory = await runMemoryBench(counts, o.quick ? 2000 : 4000, (s) =>
      log(`  ${s.players} players (${s.joined} joined): RSS ${s.rssBytes === null ? 'n/a' : fmt(s.rssBytes / 1e6)} MB, heap ${s.heapUsedBytes === null ? 'n/a' : fmt(s.heapUsedBytes / 1e6)} MB`),
    );
    out.push('', memoryTable(result.memory));
  }
  if (o.parts.includes('join')) {
    log('join: the join path in process…');
    const j = (result.join = runJoinPathBench(o.quick ? 2000 : 10_000));
    out.push(
      '',
      `join path in process (${fmt(j.joins)} quick-play joins, 10-player arena rooms; CPU time): ${fmt(j.joinCpuUs)} µs per join (resolve + Room.join + Welcome); ` +
        `Welcome encoding ${fmt(j.welcomeGenericCpuUs)} µs generic vs ${fmt(j.welcomeFrameCpuUs)} µs WelcomeFrame (${fmt(j.welcomeGenericCpuUs / j.welcomeFrameCpuUs)}× less; ${fmt(j.welcomeBytes)} B)`,
    );
  }
  if (o.parts.includes('netcode')) {
    log('netcode: headless players at 60/30/20 fps in a real room, clean / 150 ± 20 ms 2 % / 250 ± 40 ms 5 %…');
    result.netcode = await runNetcodeBench(o.quick, (r) => log(`  ${r.condition.label}: done in ${fmt(r.elapsedMs / 1000)} s`));
    out.push('', netcodeTable(result.netcode));
  }
  if (o.parts.includes('spectators')) {
    log('spectators: one arena room, 1 → 20 players → + 100 spectators…');
    const r = await runSpectatorBench(20, 100, o.quick ? 3000 : 10_000, (w) => log(`  ${w.label}: server ${fmt(w.serverCpuMsPerSec)} ms CPU/s`));
    out.push('', formatSpectatorBench(r));
  }
  out.push('', targetTable(result));
  result.elapsedSec = (performance.now() - started) / 1000;
  out.push('', `bench finished in ${fmt(result.elapsedSec)} s; load average after: ${loadavg()[0].toFixed(2)}`);
  console.log(o.json ? JSON.stringify(result, null, 2) : out.join('\n'));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
