import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './benchArgs';

describe('parseBenchArgs', () => {
  it('defaults to every part, full length', () => {
    expect(parseBenchArgs([])).toEqual({ ok: true, options: { quick: false, parts: ['echo', 'codec', 'uplink', 'peer', 'memory', 'join', 'netcode', 'spectators'], maxPlayers: 3000, json: false } });
  });

  it('parses --quick, --parts and --max-players', () => {
    const r = parseBenchArgs(['--quick', '--parts=codec,peer', '--max-players', '500']);
    expect(r).toEqual({ ok: true, options: { quick: true, parts: ['codec', 'peer'], maxPlayers: 500, json: false } });
  });

  it('reports every problem at once', () => {
    const r = parseBenchArgs(['--parts', 'codec,gpu', '--max-players', '5', '--fast']);
    expect(r).toEqual({
      ok: false,
      problems: ['--parts: unknown part(s) gpu (known: echo, codec, uplink, peer, memory, join, netcode, spectators)', '--max-players: must be an integer from 10 to 20000 (got "5")', 'unknown flag --fast'],
    });
  });
});
