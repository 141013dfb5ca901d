/**
 * A Colyseus transport client with no socket, for the in-process big-world
 * bench: the same shape as @colyseus/ws-transport's WebSocketClient (the room
 * cannot tell the difference), but `raw()` only counts the bytes it would have
 * written. tickwire's side of the comparison sends to counting links too
 * (load-tests/bigworld/bigWorldBench.ts), so neither side pays for sockets.
 */
import { EventEmitter } from 'node:events';
import { ClientState, enqueueClientRaw, getMessageBytes, Protocol, type ISendOptions } from '@colyseus/core';

/** The `ws` socket the room talks to through `client.ref`: events in, nothing out. */
class NoSocket extends EventEmitter {
  readonly readyState = 1;
  close(): void {
    this.emit('close');
  }
}

export class CountingClient {
  state: number = ClientState.JOINING;
  readonly id: string;
  readonly ref = new NoSocket();
  _enqueuedMessages: unknown[] = [];
  /** Bytes the room sent (state frames, patches, messages), as they would go on the wire before WebSocket framing. */
  bytes = 0;
  frames = 0;

  constructor(readonly sessionId: string) {
    this.id = sessionId;
  }

  get readyState(): number {
    return this.ref.readyState;
  }

  send(type: string | number, message?: unknown, options?: ISendOptions): void {
    this.enqueueRaw(getMessageBytes.raw(Protocol.ROOM_DATA, type, message), options);
  }

  sendBytes(type: string | number, bytes: Uint8Array, options?: ISendOptions): void {
    this.enqueueRaw(getMessageBytes.raw(Protocol.ROOM_DATA_BYTES, type, undefined, bytes), options);
  }

  enqueueRaw(data: Uint8Array, options?: ISendOptions): void {
    enqueueClientRaw(this as never, data, options);
  }

  raw(data: Uint8Array): void {
    this.bytes += data.byteLength;
    this.frames++;
  }

  error(code: number, message = ''): void {
    this.raw(getMessageBytes[Protocol.ERROR](code, message));
  }

  leave(): void {
    this.ref.close();
  }

  /** What the SDK sends once it has read JOIN_ROOM: the room then marks the client joined and sends the full state. */
  acknowledgeJoin(): void {
    this.ref.emit('message', Buffer.from([Protocol.JOIN_ROOM]));
  }
}
