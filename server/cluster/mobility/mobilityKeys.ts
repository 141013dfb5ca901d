/**
 * The Redis keys room mobility reads and writes (docs/CLUSTER-MOBILITY.md;
 * the shared conventions are in the cluster notes: prefix `tw:`).
 *
 *   tw:node:<id>        presence JSON (cluster core writes it; we read it)
 *   tw:nodes            set of node ids ever seen (cluster core)
 *   tw:ckpt:<roomId>    the room's latest checkpoint (bytes, checkpointCodec.ts), PX-expiring
 *   tw:ckptholder       hash roomId → id of the node whose checkpoint it is: one HGETALL
 *                       lists every checkpointed room and its holder (failover scan)
 *   tw:claim:<roomId>   SET NX PX by the node restoring an orphaned room
 *   tw:inbox:<id>       pub/sub channel to one node (take-room requests and answers)
 */
export const MobilityKeys = {
  node: (nodeId: string) => `tw:node:${nodeId}`,
  nodes: 'tw:nodes',
  checkpoint: (roomId: string) => `tw:ckpt:${roomId}`,
  holders: 'tw:ckptholder',
  claim: (roomId: string) => `tw:claim:${roomId}`,
  inbox: (nodeId: string) => `tw:inbox:${nodeId}`,
} as const;
