/**
 * Load traffic goes to this machine only unless the operator says otherwise:
 * a target must be in 127.0.0.0/8, ::1 or "localhost". Decided from the URL
 * text alone; no name is ever resolved, no connection made.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((p) => Number(p) <= 255) && Number(m[1]) === 127;
}

/** A problem with `url` as a load target, or null when it is acceptable. */
export function checkTarget(url: string, allowRemote: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `--url: not a URL (got ${JSON.stringify(url)})`;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) {
    return `--url: must be http(s):// or ws(s):// (got ${parsed.protocol}//)`;
  }
  if (!allowRemote && !isLoopbackHost(parsed.hostname)) {
    return `--url: ${parsed.hostname} is not a loopback address (127.0.0.0/8, ::1, localhost); pass --allow-remote to load a remote host you operate`;
  }
  return null;
}
