/**
 * Who listens on a TCP port, from the kernel's socket tables (Linux:
 * /proc/net/tcp and tcp6 for LISTEN sockets, /proc/self/fd for the ones this
 * process holds). SO_REUSEPORT lets any process of the same user add a listen
 * socket to a port and take a share of its connections without an error; a
 * server that listens with several reuse-port sockets reads this to know it
 * is alone on its port.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface PortListeners {
  /** Listen sockets on the port held by this process. */
  readonly mine: number;
  /** Listen sockets on the port held by another process, on our address or a wildcard one overlapping it. */
  readonly foreign: number;
}

/** TCP state LISTEN in /proc/net/tcp's `st` column. */
const TCP_LISTEN = '0A';
const TABLES = ['/proc/net/tcp', '/proc/net/tcp6'];

interface ListenEntry {
  /** Local address in the table's hex form (all zeros = wildcard). */
  address: string;
  inode: string;
}

/** The LISTEN sockets on `port`, or null where the tables cannot be read (not Linux, /proc hidden). */
export function listenersOn(port: number): PortListeners | null {
  const entries = listenEntries(port);
  if (entries === null) return null;
  const own = ownSocketInodes();
  const mine = entries.filter((e) => own.has(e.inode));
  const ours = new Set(mine.map((e) => e.address));
  const overlaps = (address: string) => ours.has(address) || isWildcard(address) || [...ours].some(isWildcard);
  const foreign = entries.filter((e) => !own.has(e.inode) && overlaps(e.address)).length;
  return { mine: mine.length, foreign };
}

/** Every LISTEN socket on `port`, whoever holds it (null where the tables cannot be read). */
export function listenSocketsOn(port: number): number | null {
  return listenEntries(port)?.length ?? null;
}

/** Whether this platform lets listenersOn answer. */
export function canReadListeners(): boolean {
  return readTable(TABLES[0]) !== null;
}

function listenEntries(port: number): ListenEntry[] | null {
  const out: ListenEntry[] = [];
  let readAny = false;
  for (const table of TABLES) {
    const text = readTable(table);
    if (text === null) continue;
    readAny = true;
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== TCP_LISTEN) continue;
      const colon = f[1].lastIndexOf(':');
      if (parseInt(f[1].slice(colon + 1), 16) !== port) continue;
      out.push({ address: f[1].slice(0, colon), inode: f[9] });
    }
  }
  return readAny ? out : null;
}

/** Socket inodes of this process's open descriptors (`socket:[inode]`). */
function ownSocketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch (err) {
      // The descriptor closed between the listing and the read (the listing's own fd, a finished request).
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m) inodes.add(m[1]);
  }
  return inodes;
}

function readTable(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    // No such table here (not Linux, or IPv6 off): that family has no listeners to report.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EACCES') return null;
    throw err;
  }
}

const isWildcard = (address: string) => /^0+$/.test(address);
