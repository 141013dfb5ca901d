/**
 * Every operator action: one structured log line (`admin action`) and an
 * entry in a bounded in-memory list the console shows (newest first).
 */
import type { Logger } from '../logger';

export interface AuditEntry {
  atMs: number;
  action: 'close-room' | 'kick' | 'mute' | 'unmute' | 'drain';
  room?: string;
  player?: number;
  playerName?: string;
  address: string;
  result: 'done' | 'not-found';
}

const KEPT = 200;

export class AdminAudit {
  private readonly entries: AuditEntry[] = [];

  constructor(private readonly log: Logger) {}

  record(entry: AuditEntry): void {
    this.entries.unshift(entry);
    if (this.entries.length > KEPT) this.entries.length = KEPT;
    this.log.info({ audit: 'admin', ...entry }, 'admin action');
  }

  list(): AuditEntry[] {
    return [...this.entries];
  }
}
