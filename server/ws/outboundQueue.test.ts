import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'uWebSockets.js';
import { SendStatus } from '../rooms/clientLink';
import { OutboundQueue } from './outboundQueue';
import { UwsLink } from './uwsLink';

/** A uWS socket stand-in that records what was written and in which cork. */
function fakeSocket(log: string[], name: string, buffered = 0) {
  let corks = 0;
  const ws = {
    buffered,
    send: vi.fn((bytes: Uint8Array): SendStatus => {
      log.push(`${name}${corks > 0 ? '(corked)' : ''}:${Array.from(bytes).join(',')}`);
      return SendStatus.Success;
    }),
    cork: vi.fn((fn: () => void) => {
      corks++;
      fn();
      corks--;
    }),
    getBufferedAmount: () => ws.buffered,
    end: vi.fn((code: number) => log.push(`${name}:end ${code}`)),
  };
  return ws;
}

function setup(cap = 1000) {
  const log: string[] = [];
  const stats = { sendPassDropped: 0 };
  let clock = 0;
  const queue = new OutboundQueue(stats, () => clock);
  const make = (name: string, buffered = 0) => {
    const ws = fakeSocket(log, name, buffered);
    return { ws, link: new UwsLink(ws as unknown as WebSocket<unknown>, queue, cap) };
  };
  return { log, stats, queue, make, advance: (ms: number) => (clock += ms) };
}

describe('OutboundQueue with UwsLink', () => {
  it('holds what links send during a tick and writes it after, one cork per link, in order', () => {
    const { log, queue, make } = setup();
    const a = make('a');
    const b = make('b');
    queue.hold();
    expect(a.link.sendBatch(Uint8Array.of(1), [Uint8Array.of(2)])).toBe(SendStatus.Success);
    b.link.send(Uint8Array.of(3));
    a.link.send(Uint8Array.of(4));
    queue.release();
    expect(log).toEqual([]);
    expect(a.link.bufferedAmount()).toBe(3);
    expect(queue.flush(Infinity)).toBe(true);
    expect(log).toEqual(['a(corked):1', 'a(corked):2', 'a(corked):4', 'b(corked):3']);
    expect(a.ws.cork).toHaveBeenCalledTimes(1);
    expect(a.link.bufferedAmount()).toBe(0);
    expect(queue.pending).toBe(false);
    expect(queue.queuedBytes).toBe(0);
  });

  it('copies the bytes: the caller may reuse its buffer at once (the broadcaster patches ackSeq per client)', () => {
    const { log, queue, make } = setup();
    const a = make('a');
    const b = make('b');
    const shared = Uint8Array.of(7, 0);
    queue.hold();
    shared[1] = 1;
    a.link.send(shared);
    shared[1] = 2;
    b.link.send(shared);
    queue.release();
    queue.flush(Infinity);
    expect(log).toEqual(['a(corked):7,1', 'b(corked):7,2']);
  });

  it('writes at once outside a tick, but behind the frames a link still has queued', () => {
    const { log, queue, make } = setup();
    const a = make('a');
    const b = make('b');
    a.link.send(Uint8Array.of(9));
    expect(log).toEqual(['a:9']);
    queue.hold();
    a.link.send(Uint8Array.of(1));
    queue.release();
    a.link.send(Uint8Array.of(2)); // e.g. a Pong before the send pass reached a
    b.link.send(Uint8Array.of(3)); // b has nothing queued: straight out
    expect(log).toEqual(['a:9', 'b:3']);
    queue.flush(Infinity);
    expect(log).toEqual(['a:9', 'b:3', 'a(corked):1', 'a(corked):2']);
  });

  it('reports the queued bytes as backpressure and drops past the cap, as uWS would', () => {
    const { queue, make } = setup(10);
    const a = make('a', 4);
    queue.hold();
    expect(a.link.send(new Uint8Array(5))).toBe(SendStatus.Backpressure);
    expect(a.link.bufferedAmount()).toBe(9);
    expect(a.link.send(new Uint8Array(5))).toBe(SendStatus.Backpressure); // 9 waiting ≤ 10: accepted
    expect(a.link.send(new Uint8Array(1))).toBe(SendStatus.Dropped); // 14 waiting > 10
    expect(a.link.bufferedAmount()).toBe(14);
  });

  it('sends a link’s queued frames before its close frame', () => {
    const { log, queue, make } = setup();
    const a = make('a');
    queue.hold();
    a.link.send(Uint8Array.of(5));
    a.link.close(4004, 'slow');
    queue.release();
    expect(log).toEqual(['a(corked):5', 'a:end 4004']);
    queue.flush(Infinity);
    expect(log).toHaveLength(2);
  });

  it('forgets the frames of a socket that closed', () => {
    const { log, queue, make } = setup();
    const a = make('a');
    queue.hold();
    a.link.send(Uint8Array.of(5));
    queue.release();
    a.link.markClosed();
    expect(queue.flush(Infinity)).toBe(true);
    expect(log).toEqual([]);
  });

  it('stops at the deadline and resumes where it left off', () => {
    const { log, queue, make, advance } = setup();
    const links = Array.from({ length: 20 }, (_, i) => make(`l${i}`));
    queue.hold();
    links.forEach((l, i) => l.link.send(Uint8Array.of(i)));
    queue.release();
    advance(5);
    expect(queue.flush(0)).toBe(false);
    expect(log.length).toBeGreaterThan(0);
    expect(log.length).toBeLessThan(20);
    expect(queue.pending).toBe(true);
    expect(queue.flush(Infinity)).toBe(true);
    expect(log).toEqual(links.map((_, i) => `l${i}(corked):${i}`));
  });

  it('counts frames the socket refuses in the pass', () => {
    const { stats, queue, make } = setup();
    const a = make('a');
    a.ws.send.mockReturnValue(SendStatus.Dropped);
    queue.hold();
    a.link.send(Uint8Array.of(1));
    queue.release();
    queue.flush(Infinity);
    expect(stats.sendPassDropped).toBe(1);
  });

  it('grows past its initial arena and keeps every frame intact', () => {
    const { log, queue, make } = setup(Infinity);
    const links = Array.from({ length: 40 }, (_, i) => make(`l${i}`));
    queue.hold();
    for (const [i, l] of links.entries()) l.link.send(new Uint8Array(4096).fill(i));
    queue.release();
    queue.flush(Infinity);
    expect(log).toHaveLength(40);
    for (const [i, line] of log.entries()) expect(line.endsWith(`,${i}`)).toBe(true);
  });

  it('stops writing to a socket that closed under a write (uWS would throw on the next)', () => {
    const { log, queue, make } = setup();
    const a = make('a');
    a.ws.send.mockImplementation((bytes: Uint8Array) => {
      log.push(`a:${bytes[0]}`);
      a.link.markClosed();
      return SendStatus.Success;
    });
    queue.hold();
    a.link.send(Uint8Array.of(1));
    a.link.send(Uint8Array.of(2));
    queue.release();
    queue.flush(Infinity);
    expect(log).toEqual(['a:1']);
  });
});
