/**
 * Resume tokens from the CSPRNG, drawn from a pooled block instead of one
 * `randomBytes(32)` call per join: one `randomFillSync` of 4 KiB serves 128
 * tokens. Each 32-byte slice is handed out once and the block is refilled
 * when used up, so tokens stay 256 independent random bits (unguessable);
 * only the syscall and Buffer allocation per token go (the join profile had
 * `randomBytes` at 16 % of the in-process join path).
 */
import { randomFillSync } from 'node:crypto';

/** Bytes per token (256 bits). */
export const RESUME_TOKEN_BYTES = 32;
/** Tokens per refill. */
const TOKENS_PER_BLOCK = 128;

export class ResumeTokenPool {
  private readonly block = Buffer.allocUnsafe(RESUME_TOKEN_BYTES * TOKENS_PER_BLOCK);
  /** Next unused byte of the block; block.length = used up. */
  private offset: number;

  constructor() {
    this.offset = this.block.length;
  }

  /** A fresh token, base64url (43 characters). */
  next(): string {
    if (this.offset >= this.block.length) {
      randomFillSync(this.block);
      this.offset = 0;
    }
    const start = this.offset;
    this.offset += RESUME_TOKEN_BYTES;
    const token = this.block.toString('base64url', start, this.offset);
    // Forget the bytes once handed out: a later heap dump shows no token still to come or already issued.
    this.block.fill(0, start, this.offset);
    return token;
  }
}
