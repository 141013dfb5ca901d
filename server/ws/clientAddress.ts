/**
 * The client's address: the TCP peer, unless the peer is a trusted proxy, in
 * which case the nearest untrusted entry of X-Forwarded-For (read right to
 * left, so a client cannot spoof it by sending its own header).
 */
export function clientAddress(peer: string, forwardedFor: string, trustedProxies: readonly string[]): string {
  if (forwardedFor === '' || !isTrusted(peer, trustedProxies)) return peer;
  const hops = forwardedFor.split(',').map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(hops[i], trustedProxies)) return hops[i];
  }
  return hops[0] ?? peer;
}

function isTrusted(address: string, trusted: readonly string[]): boolean {
  const a = normalize(address);
  return trusted.some((t) => normalize(t) === a);
}

/** uWS reports IPv4 peers as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
function normalize(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') ? lower.slice(7) : lower;
}

export function normalizeAddress(address: string): string {
  return normalize(address);
}
