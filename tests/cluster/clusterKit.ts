/**
 * Cluster test kit: tickwire nodes as separate processes (the CLI as
 * operators run it) joined to one test-owned Redis, and a client that follows
 * Moved the way the protocol says (§8.6): reconnect to `url`, same Join.
 */
import { CloseCode, Opcode } from '../../shared/protocol/constants';
import type { ClientMsgpackMessage } from '../../shared/protocol/messages';
import { spawnServerCli, type CliServer } from '../support/serverCli';
import { TestClient } from '../support/testClient';

export interface ClusterNodeProcess {
  readonly nodeId: string;
  readonly url: string;
  readonly cli: CliServer;
  stop(): Promise<void>;
}

export async function startNode(redisUrl: string, nodeId: string, extra: string[] = []): Promise<ClusterNodeProcess> {
  const cli = spawnServerCli(['--port', '0', '--redis', redisUrl, '--node-id', nodeId, '--cluster-heartbeat', '200', '--log-level', 'warn', ...extra]);
  const url = await cli.url;
  return {
    nodeId,
    url,
    cli,
    async stop() {
      if (cli.child.exitCode !== null || cli.child.signalCode !== null) return;
      cli.child.kill('SIGTERM');
      await cli.exit;
    },
  };
}

type JoinBody = Extract<ClientMsgpackMessage, { op: 1 }>['body'];

export interface RoutedJoin {
  client: TestClient;
  /** The node URLs connected to, in order (the last one welcomed). */
  hops: string[];
  welcome: Awaited<ReturnType<TestClient['join']>>;
}

/** Join at `baseUrl`, following at most `maxMoves` Moved (close 4108) like the reference client. */
export async function joinFollowingMoved(baseUrl: string, body: JoinBody, query = '', maxMoves = 3): Promise<RoutedJoin> {
  const hops: string[] = [];
  let url = baseUrl;
  for (let i = 0; i <= maxMoves; i++) {
    hops.push(url);
    const client = await TestClient.connect(url, query ? { query } : {});
    client.send({ op: Opcode.Join, body });
    await client.waitUntil(() => client.closed !== null || client.messages.some((m) => m.op === Opcode.Welcome), 'welcome or close', 8000);
    const welcome = client.messages.find((m) => m.op === Opcode.Welcome);
    if (welcome && welcome.op === Opcode.Welcome) return { client, hops, welcome };
    const moved = client.messages.find((m) => m.op === Opcode.Moved);
    if (client.closed?.code !== CloseCode.Moved || !moved || moved.op !== Opcode.Moved) {
      throw new Error(`join at ${url} closed ${client.closed?.code} ${client.closed?.reason}`);
    }
    url = moved.body.url;
    query = '';
  }
  throw new Error(`more than ${maxMoves} Moved in a row: ${hops.join(' → ')}`);
}

export async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}

/** Poll until `check` holds (the cluster converges within heartbeats); throws with `what` after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
