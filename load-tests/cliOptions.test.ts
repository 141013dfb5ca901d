import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLoadArgs } from './cliOptions';
import { checkTarget, isLoopbackHost } from './targetGuard';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

describe('targetGuard', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])('accepts loopback %s', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });

  it.each(['10.0.0.1', 'example.com', '128.0.0.1', '0.0.0.0', '127.0.0.256', 'localhost.example.com'])('refuses %s', (h) => {
    expect(isLoopbackHost(h)).toBe(false);
  });

  it('refuses remote URLs unless allowed, naming the flag', () => {
    expect(checkTarget('http://10.0.0.1:8080', false)).toMatch(/10\.0\.0\.1 is not a loopback.*--allow-remote/);
    expect(checkTarget('http://example.com', false)).toMatch(/example\.com is not a loopback/);
    expect(checkTarget('http://example.com', true)).toBeNull();
    expect(checkTarget('http://[::1]:9000', false)).toBeNull();
  });
});

describe('parseLoadArgs', () => {
  it('parses a valid command line with defaults filled in', () => {
    const r = parseLoadArgs(['play', '--clients', '40', '--duration=3', '--json', '--url', 'http://127.0.0.1:9999']);
    expect(r.ok).toBe(true);
    if (r.ok !== true) return;
    expect(r.options).toMatchObject({ scenario: 'play', clients: 40, rooms: 4, durationSec: 3, json: true, url: 'http://127.0.0.1:9999' });
  });

  it('play takes a game, an input schedule and a simulated upstream loss', () => {
    const r = parseLoadArgs(['play', '--game', 'arena', '--ticks-per-message', '3', '--uplink-loss=5']);
    expect(r.ok).toBe(true);
    if (r.ok !== true) return;
    expect(r.options).toMatchObject({ game: 'arena', ticksPerMessage: 3, uplinkLossPercent: 5 });
    const bad = parseLoadArgs(['connect', '--game', 'Chess!', '--ticks-per-message', '0', '--uplink-loss', '60']);
    expect(bad.ok).toBe(false);
    if (bad.ok !== false) return;
    expect(bad.problems).toEqual([
      '--ticks-per-message: must be an integer from 1 to 8 (got "0")',
      '--uplink-loss: must be an integer from 0 to 50 (got "60")',
      '--game: "Chess!" is not a game name (^[a-z][a-z0-9-]{0,23}$)',
      '--game only applies to the play scenario',
      '--ticks-per-message only applies to the play scenario',
      '--uplink-loss only applies to the play scenario',
    ]);
  });

  it('play --lean: lean full-behaviour bots, not with --light or --fast-client, nor for other scenarios', () => {
    const r = parseLoadArgs(['play', '--lean', '--clients', '2000']);
    expect(r.ok).toBe(true);
    if (r.ok !== true) return;
    expect(r.options).toMatchObject({ lean: true, light: false, fastClient: false });
    const bad = parseLoadArgs(['play', '--lean', '--light', '--fast-client']);
    expect(bad.ok).toBe(false);
    if (bad.ok !== false) return;
    expect(bad.problems).toEqual(['--lean replaces --light and --fast-client (it uses the built-in client and reads snapshot headers)']);
    const other = parseLoadArgs(['connect', '--lean']);
    expect(other.ok === false && other.problems).toEqual(['--lean only applies to the play scenario']);
  });

  it('lists every problem at once', () => {
    const r = parseLoadArgs([
      'play',
      '--clients',
      '0',
      '--duration',
      'soon',
      '--bogus',
      '--workers',
      '--url',
      'http://10.0.0.1:8080',
      '--raw',
      '--hold',
    ]);
    expect(r.ok).toBe(false);
    if (r.ok !== false) return;
    expect(r.problems).toEqual([
      '--clients: must be an integer from 1 to 100000 (got "0")',
      '--duration: must be an integer from 1 to 3600 (got "soon")',
      'unknown flag --bogus',
      '--workers: needs a value',
      expect.stringMatching(/^--url: 10\.0\.0\.1 is not a loopback/),
      '--raw only applies to the throughput scenario',
      '--hold only applies to the connect scenario',
    ]);
  });

  it('requires a known scenario', () => {
    const missing = parseLoadArgs(['--duration', '2']);
    const unknown = parseLoadArgs(['storm']);
    expect(missing.ok === false && missing.problems[0]).toMatch(/missing scenario/);
    expect(unknown.ok === false && unknown.problems[0]).toMatch(/unknown scenario "storm"/);
  });

  it('refuses example.com without --allow-remote and accepts it with', () => {
    expect(parseLoadArgs(['http', '--url', 'http://example.com']).ok).toBe(false);
    expect(parseLoadArgs(['http', '--url', 'http://example.com', '--allow-remote']).ok).toBe(true);
  });

  it('the CLI exits 2 and prints every problem, without connecting anywhere', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'load-tests/cli.ts', 'connect', '--url', 'http://10.0.0.1', '--rate', 'x', '--nope'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/3 problem\(s\)/);
    expect(r.stderr).toMatch(/--rate: must be an integer/);
    expect(r.stderr).toMatch(/unknown flag --nope/);
    expect(r.stderr).toMatch(/10\.0\.0\.1 is not a loopback/);
  });
});
