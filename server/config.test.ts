import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, configHelp, loadConfig, resolveConfig } from './config';

describe('config', () => {
  it('uses defaults, then env, then flags', () => {
    expect(loadConfig({}, [])).toEqual(DEFAULT_CONFIG);
    const c = loadConfig({ PORT: '9000', HOST: '0.0.0.0', TICKWIRE_ALLOWED_ORIGINS: 'https://a.example, https://b.example' }, ['--port', '9100', '--tick-rate=30', '--snapshot-rate', '15']);
    expect(c.port).toBe(9100);
    expect(c.host).toBe('0.0.0.0');
    expect(c.tickRate).toBe(30);
    expect(c.snapshotRate).toBe(15);
    expect(c.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('lists every problem at once', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' }, ['--tick-rate', '0', '--bogus', '1', '--max-rooms']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/env PORT: must be an integer from 0 to 65535 \(got "eighty"\)/);
    expect(problems.join('\n')).toMatch(/env LOG_LEVEL: must be one of/);
    expect(problems.join('\n')).toMatch(/--tick-rate: must be an integer from 1 to 240/);
    expect(problems.join('\n')).toMatch(/unknown flag --bogus/);
    expect(problems.join('\n')).toMatch(/--max-rooms: needs a value/);
  });

  it('checks relations between settings', () => {
    expect(() => loadConfig({}, ['--tick-rate', '60', '--snapshot-rate', '25'])).toThrow(/must divide tickRate/);
    expect(() => resolveConfig({ defaultMaxPlayers: 20, maxPlayersPerRoom: 10 })).toThrow(/exceeds maxPlayersPerRoom/);
    expect(() => resolveConfig({ port: -1 })).toThrow(ConfigError);
  });

  // ---- cluster core (issue 11) ----
  it('reads the cluster flags and refuses malformed ones, all at once', () => {
    const c = loadConfig({ REDIS_URL: 'redis://10.0.0.5:6379' }, ['--node-id', 'a-1', '--public-url', 'https://play.example.com/n/a', '--workers', '0']);
    expect(c).toMatchObject({ redisUrl: 'redis://10.0.0.5:6379', nodeId: 'a-1', publicUrl: 'https://play.example.com/n/a', workers: 0, clusterHeartbeatMs: 1000 });
    expect(loadConfig({}, []).redisUrl).toBe('');
    let err: unknown;
    try {
      loadConfig({}, ['--redis', 'http://x', '--node-id', 'Bad Id', '--public-url', 'ftp://x', '--workers', '-1', '--cluster-heartbeat', '5']);
    } catch (e) {
      err = e;
    }
    expect((err as ConfigError).problems).toHaveLength(5);
  });

  it('documents every option in --help', () => {
    const help = configHelp();
    for (const flag of ['--port', '--host', '--tick-rate', '--allowed-origins', '--session-handoff']) expect(help).toContain(flag);
  });

  // ---- replays and operator console (issue 15) ----
  it('reads the replay and console flags, and refuses a short admin token', () => {
    const c = loadConfig({ TICKWIRE_ADMIN_TOKEN: 'x'.repeat(16) }, ['--replays=false', '--replay-dir', '/tmp/r', '--replay-max-files', '3', '--replay-keyframe-sec', '2']);
    expect(c).toMatchObject({ replays: false, replayDir: '/tmp/r', replayMaxFiles: 3, replayKeyframeSec: 2, adminToken: 'x'.repeat(16) });
    expect(() => loadConfig({}, ['--admin-token', 'short'])).toThrow(/--admin-token: must be 16-512 printable ASCII/);
    expect(() => loadConfig({}, ['--replay-keyframe-sec', '0'])).toThrow(/--replay-keyframe-sec/);
  });
});

describe('config: spectators (issue 15)', () => {
  it('--max-spectators: default 32, 0 turns watching off, bounded', () => {
    expect(DEFAULT_CONFIG.maxSpectators).toBe(32);
    expect(loadConfig({ TICKWIRE_MAX_SPECTATORS: '0' }, []).maxSpectators).toBe(0);
    expect(loadConfig({}, ['--max-spectators', '200']).maxSpectators).toBe(200);
    expect(() => loadConfig({}, ['--max-spectators', '-1'])).toThrow(/--max-spectators/);
    expect(configHelp()).toContain('--max-spectators');
  });
});

describe('config: room mobility (issue 11)', () => {
  it('--checkpoint-interval-ms: default 1 s, bounded', () => {
    expect(DEFAULT_CONFIG.checkpointIntervalMs).toBe(1000);
    expect(loadConfig({ TICKWIRE_CHECKPOINT_INTERVAL_MS: '250' }, []).checkpointIntervalMs).toBe(250);
    expect(loadConfig({}, ['--checkpoint-interval-ms', '5000']).checkpointIntervalMs).toBe(5000);
    expect(() => loadConfig({}, ['--checkpoint-interval-ms', '10'])).toThrow(/--checkpoint-interval-ms: must be an integer from 100/);
    expect(configHelp()).toContain('--checkpoint-interval-ms');
  });
});

describe('config: join storms (issue 14)', () => {
  it('--listen-sockets: default 4 accept queues, 1 = one exclusive socket, bounded', () => {
    expect(DEFAULT_CONFIG.listenSockets).toBe(4);
    expect(loadConfig({ TICKWIRE_LISTEN_SOCKETS: '1' }, []).listenSockets).toBe(1);
    expect(loadConfig({}, ['--listen-sockets', '8']).listenSockets).toBe(8);
    expect(() => loadConfig({}, ['--listen-sockets', '0'])).toThrow(/--listen-sockets: must be an integer from 1 to 64/);
    expect(configHelp()).toContain('--listen-sockets');
  });
});
