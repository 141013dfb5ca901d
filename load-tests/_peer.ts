import { runPeerStep } from './bench/peerBench';
import { pinSelf, GENERATOR_CPU, raiseOwnPriority } from './target/cpuPinning';
console.log(pinSelf(GENERATOR_CPU), raiseOwnPriority());
const which = (process.argv[3] ?? 'tickwire,colyseus').split(',') as ('tickwire' | 'colyseus')[];
for (const s of which) { const r = await runPeerStep(s, Number(process.argv[2] ?? 100), 4000); console.log(JSON.stringify(r)); }
