/** A node's id and public URL, from flags or defaults (keys.md). */
import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 8 random base32 characters (40 bits): unique enough among a cluster's nodes. */
export function randomNodeId(): string {
  let id = '';
  for (const b of randomBytes(8)) id += BASE32[b & 31];
  return id;
}

/** `--public-url` without a trailing slash, or http://<host>:<port> of the listen socket. */
export function publicUrlOf(configured: string, listenHost: string, port: number): string {
  if (configured) return configured.replace(/\/+$/, '');
  const host = listenHost === '0.0.0.0' || listenHost === '::' ? 'localhost' : listenHost;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
