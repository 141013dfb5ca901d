/**
 * A deploy, for real: the CLI server with --session-handoff and 200 playing
 * arena bots, some of which have scored kills. SIGTERM → every bot gets 1012
 * and the process exits 0 within 5 s; a successor starts on the same port
 * and adopts the handed-off sessions; the bots reconnect with backoff and
 * resume, and every bot's player comes back with exactly the fields it had
 * (position, health, score, kills, deaths, ...). Reports the time until all
 * are back.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createRng, nextRandom } from '../../shared/engine/prng';
import { ArenaKind } from '../../shared/game/arena/constants';
import { ArenaField } from '../../shared/game/arena/schema';
import { CloseCode } from '../../shared/protocol/constants';
import { ArenaFighter } from './arenaFighter';
import { freePort, sleep, spawnServerCli, type CliServer } from './hostileKit';

const BOTS = Number(process.env.TICKWIRE_RESTART_BOTS ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'tickwire-restart-'));
const servers: CliServer[] = [];
const bots: ArenaFighter[] = [];

afterAll(() => {
  for (const b of bots) b.client.close();
  for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

export async function restartScenario(botCount: number, label: string): Promise<void> {
  const port = await freePort();
  const handoff = join(dir, `handoff-${label}.json`);
  // Every bot comes from 127.0.0.1: the per-address seat quota is lifted (the detached quota stays:
  // a drain's sessions do not count against it, which this test checks).
  const args = ['--port', String(port), '--host', '127.0.0.1', '--session-handoff', handoff, '--log-level', 'warn'];
  const first = spawnServerCli(args);
  servers.push(first);
  const url = await first.url;

  // Join in batches, then fight until some bots have scored.
  for (let i = 0; i < botCount; i += 25) {
    bots.push(...(await Promise.all(Array.from({ length: Math.min(25, botCount - i) }, (_, k) => ArenaFighter.join(url, `${label}${i + k}`)))));
  }
  const fighting = setInterval(() => bots.forEach((b) => b.act(true)), 1000 / 30);
  const scorers = () => bots.filter((b) => (b.me()?.score ?? 0) > 0).length;
  const fightDeadline = performance.now() + 30_000;
  while (scorers() < Math.min(10, botCount / 4) && performance.now() < fightDeadline) await sleep(200);
  clearInterval(fighting);
  // Stand still until the world settles (projectiles gone, the dead respawned, everyone at rest),
  // judged on game state rather than wall time: a loaded machine runs ticks late.
  const still = setInterval(() => bots.forEach((b) => b.act(false)), 1000 / 30);
  const settled = () =>
    bots.every((b) => {
      b.drain();
      const me = b.me();
      const t = b.replica.latest;
      const projectiles = t ? Array.from(t.kinds.subarray(0, t.count)).filter((k) => k === ArenaKind.Projectile).length : 1;
      return me !== undefined && me.respawnTicks === 0 && me.cooldownTicks === 0 && me.vx === 0 && me.vy === 0 && projectiles === 0;
    });
  const settleDeadline = performance.now() + 20_000;
  let calm = 0;
  while (calm < 3 && performance.now() < settleDeadline) {
    await sleep(200);
    calm = settled() ? calm + 1 : 0;
  }
  if (calm < 3) {
    const unsettled = bots.filter((b) => { const me = b.me(); return !me || me.respawnTicks || me.cooldownTicks || me.vx || me.vy; });
    console.log('unsettled', unsettled.length, unsettled.slice(0, 5).map((b) => [b.name, b.replica.ackTick, JSON.stringify(b.me())]));
    console.log('projectiles', bots.filter((b) => { const t = b.replica.latest; return !t || Array.from(t.kinds.subarray(0, t.count)).some((k) => k === ArenaKind.Projectile); }).length);
  }
  const before = new Map(bots.map((b) => [b, b.row()]));
  const scored = scorers();
  clearInterval(still);

  // Deploy: SIGTERM; the bots start reconnecting (with backoff) as soon as they see the 1012;
  // the successor starts on the same port as soon as the old process is gone.
  const t0 = performance.now();
  first.child.kill('SIGTERM');
  const seed = createRng(0x5eed);
  const resumed = Promise.all(bots.map((b) => b.client.closedWith(5000).then(() => b.resume(url, () => nextRandom(seed), t0 + 30_000))));
  const exited = await first.exit;
  const second = spawnServerCli(args);
  servers.push(second);
  await second.url;
  const listeningAt = performance.now();
  await resumed;
  const allBackAt = Math.max(...bots.map((b) => b.resumedAtMs ?? Infinity));

  // Each resumed bot gets a full snapshot of its restored player.
  await Promise.all(bots.map((b) => b.client.waitUntil(() => (b.drain(), b.row() !== undefined), 'first snapshot after resume', 10_000)));
  const changed = bots.filter((b) => JSON.stringify(b.row()) !== JSON.stringify(before.get(b)));
  const attempts = bots.map((b) => b.resumeAttempts);
  console.log(
    `restart (${label}): ${botCount} bots, ${scored} with score > 0 (total score ${bots.reduce((n, b) => n + (before.get(b)?.[ArenaField.Score] ?? 0), 0)}); ` +
      `exit ${exited.code} after ${(exited.atMs - t0).toFixed(0)} ms; successor listening after ${(listeningAt - t0).toFixed(0)} ms; ` +
      `all ${botCount} resumed ${(allBackAt - t0).toFixed(0)} ms after SIGTERM (${(allBackAt - listeningAt).toFixed(0)} ms after the successor listened); ` +
      `resume attempts per bot: max ${Math.max(...attempts)}, mean ${(attempts.reduce((a, b) => a + b, 0) / attempts.length).toFixed(1)}; ` +
      `fields changed: ${changed.length}`,
  );

  expect(exited).toMatchObject({ code: 0, signal: null });
  expect(exited.atMs - t0).toBeLessThan(5000);
  for (const b of bots) expect(b.closes[0], b.name).toBe(CloseCode.ServiceRestart);
  expect(bots.filter((b) => b.resumeFailure !== null).map((b) => `${b.name}: ${b.resumeFailure}`)).toEqual([]);
  expect(calm, 'the world settled before the restart').toBe(3);
  expect(scored).toBeGreaterThan(0);
  expect(changed.map((b) => ({ bot: b.name, before: before.get(b), after: b.row() }))).toEqual([]);
  expect(existsSync(handoff)).toBe(false); // adopted and deleted: it holds tokens

  second.child.kill('SIGTERM');
  expect((await second.exit).code).toBe(0);
  for (const b of bots.splice(0)) b.client.close();
}

it(`SIGTERM with ${BOTS} bots: 1012, exit 0 within 5 s, successor adopts every session, no score lost`, { timeout: 120_000 }, async () => {
  await restartScenario(BOTS, 'r');
});
