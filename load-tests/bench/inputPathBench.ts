/**
 * The server's input handling for one player, in process and without the
 * socket: decodeInputMessage + InputQueue.offer for each Input message and
 * InputQueue.next() every tick — what Room.offerInput and the tick do per
 * player. The messages are the ones a bot sends (InputPattern → InputUplink,
 * acknowledged the way a 30 Hz snapshot stream acknowledges them), recorded
 * once per schedule and replayed into fresh queues while timed.
 *
 *   tick t: client push(frame) ─▶ (due) message ─▶ server decode + offer ─▶ next()
 *           every 2nd tick: snapshot carries lastAppliedSeq ─▶ client acknowledge (next tick)
 *
 * Reported per schedule: ns per message, and µs of CPU per player per second
 * of play (60 frames), the figure to compare across ticksPerMessage. And,
 * on an ideal link (every message arrives the tick it is sent, no jitter),
 * the frames the server skips to bound latency when 2 % or 5 % of the
 * messages are dropped: the policy's own cost, without the machine's noise.
 */
import { createRng, nextRandom } from '../../shared/engine/prng';
import { arena } from '../../shared/game/arena';
import { GameCodec } from '../../shared/protocol/gameCodec';
import { decodeInputMessage, MAX_FRAMES_PER_INPUT, type InputMessageHeader } from '../../shared/protocol/inputCodec';
import { InputUplink } from '../../shared/protocol/inputUplink';
import { InputQueue } from '../../server/rooms/inputQueue';
import { InputPattern } from '../bots/inputPattern';

const TICK_RATE = 60;
const SNAPSHOT_EVERY = 2;
/** Ticks of play recorded per schedule (100 s). */
const RECORDED_TICKS = 6000;

export interface InputPathRow {
  ticksPerMessage: number;
  messagesPerSec: number;
  bytesPerMessage: number;
  nsPerMessage: number;
  /** Server CPU for one player's inputs per second of play (decode, queue, per-tick next). */
  cpuUsPerPlayerSec: number;
  /** Ideal link, 100 s of play: frames the server skipped, by percent of messages dropped. */
  skippedByLossPercent: Record<number, number>;
}

/** Percent of messages dropped in the ideal-link simulation. */
export const SIMULATED_LOSS_PERCENTS = [0, 2, 5] as const;

/**
 * One player's messages, each with the tick it arrives on (`lossShare` of
 * them dropped, seeded), and the server queue they were fed to.
 */
function record(codec: GameCodec, ticksPerMessage: number, lossShare = 0): { messages: { tick: number; bytes: Uint8Array }[]; queue: InputQueue } {
  const uplink = new InputUplink(codec.input, SNAPSHOT_EVERY, ticksPerMessage);
  const pattern = new InputPattern(0x5eed, TICK_RATE);
  const q = new InputQueue(codec.input);
  const loss = createRng(0x1055);
  const out: { tick: number; bytes: Uint8Array }[] = [];
  let pendingAck = 0;
  for (let t = 1; t <= RECORDED_TICKS; t++) {
    if (pendingAck > 0) uplink.acknowledge(pendingAck);
    uplink.push(pattern.next());
    if (uplink.due()) {
      // Acknowledge the newest snapshot tick (one every SNAPSHOT_EVERY ticks), viewing one snapshot behind it.
      const ackTick = t > SNAPSHOT_EVERY ? t - (t % SNAPSHOT_EVERY) : 0;
      const bytes = uplink.message(ackTick, Math.max(0, ackTick - SNAPSHOT_EVERY))!;
      if (lossShare === 0 || nextRandom(loss) >= lossShare) {
        out.push({ tick: t, bytes });
        offer(codec, q, bytes);
      }
    }
    q.next();
    pendingAck = t % SNAPSHOT_EVERY === 0 ? q.lastAppliedSeq : 0;
  }
  return { messages: out, queue: q };
}

const header: InputMessageHeader = { seq: 0, count: 0, zeroBase: false, ackLow: -1, viewLag: 0 };
let frames = new Int32Array(0);

/** What Room.offerInput does with the bytes (ack resolution aside). */
function offer(codec: GameCodec, q: InputQueue, bytes: Uint8Array): void {
  const f = codec.input.fieldCount;
  if (frames.length < MAX_FRAMES_PER_INPUT * f) frames = new Int32Array(MAX_FRAMES_PER_INPUT * f);
  const r = decodeInputMessage(bytes, codec.input, q.newestSeq, (seq) => q.frameAt(seq), header, frames);
  if (r !== null) throw new Error(`input path bench: recorded message refused (${typeof r === 'string' ? r : r.reason})`);
  const first = header.seq - header.count + 1;
  for (let i = 0; i < header.count; i++) if (first + i >= 1) q.offer(first + i, frames, i * f, 0);
}

function replay(codec: GameCodec, q: InputQueue, messages: readonly { tick: number; bytes: Uint8Array }[]): void {
  q.reset();
  let m = 0;
  for (let t = 1; t <= RECORDED_TICKS; t++) {
    while (m < messages.length && messages[m].tick === t) offer(codec, q, messages[m++].bytes);
    q.next();
  }
}

export function runInputPathBench(schedules: readonly number[], msPerSchedule: number): InputPathRow[] {
  const codec = new GameCodec(arena);
  return schedules.map((ticksPerMessage) => {
    const { messages } = record(codec, ticksPerMessage);
    const skippedByLossPercent: Record<number, number> = {};
    for (const p of SIMULATED_LOSS_PERCENTS) skippedByLossPercent[p] = record(codec, ticksPerMessage, p / 100).queue.skipped;
    const q = new InputQueue(codec.input);
    for (let i = 0; i < 3; i++) replay(codec, q, messages); // warm up the JIT
    let runs = 0;
    const start = performance.now();
    let now = start;
    while (now - start < msPerSchedule) {
      replay(codec, q, messages);
      runs++;
      now = performance.now();
    }
    const msPerRun = (now - start) / runs;
    const seconds = RECORDED_TICKS / TICK_RATE;
    return {
      ticksPerMessage,
      messagesPerSec: messages.length / seconds,
      bytesPerMessage: messages.reduce((n, x) => n + x.bytes.length, 0) / messages.length,
      nsPerMessage: (msPerRun * 1e6) / messages.length,
      cpuUsPerPlayerSec: (msPerRun * 1000) / seconds,
      skippedByLossPercent,
    };
  });
}
