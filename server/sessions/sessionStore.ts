/**
 * Resume sessions: a token bound to one player in one room. Behind an
 * interface so a shared store (Redis) can replace the in-memory one when rooms
 * spread across processes.
 *
 * Tokens are 32 bytes from the CSPRNG (256 bits), base64url: unguessable, and
 * never logged (drawn from a pooled block: resumeTokenPool.ts).
 */
import { ResumeTokenPool } from './resumeTokenPool';

export interface SessionRecord {
  readonly token: string;
  readonly roomId: string;
  readonly playerId: number;
}

export interface SessionStore {
  issue(roomId: string, playerId: number): SessionRecord;
  find(token: string): SessionRecord | undefined;
  revoke(token: string): void;
  /** Every live session (for handoff to a successor process). */
  all(): Iterable<SessionRecord>;
  /** Adopt a session issued by a predecessor process. */
  adopt(record: SessionRecord): void;
  readonly size: number;
}

const tokens = new ResumeTokenPool();

export function newResumeToken(): string {
  return tokens.next();
}

export class InMemorySessionStore implements SessionStore {
  private readonly byToken = new Map<string, SessionRecord>();

  issue(roomId: string, playerId: number): SessionRecord {
    const record = { token: newResumeToken(), roomId, playerId };
    this.byToken.set(record.token, record);
    return record;
  }

  find(token: string): SessionRecord | undefined {
    return this.byToken.get(token);
  }

  revoke(token: string): void {
    this.byToken.delete(token);
  }

  all(): Iterable<SessionRecord> {
    return this.byToken.values();
  }

  adopt(record: SessionRecord): void {
    this.byToken.set(record.token, { token: record.token, roomId: record.roomId, playerId: record.playerId });
  }

  get size(): number {
    return this.byToken.size;
  }
}
