import { runPeerStep } from './bench/peerBench';
import { pinSelf, GENERATOR_CPU, raiseOwnPriority } from './target/cpuPinning';
console.log(pinSelf(GENERATOR_CPU), raiseOwnPriority());
const which = (process.argv[3] ?? 'tickwire,colyseus').split(',') as ('tickwire' | 'colyseus')[];
for (const s of which) { const r = await runPeerStep(s, Number(process.argv[2] ?? 100), 3000); console.log(s, r.players, r.why, 'tick', r.tickP99Ms, 'patch', r.patchP99Ms, 'lag', r.loopLagP99Ms, 'snap', r.snapshotsPerClientPerSec.toFixed(1), 'cpu', r.serverCpu, 'gen', r.generatorCpu.toFixed(2), 'down', r.downBytesPerClientPerSec.toFixed(0), 'rtt99', r.inputRttP99Ms); }
