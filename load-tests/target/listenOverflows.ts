/**
 * The kernel's count of connections dropped because a listen (accept) queue
 * was full (TcpExt ListenOverflows in /proc/net/netstat, machine-wide). When
 * it rises during a connection storm, clients wait for SYN retransmits (1 s,
 * 3 s, …): the server is not accepting fast enough, whatever its CPU says.
 */
import { readFileSync } from 'node:fs';

export function listenOverflows(): number | null {
  let text: string;
  try {
    text = readFileSync('/proc/net/netstat', 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) return null;
    throw err;
  }
  const lines = text.split('\n').filter((l) => l.startsWith('TcpExt:'));
  if (lines.length < 2) return null;
  const keys = lines[0].split(/\s+/);
  const values = lines[1].split(/\s+/);
  const i = keys.indexOf('ListenOverflows');
  return i < 0 ? null : Number(values[i]);
}
