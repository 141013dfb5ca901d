/**
 * Client frames written by wsClientFrame, read back by an independent parser:
 * the `ws` package's server-side Receiver (which refuses unmasked client
 * frames), across every length form and random masking keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import { clientHeaderBytes, writeClientFrame } from './wsClientFrame';

/** ws' frame parser (untyped in @types/ws): a Writable that emits 'message' and 'error'. */
interface FrameReceiver {
  on(event: 'message', cb: (data: Buffer) => void): void;
  on(event: 'error', cb: (err: Error) => void): void;
  write(chunk: Uint8Array): void;
}
const Receiver = (wsModule as unknown as { Receiver: new (o: { isServer: boolean; binaryType: string; maxPayload: number }) => FrameReceiver }).Receiver;

/** Parse `frames` as a server would; resolves to the payloads received, or the Receiver's error. */
function receive(frames: Uint8Array[]): Promise<Buffer[] | Error> {
  return new Promise((resolve) => {
    const got: Buffer[] = [];
    const r = new Receiver({ isServer: true, binaryType: 'nodebuffer', maxPayload: 1 << 20 });
    r.on('message', (data: Buffer) => {
      got.push(Buffer.from(data));
      if (got.length === frames.length) resolve(got);
    });
    r.on('error', (err: Error) => resolve(err));
    for (const f of frames) r.write(f);
    if (frames.length === 0) resolve(got);
  });
}

function frameOf(payload: Uint8Array, key: number, scratch = new Uint8Array(clientHeaderBytes(payload.length) + payload.length + 7)): Uint8Array {
  const n = writeClientFrame(scratch, 0x2, payload, 0, payload.length, key);
  expect(n).toBe(clientHeaderBytes(payload.length) + payload.length);
  return scratch.slice(0, n);
}

describe('writeClientFrame', () => {
  it('frames and masks payloads a WebSocket server reads back unchanged (every length form, random keys)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 0xffffffff })), { minLength: 1, maxLength: 8 }), async (cases) => {
        const got = await receive(cases.map(([p, key]) => frameOf(p, key)));
        expect(got).toEqual(cases.map(([p]) => Buffer.from(p)));
      }),
      { numRuns: 100 },
    );
  });

  it('uses the 16- and 64-bit length forms at 126 and 65,536 bytes', async () => {
    const sizes = [0, 125, 126, 65535, 65536];
    const payloads = sizes.map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 31) & 0xff));
    const frames = payloads.map((p) => frameOf(p, 0xa1b2c3d4));
    expect(frames.map((f) => f[1])).toEqual([0x80, 0x80 | 125, 0x80 | 126, 0x80 | 126, 0x80 | 127]);
    expect(await receive(frames)).toEqual(payloads.map((p) => Buffer.from(p)));
  });

  it('masks with the key: payload bytes on the wire are XOR-ed, key bytes big-endian after the length', () => {
    const f = frameOf(Uint8Array.of(0, 0, 0, 0, 0xff), 0x01020304);
    expect([...f]).toEqual([0x82, 0x85, 1, 2, 3, 4, 1, 2, 3, 4, 0xff ^ 1]);
  });

  it('writes into a reused buffer without leaving the previous frame\'s bytes in the new one', async () => {
    const scratch = new Uint8Array(64);
    const a = frameOf(Uint8Array.from({ length: 40 }, () => 0xee), 7, scratch);
    const b = frameOf(Uint8Array.of(1, 2, 3), 9, scratch);
    expect(b.length).toBe(9);
    expect(await receive([a, b])).toEqual([Buffer.alloc(40, 0xee), Buffer.from([1, 2, 3])]);
  });
});
