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
});
