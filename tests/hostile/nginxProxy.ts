/**
 * Real nginx in front of a test server, configured from deploy/nginx.conf:
 * the lines marked "test:" get the test's ports and timeouts, and every path
 * nginx writes (pid, logs, temp files) moves under a private directory.
 * Runs in the foreground (`daemon off;`) as a child we can kill.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sleep } from './hostileKit';

export const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'];

export function findNginx(): string | null {
  return NGINX_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export interface NginxOptions {
  listenPort: number;
  upstreamPort: number;
  proxyReadTimeoutSec: number;
  clientHeaderTimeoutSec?: number;
}

/** deploy/nginx.conf with the test's ports, timeouts and paths. Throws if a marked line is missing. */
export function testNginxConfig(source: string, dir: string, o: NginxOptions): string {
  const rules: [RegExp, string][] = [
    [/^pid .*;$/m, `pid ${dir}/nginx.pid;`],
    [/^error_log .*;$/m, `error_log ${dir}/error.log warn;`],
    [/^(\s*)access_log .*;$/m, `$1access_log ${dir}/access.log;`],
    [/^(\s*)server 127\.0\.0\.1:\d+;.*$/m, `$1server 127.0.0.1:${o.upstreamPort};`],
    [/^(\s*)listen \d+;.*$/m, `$1listen 127.0.0.1:${o.listenPort};`],
    [/^(\s*)proxy_read_timeout \S+;.*$/m, `$1proxy_read_timeout ${o.proxyReadTimeoutSec}s;`],
    [/^(\s*)client_header_timeout \S+;.*$/m, `$1client_header_timeout ${o.clientHeaderTimeoutSec ?? 10}s;`],
    [/^http \{$/m, `http {\n    client_body_temp_path ${dir}/client_body;\n    proxy_temp_path ${dir}/proxy;\n    fastcgi_temp_path ${dir}/fastcgi;\n    uwsgi_temp_path ${dir}/uwsgi;\n    scgi_temp_path ${dir}/scgi;`],
  ];
  let out = source;
  for (const [pattern, replacement] of rules) {
    if (!pattern.test(out)) throw new Error(`deploy/nginx.conf: no line matches ${pattern}`);
    out = out.replace(pattern, replacement);
  }
  return out.replace(/^worker_processes .*;$/m, 'worker_processes 1;');
}

export class NginxProxy {
  private constructor(
    readonly child: ChildProcess,
    readonly dir: string,
    readonly port: number,
    private readonly output: () => string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(binary: string, o: NginxOptions): Promise<NginxProxy> {
    const dir = mkdtempSync(join(tmpdir(), 'tickwire-nginx-'));
    // Workers may run as an unprivileged user when we are root: let them reach the temp dirs.
    chmodSync(dir, 0o755);
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, testNginxConfig(readFileSync(resolve('deploy/nginx.conf'), 'utf8'), dir, o));
    const child = spawn(binary, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const proxy = new NginxProxy(child, dir, o.listenPort, () => out);
    const deadline = performance.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${out}\n${proxy.errorLog()}`);
      const up = await fetch(`${proxy.url}/healthz`).then((r) => r.status === 200, () => false);
      if (up) return proxy;
      if (performance.now() > deadline) throw new Error(`nginx did not come up:\n${out}\n${proxy.errorLog()}`);
      await sleep(100);
    }
  }

  errorLog(): string {
    const path = join(this.dir, 'error.log');
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGQUIT'); // graceful: finish open requests
      await Promise.race([exited, sleep(3000)]);
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  get log(): string {
    return this.output();
  }
}
