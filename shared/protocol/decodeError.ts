import { CloseCode } from './constants';

/**
 * Why an inbound frame was rejected. Decoders return it instead of throwing, so
 * nothing a peer sends can escape as an exception. `closeCode` is the documented
 * WebSocket close code for the failure; `reason` never contains payload bytes.
 */
export class DecodeError {
  readonly name = 'DecodeError';
  constructor(
    readonly closeCode: CloseCode,
    readonly reason: string,
  ) {}

  toString(): string {
    return `DecodeError(${this.closeCode}): ${this.reason}`;
  }
}

export const isDecodeError = (value: unknown): value is DecodeError => value instanceof DecodeError;
