import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInboxMessage } from './mobilityInboxMessages';
import { parsePresence, pickTargets, type NodePresence } from './nodePresence';

describe('inbox messages from other nodes are checked like client frames', () => {
  it('accepts take and taken, ignores the cluster core\'s own types', () => {
    expect(parseInboxMessage(JSON.stringify({ t: 'mobility.take', roomId: 'abc123', from: 'node-a', reqId: 'ff01' }))).toMatchObject({ t: 'mobility.take' });
    expect(parseInboxMessage(JSON.stringify({ t: 'mobility.taken', roomId: 'abc123', reqId: 'ff01', ok: false, error: 'x' }))).toMatchObject({ ok: false });
    expect(parseInboxMessage(JSON.stringify({ t: 'kick', id: 1 }))).toEqual({ t: 'other' });
  });

  it('refuses extra keys, bad ids, oversize and non-JSON, and never throws', () => {
    expect(parseInboxMessage(JSON.stringify({ t: 'mobility.take', roomId: 'abc', from: 'a', reqId: '1', extra: 1 })).t).toBe('invalid');
    expect(parseInboxMessage(JSON.stringify({ t: 'mobility.take', roomId: '../x', from: 'a', reqId: '1' })).t).toBe('invalid');
    expect(parseInboxMessage(`{"t":"mobility.take","pad":"${'x'.repeat(2000)}"}`).t).toBe('invalid');
    expect(parseInboxMessage('{not json').t).toBe('invalid');
    fc.assert(fc.property(fc.string(), (s) => void parseInboxMessage(s)));
  });
});

describe('node presence', () => {
  const node = (nodeId: string, players: number, draining = false): NodePresence => ({ nodeId, url: `http://${nodeId}:1`, startedAtMs: 0, rooms: 1, players, draining });

  it('a malformed presence value counts as dead', () => {
    expect(parsePresence(JSON.stringify(node('a', 1)))).toEqual(node('a', 1));
    expect(parsePresence(null)).toBeNull();
    expect(parsePresence('{')).toBeNull();
    expect(parsePresence(JSON.stringify({ ...node('a', 1), url: 'javascript:alert(1)' }))).toBeNull();
  });

  it('targets: live, not draining, not this node, emptiest first', () => {
    expect(pickTargets([node('a', 5), node('b', 9), node('c', 1), node('d', 0, true)], 'a').map((n) => n.nodeId)).toEqual(['c', 'b']);
  });
});
