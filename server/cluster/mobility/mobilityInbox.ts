/**
 * This node's end of `tw:inbox:<nodeId>` for room mobility: answers take
 * requests (through `onTake`) and matches answers to the requests this node
 * sent. Requests time out: a target that died mid-hand-over is not waited on.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../logger';
import { parseInboxMessage, type TakeMessage, type TakenMessage } from './mobilityInboxMessages';
import type { MobilityStore } from './mobilityStore';

export type TakeAnswer = { ok: true } | { ok: false; error: string };

export class MobilityInbox {
  private readonly waiting = new Map<string, (answer: TakeAnswer) => void>();
  invalidMessages = 0;

  constructor(
    private readonly nodeId: string,
    private readonly store: MobilityStore,
    private readonly onTake: (msg: TakeMessage) => Promise<TakeAnswer>,
    private readonly log: Logger,
  ) {}

  /** The pub/sub listener for `tw:inbox:<nodeId>`. */
  readonly listener = (text: string): void => {
    const msg = parseInboxMessage(text);
    switch (msg.t) {
      case 'other':
        return;
      case 'invalid':
        this.invalidMessages++;
        this.log.warn({ reason: msg.reason }, 'ignoring malformed mobility message');
        return;
      case 'mobility.taken': {
        const resolve = this.waiting.get(msg.reqId);
        this.waiting.delete(msg.reqId);
        resolve?.(msg.ok ? { ok: true } : { ok: false, error: msg.error });
        return;
      }
      case 'mobility.take':
        void this.answerTake(msg);
        return;
    }
  };

  /** Ask `target` to take `roomId` (its checkpoint is already in Redis); resolves with its answer or a timeout. */
  async requestTake(target: string, roomId: string, timeoutMs: number): Promise<TakeAnswer> {
    const reqId = randomBytes(8).toString('hex');
    const answer = new Promise<TakeAnswer>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(reqId);
        resolve({ ok: false, error: `no answer from ${target} within ${timeoutMs} ms` });
      }, timeoutMs);
      this.waiting.set(reqId, (a) => {
        clearTimeout(timer);
        resolve(a);
      });
    });
    const msg: TakeMessage = { t: 'mobility.take', roomId, from: this.nodeId, reqId };
    try {
      await this.store.publish(target, JSON.stringify(msg));
    } catch (err) {
      this.waiting.get(reqId)?.({ ok: false, error: `publish failed: ${(err as Error).message}` });
    }
    return answer;
  }

  private async answerTake(msg: TakeMessage): Promise<void> {
    let answer: TakeAnswer;
    try {
      answer = await this.onTake(msg);
    } catch (err) {
      answer = { ok: false, error: (err as Error).message };
    }
    const reply: TakenMessage = { t: 'mobility.taken', roomId: msg.roomId, reqId: msg.reqId, ok: answer.ok, error: answer.ok ? '' : answer.error.slice(0, 200) };
    await this.store.publish(msg.from, JSON.stringify(reply)).catch((err: unknown) => {
      this.log.warn({ room: msg.roomId, to: msg.from, err: (err as Error).message }, 'could not answer a take request');
    });
  }
}
