/**
 * The replay page (/replay?id=…): loads a recorded match, re-simulates it
 * with the game's own shared simulation (checking keyframe hashes as it goes)
 * and draws it with the game's own client modules (its logic's view and its
 * presenter), as a spectator following one player. Play, pause, speed
 * 0.25–4×, seek by keyframe, follow any player.
 *
 *   playhead (fractional tick) ─▶ cursor steps to ceil(playhead) ─▶ prev/next views ─▶ lerp ─▶ logic.view ─▶ presenter
 */
import { clientGames } from '../games/registry';
import type { AnyClientGame, GameLogic, GamePresenter } from '../sdk/gameModule';
import { DrawnTable, lerpTables } from '../sdk/netcode/entityLerp';
import { EntityTable } from '../../../shared/protocol/entityTable';
import type { AnyEvent } from '../../../shared/protocol/eventSchema';
import { GameCodec } from '../../../shared/protocol/gameCodec';
import { ReplayFormatError } from '../../../server/replay/replayFormat';
import { ReplayCursor } from './replayCursor';
import { loadReplay, type LoadedReplay } from './replayLoader';

declare global {
  interface Window {
    __tickwireReplay?: { state(): ReplayDebugState };
  }
}

export interface ReplayDebugState {
  loaded: boolean;
  error: string;
  tick: number;
  endTick: number;
  playing: boolean;
  speed: number;
  follow: number;
  verified: number;
  mismatches: number[];
  keyframes: number[];
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const statusLine = $('replay-status');
const debug: ReplayDebugState = { loaded: false, error: '', tick: 0, endTick: 0, playing: true, speed: 1, follow: 0, verified: 0, mismatches: [], keyframes: [] };
window.__tickwireReplay = { state: () => ({ ...debug }) };

class ReplayPlayer {
  private readonly cursor: ReplayCursor;
  private readonly codec: GameCodec;
  private prev: EntityTable;
  private next: EntityTable;
  private readonly drawn: DrawnTable;
  private logic: GameLogic<unknown, unknown, unknown>;
  private readonly names = new Map<number, string>();
  private readonly events: AnyEvent[] = [];
  private readonly feed: { text: string; atMs: number }[] = [];
  private playhead = 0;
  private lastFrameMs = performance.now();

  constructor(
    private readonly replay: LoadedReplay,
    private readonly module: AnyClientGame,
    private readonly presenter: GamePresenter<unknown, unknown>,
  ) {
    this.codec = new GameCodec(replay.game);
    this.cursor = new ReplayCursor(replay.game, replay.header, replay.footer, replay.records);
    this.prev = new EntityTable(this.codec.layout.stride, 256);
    this.next = new EntityTable(this.codec.layout.stride, 256);
    this.drawn = new DrawnTable(this.codec.layout.stride);
    for (const p of replay.footer.players) this.names.set(p.id, p.name);
    debug.follow = replay.footer.players[0]?.id ?? 0;
    this.logic = this.makeLogic();
    debug.endTick = replay.footer.lastActiveTick || replay.footer.endTick;
    debug.keyframes = this.cursor.keyframeTicks;
    this.seek(0);
  }

  makeLogic(): GameLogic<unknown, unknown, unknown> {
    const h = this.replay.header;
    return this.module.createLogic({ seed: h.seed, tickRate: h.tickRate, snapshotRate: h.tickRate, playerId: debug.follow, roomId: h.roomId, roomName: h.roomName, layout: this.codec.layout });
  }

  follow(id: number): void {
    debug.follow = id;
    this.logic = this.makeLogic();
    this.capture(this.next);
  }

  /** Jump to `tick` (a keyframe, or 0). */
  seek(tick: number): void {
    const target = Math.max(1, Math.min(tick, debug.endTick));
    this.fail(this.cursor.seek(target - 1));
    this.takeEvents(false);
    this.capture(this.next);
    this.stepOnce(false);
    this.playhead = target - 1;
  }

  frame(nowMs: number): void {
    const dtMs = Math.min(250, nowMs - this.lastFrameMs);
    this.lastFrameMs = nowMs;
    const rate = this.replay.header.tickRate;
    if (debug.playing) this.playhead = Math.min(debug.endTick - 1e-6, this.playhead + (dtMs / 1000) * rate * debug.speed);
    while (this.cursor.tick < Math.ceil(this.playhead + 1e-9) && this.cursor.tick < debug.endTick) this.stepOnce(true);
    const alpha = Math.max(0, Math.min(1, this.playhead - (this.cursor.tick - 1)));
    lerpTables(this.prev, this.next, alpha, this.logic.lerp, this.drawn);
    const view = this.logic.view({
      nowMs,
      renderTick: this.playhead,
      tickRate: rate,
      playerId: debug.follow,
      drawn: this.drawn,
      newest: this.next,
      myRow: this.next.indexOf(debug.follow),
      predicted: null,
      predictedDraw: null,
      nameOf: (id) => this.names.get(id) ?? `#${id}`,
    });
    this.presenter.render(view, { nowMs, roomName: this.replay.header.roomName });
    Object.assign(debug, { tick: this.cursor.tick, verified: this.cursor.verified, mismatches: [...this.cursor.mismatches] });
    this.showStatus(nowMs);
  }

  private stepOnce(live: boolean): void {
    [this.prev, this.next] = [this.next, this.prev];
    const r = this.cursor.step();
    if (r instanceof ReplayFormatError) return this.fail(r);
    this.takeEvents(live);
    this.capture(this.next);
  }

  private capture(t: EntityTable): void {
    t.begin(this.cursor.tick);
    this.replay.game.writeView(this.cursor.sim.machine.state, { playerId: debug.follow, focus: debug.follow, x: 0, y: 0 }, t);
    t.finish();
  }

  /** Room events keep the names; the rest go to the game's logic (its effects and feed) when playing. */
  private takeEvents(live: boolean): void {
    this.cursor.takeEvents(this.events);
    const now = performance.now();
    for (const e of this.events) {
      const ev = e as AnyEvent & { id?: number; name?: string; text?: string };
      if (ev.type === 'joined' && ev.id) this.names.set(ev.id, ev.name ?? '');
      if (!live) continue;
      if (ev.type === 'chat') this.feed.push({ text: `${this.names.get(ev.id ?? 0) ?? '?'}: ${ev.text ?? ''}`, atMs: now });
      else if (ev.type !== 'joined' && ev.type !== 'left') {
        this.logic.onEvent(e, { nowMs: now, playerId: debug.follow, nameOf: (id) => this.names.get(id) ?? `#${id}`, feed: (text) => this.feed.push({ text, atMs: now }) });
      }
    }
    this.events.length = 0;
  }

  private showStatus(nowMs: number): void {
    while (this.feed.length > 0 && (nowMs - this.feed[0].atMs > 6000 || this.feed.length > 6)) this.feed.shift();
    $('replay-feed').textContent = this.feed.map((f) => f.text).join('\n');
    $('replay-feed').style.whiteSpace = 'pre';
    const t = this.cursor.tick;
    const rate = this.replay.header.tickRate;
    $('replay-tick').textContent = `${(t / rate).toFixed(1)} / ${(debug.endTick / rate).toFixed(1)} s`;
    const kf = this.cursor.keyframeTicks;
    let at = 0;
    while (at + 1 < kf.length && kf[at + 1] <= t) at++;
    $<HTMLInputElement>('replay-seek').value = String(at);
    const bad = this.cursor.mismatches;
    statusLine.textContent = `${this.replay.header.roomName} · ${this.replay.game.title} · keyframes verified ${this.cursor.verified}${bad.length ? ` · MISMATCH at tick ${bad[0]}` : ''}`;
  }

  private fail(e: ReplayFormatError | null): void {
    if (!e) return;
    debug.error = e.message;
    debug.playing = false;
    statusLine.textContent = `This replay cannot be played: ${e.message}`;
  }
}

async function start(): Promise<void> {
  const id = new URLSearchParams(location.search).get('id') ?? '';
  const loaded = await loadReplay(id, clientGames.map((m) => m.definition));
  if (loaded instanceof ReplayFormatError) {
    debug.error = loaded.message;
    statusLine.textContent = `This replay cannot be played: ${loaded.message}`;
    return;
  }
  const module = clientGames.find((m) => m.definition.name === loaded.game.name)!;
  const presenter = (await module.createPresenter()) as GamePresenter<unknown, unknown>;
  await presenter.init($('replay-stage'));
  const player = new ReplayPlayer(loaded, module, presenter);
  wireControls(player, loaded);
  debug.loaded = true;
  const frame = (t: number) => {
    requestAnimationFrame(frame);
    player.frame(t);
  };
  requestAnimationFrame(frame);
}

function wireControls(player: ReplayPlayer, loaded: LoadedReplay): void {
  const play = $<HTMLButtonElement>('replay-play');
  play.addEventListener('click', () => {
    debug.playing = !debug.playing;
    play.textContent = debug.playing ? 'Pause' : 'Play';
  });
  $<HTMLSelectElement>('replay-speed').addEventListener('change', (e) => (debug.speed = Number((e.target as HTMLSelectElement).value)));
  const seek = $<HTMLInputElement>('replay-seek');
  seek.max = String(Math.max(0, debug.keyframes.length - 1));
  seek.addEventListener('input', () => player.seek(debug.keyframes[Number(seek.value)] ?? 0));
  const nearest = (dir: 1 | -1) => {
    const kf = debug.keyframes;
    const t = debug.tick;
    const target = dir > 0 ? kf.find((k) => k > t) : [...kf].reverse().find((k) => k < t - 1);
    player.seek(target ?? (dir > 0 ? debug.endTick : 0));
  };
  $('replay-prev').addEventListener('click', () => nearest(-1));
  $('replay-next').addEventListener('click', () => nearest(1));
  const follow = $<HTMLSelectElement>('replay-follow');
  follow.replaceChildren(...loaded.footer.players.map((p) => Object.assign(document.createElement('option'), { value: String(p.id), textContent: p.name })));
  follow.addEventListener('change', () => player.follow(Number(follow.value)));
}

start().catch((err: unknown) => {
  debug.error = err instanceof Error ? err.message : String(err);
  statusLine.textContent = `The replay could not start: ${debug.error}`;
});
