/**
 * Real nginx in front of a test cluster, configured from
 * deploy/nginx-cluster.conf: the "test: node <id>" upstream lines get that
 * node's port, the listen line the test's port, and every path nginx writes
 * moves under a private directory. Runs in the foreground as our child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export function clusterNginxConfig(source: string, dir: string, listenPort: number, nodePorts: Record<string, number>): string {
  let out = source;
  const rules: [RegExp, string][] = [
    [/^pid .*;$/m, `pid ${dir}/nginx.pid;`],
    [/^error_log .*;$/m, `error_log ${dir}/error.log warn;`],
    [/^(\s*)access_log .*;$/m, `$1access_log ${dir}/access.log;`],
    [/^(\s*)listen \d+;.*$/m, `$1listen 127.0.0.1:${listenPort};`],
    [/^http \{$/m, `http {\n    client_body_temp_path ${dir}/client_body;\n    proxy_temp_path ${dir}/proxy;\n    fastcgi_temp_path ${dir}/fastcgi;\n    uwsgi_temp_path ${dir}/uwsgi;\n    scgi_temp_path ${dir}/scgi;`],
  ];
  for (const [pattern, replacement] of rules) {
    if (!pattern.test(out)) throw new Error(`deploy/nginx-cluster.conf: no line matches ${pattern}`);
    out = out.replace(pattern, replacement);
  }
  out = out.replace(/^(\s*)server [\d.]+:\d+(.*);\s*# test: node (\w+)$/gm, (_m, indent: string, rest: string, id: string) => {
    const port = nodePorts[id];
    if (port === undefined) throw new Error(`deploy/nginx-cluster.conf names node ${id}; the test started ${Object.keys(nodePorts).join(', ')}`);
    return `${indent}server 127.0.0.1:${port}${rest};`;
  });
  if (/# test: node/.test(out)) throw new Error('deploy/nginx-cluster.conf: an upstream line was not rewritten');
  return out.replace(/^worker_processes .*;$/m, 'worker_processes 1;');
}

export class ClusterNginx {
  private constructor(
    readonly child: ChildProcess,
    readonly dir: string,
    readonly url: string,
    readonly output: () => string,
  ) {}

  static async start(binary: string, listenPort: number, nodePorts: Record<string, number>): Promise<ClusterNginx> {
    const dir = mkdtempSync(join(tmpdir(), 'tickwire-nginx-cluster-'));
    chmodSync(dir, 0o755);
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, clusterNginxConfig(readFileSync(resolve('deploy/nginx-cluster.conf'), 'utf8'), dir, listenPort, nodePorts));
    const child = spawn(binary, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const proxy = new ClusterNginx(child, dir, `http://127.0.0.1:${listenPort}`, () => out);
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${out}`);
      if (await fetch(`${proxy.url}/healthz`).then((r) => r.status === 200, () => false)) return proxy;
      if (Date.now() > deadline) throw new Error(`nginx did not come up:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGQUIT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
