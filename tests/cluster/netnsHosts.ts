/**
 * Test hosts as Linux network namespaces: each host is a namespace joined to
 * the root namespace by a veth pair on its own /30 (in 198.18.0.0/15, the
 * range RFC 2544 sets aside for benchmark networks, so no real network is
 * shadowed). The root side of every pair is reachable from its host (Redis
 * listens there); the host side from the root namespace (the test's clients).
 * No forwarding, bridge or firewall change: hosts reach each other only
 * through what listens in the root namespace, like machines behind a switch
 * would reach a shared Redis.
 *
 *   root ns: redis on 198.18.N.1 and .5 ─┬─ veth ─ tw-<pid>-a: 198.18.N.2 (node a)
 *                                       └─ veth ─ tw-<pid>-b: 198.18.N.6 (node b)
 *
 * Names are unique per run (the pid); `destroy()` removes everything created,
 * and is safe to call after a partial setup.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface NetnsHost {
  /** Namespace name, e.g. tw-1234-a. */
  readonly ns: string;
  /** This host's address (inside its namespace). */
  readonly address: string;
  /** The root namespace's address on this host's link (reachable from the host). */
  readonly gateway: string;
}

const IP_CANDIDATES = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'];

export function ipBinary(): string | null {
  return IP_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Why namespaces cannot be used here, or null when they can (probed by creating and deleting one). */
export function netnsUnavailable(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return 'not running as root: ip netns needs CAP_SYS_ADMIN (CI runs as root)';
  const ip = ipBinary();
  if (!ip) return '`ip` not found (.ci/run installs iproute2)';
  const probe = `tw-${process.pid}-probe`;
  try {
    execFileSync(ip, ['netns', 'add', probe], { stdio: 'pipe' });
    execFileSync(ip, ['netns', 'del', probe], { stdio: 'pipe' });
  } catch (err) {
    return `ip netns add failed: ${(err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message}`;
  }
  return null;
}

export class NetnsHosts {
  readonly hosts: NetnsHost[] = [];
  private readonly links: string[] = [];
  private readonly ip: string;

  constructor(private readonly runId = process.pid) {
    const ip = ipBinary();
    if (!ip) throw new Error('ip (iproute2) not found');
    this.ip = ip;
  }

  /** Create hosts named `names` (≤ 60 hosts: each /30 of the run's /24). */
  create(names: readonly string[]): NetnsHost[] {
    const subnet = `198.${18 + ((this.runId >> 8) & 1)}.${this.runId & 255}`;
    names.forEach((name, k) => {
      const ns = `tw-${this.runId}-${name}`;
      const root = `tw${this.runId}${name}`; // interface names: 15 characters at most
      const peer = `${root}p`;
      const gateway = `${subnet}.${4 * k + 1}`;
      const address = `${subnet}.${4 * k + 2}`;
      this.run('netns', 'add', ns);
      this.hosts.push({ ns, address, gateway });
      this.run('link', 'add', root, 'type', 'veth', 'peer', 'name', peer);
      this.links.push(root);
      this.run('link', 'set', peer, 'netns', ns);
      this.run('addr', 'add', `${gateway}/30`, 'dev', root);
      this.run('link', 'set', root, 'up');
      this.run('-n', ns, 'link', 'set', 'lo', 'up');
      this.run('-n', ns, 'addr', 'add', `${address}/30`, 'dev', peer);
      this.run('-n', ns, 'link', 'set', peer, 'up');
    });
    return this.hosts;
  }

  /** The command line that runs `argv` inside host `h`'s namespace. */
  exec(h: NetnsHost, argv: readonly string[]): [string, string[]] {
    return [this.ip, ['netns', 'exec', h.ns, ...argv]];
  }

  /** Delete every namespace (its veth end goes with it, and the pair with that) and any link left. */
  destroy(): string[] {
    const problems: string[] = [];
    const attempt = (...args: string[]) => {
      try {
        this.run(...args);
      } catch (err) {
        problems.push((err as Error).message);
      }
    };
    for (const h of this.hosts.splice(0)) attempt('netns', 'del', h.ns);
    // A namespace's deletion takes its veth end, and the pair, with it, asynchronously: only a link
    // still there after a failed delete is a problem.
    for (const link of this.links.splice(0)) {
      if (!existsSync(`/sys/class/net/${link}`)) continue;
      try {
        this.run('link', 'del', link);
      } catch (err) {
        if (existsSync(`/sys/class/net/${link}`)) problems.push((err as Error).message);
      }
    }
    return problems;
  }

  private run(...args: string[]): void {
    try {
      execFileSync(this.ip, args, { stdio: 'pipe' });
    } catch (err) {
      const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
      throw new Error(`ip ${args.join(' ')}: ${stderr || (err as Error).message}`);
    }
  }
}
