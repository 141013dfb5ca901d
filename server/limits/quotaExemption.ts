/**
 * Addresses the per-address quotas (connections, rooms created) do not apply
 * to. Default: the server's own loopback host (127.0.0.1, ::1). A peer there is
 * either a local tool (load tests, bots, health checkers) or a reverse proxy
 * that is not in --trusted-proxies, in which case every player shares that
 * one address and a per-address cap would cap the whole server. Behind a
 * trusted proxy the client's own address is used and the quotas apply.
 */
import { cidrContains, parseCidr, type Cidr } from './cidr';

export class QuotaExemption {
  private readonly networks: Cidr[];

  constructor(cidrs: readonly string[]) {
    // Entries were validated by the config loader.
    this.networks = cidrs.map((c) => parseCidr(c)).filter((n): n is Cidr => n !== null);
  }

  isExempt(address: string): boolean {
    return this.networks.some((n) => cidrContains(n, address));
  }
}
