/**
 * Who may read /metrics (it names rooms, counts and internals: 14 KB of
 * reconnaissance). Allowed: the client address (from X-Forwarded-For when the
 * peer is a trusted proxy, so a proxy on loopback does not open it to the
 * world) on loopback or in a configured network, or any address presenting
 * the configured bearer token. Everyone else gets 403.
 */
import { timingSafeEqual } from 'node:crypto';
import { cidrContains, LOOPBACK_NETWORKS, parseCidr, type Cidr } from '../limits/cidr';

export interface MetricsAccessConfig {
  metricsAllow: readonly string[];
  metricsToken: string;
}

export class MetricsAccess {
  private readonly networks: Cidr[];
  private readonly token: Buffer | null;

  constructor(config: MetricsAccessConfig) {
    // The config loader has validated every entry; an invalid one here would be a programming error.
    this.networks = [...LOOPBACK_NETWORKS, ...config.metricsAllow.map((n) => parseCidr(n)).filter((n): n is Cidr => n !== null)];
    this.token = config.metricsToken ? Buffer.from(config.metricsToken) : null;
  }

  allows(clientAddress: string, authorization: string): boolean {
    if (this.networks.some((n) => cidrContains(n, clientAddress))) return true;
    return this.token !== null && this.tokenMatches(authorization);
  }

  private tokenMatches(authorization: string): boolean {
    const m = /^Bearer ([\x21-\x7e]+)$/i.exec(authorization.trim());
    if (!m) return false;
    const offered = Buffer.from(m[1]);
    return offered.length === this.token!.length && timingSafeEqual(offered, this.token!);
  }
}
