/**
 * IPv4/IPv6 networks in CIDR notation ("10.0.0.0/8", "fd00::/8", or a bare
 * address = a single host), and membership tests. uWS reports IPv4 peers as
 * IPv4-mapped IPv6 ("::ffff:10.1.2.3"); those match IPv4 networks.
 */
import { isIP } from 'node:net';

export interface Cidr {
  /** 4 or 16 bytes. */
  bytes: Uint8Array;
  prefixBits: number;
}

/** Parse one network; null if it is not one. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const bytes = addressBytes(addr);
  if (!bytes) return null;
  const max = bytes.length * 8;
  const prefixText = slash < 0 ? String(max) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefixBits = Number(prefixText);
  return prefixBits <= max ? { bytes, prefixBits } : null;
}

export function cidrContains(net: Cidr, address: string): boolean {
  const bytes = addressBytes(address);
  if (!bytes || bytes.length !== net.bytes.length) return false;
  let bits = net.prefixBits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i] & mask) !== (net.bytes[i] & mask)) return false;
  }
  return true;
}

export const LOOPBACK_NETWORKS: readonly Cidr[] = [parseCidr('127.0.0.0/8')!, parseCidr('::1/128')!];

/** 4 bytes for IPv4 (and IPv4-mapped IPv6), 16 for IPv6; null if not an address. */
export function addressBytes(address: string): Uint8Array | null {
  let a = address.toLowerCase();
  if (a.startsWith('::ffff:') && isIP(a.slice(7)) === 4) a = a.slice(7);
  const kind = isIP(a);
  if (kind === 4) return Uint8Array.from(a.split('.').map(Number));
  if (kind !== 6) return null;
  const [head, tail = ''] = a.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const h = groups(head);
  const t = groups(tail);
  if (t.length > 0 && t[t.length - 1].includes('.')) return null; // embedded IPv4 forms other than ::ffff: are not used here
  const all = a.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  return out;
}
