/**
 * Cluster figures on this node's /metrics, read at scrape time: the cluster as
 * this node last saw it (nodes, rooms, players), the store's latency and
 * errors, routing, and the mobility counters (migrations, failovers) the room
 * mobility modules bump in ClusterStats.
 */
import type { Registry } from 'prom-client';
import { scrapedCounter, scrapedGauge } from '../scrapedMetrics';
import type { ClusterParts } from './clusterSetup';

export function registerClusterMetrics(r: Registry, cluster: ClusterParts): void {
  const gauge = (name: string, help: string, read: () => number) => scrapedGauge(r, name, help, read);
  const counter = (name: string, help: string, read: () => number) => scrapedCounter(r, name, help, read);
  const s = cluster.stats;
  gauge('tickwire_cluster_nodes', 'Live nodes of the cluster (as of the last heartbeat)', () => cluster.node?.liveNodeCount ?? 0);
  gauge('tickwire_cluster_rooms', 'Rooms on every live node (as of the last heartbeat)', () => cluster.node?.clusterTotals().rooms ?? 0);
  gauge('tickwire_cluster_players', 'Players on every live node (as of the last heartbeat)', () => cluster.node?.clusterTotals().players ?? 0);
  gauge('tickwire_cluster_store_up', '1 while the cluster store (Redis) answers, else 0', () => (cluster.redis ? Number(cluster.redis.isReady()) : 1));
  gauge('tickwire_cluster_store_latency_seconds', 'Round trip of the last heartbeat ping to the cluster store', () => Math.max(0, s.storeLatencyMs) / 1000);
  counter('tickwire_cluster_store_errors_total', 'Cluster store operations that failed', () => s.storeErrors);
  counter('tickwire_cluster_redis_connection_errors_total', 'Redis connection errors (socket errors, failed reconnects)', () => cluster.redis?.errorCount() ?? 0);
  counter('tickwire_cluster_writes_dropped_total', 'Store writes dropped at the in-flight bound (repaired by resync)', () => s.writesDropped);
  counter('tickwire_cluster_resyncs_total', 'Full rewrites of this node\'s rooms, sessions and presence', () => s.resyncs);
  counter('tickwire_cluster_moved_total', 'Joins answered with Moved to another node', () => s.moved);
  counter('tickwire_cluster_unavailable_total', 'Cross-node operations refused: cluster store unreachable (HTTP 503, close 4106)', () => s.unavailable);
  counter('tickwire_cluster_migrations_total', 'Rooms handed to another node by a drain', () => s.migrations);
  counter('tickwire_cluster_failovers_total', 'Rooms restored here from a dead node\'s checkpoint', () => s.failovers);
}
