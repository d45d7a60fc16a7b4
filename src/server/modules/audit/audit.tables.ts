/** The append-only audit trail (migration 0003): one hash chain per organisation, plus the platform chain. */
export interface AuditLogTable {
  id: string;
  /** Organisation id, or 'platform' for events outside any organisation (logins, platform admin). */
  chain: string;
  seq: number;
  at: string;
  actor_user_id: string | null;
  ip: string | null;
  action: string;
  target_type: string;
  target_id: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

/** The end of each chain as last written (migration 0008); verification checks the chain reaches it. */
export interface AuditChainHeadTable {
  chain: string;
  seq: number;
  hash: string;
  updated_at: string;
}

/**
 * PostgreSQL: entries written by committed transactions that the chain writer has not yet chained
 * (migration 0013). Each is the entry without its place in the chain (seq, prev_hash, hash), which the
 * writer assigns in the order it finds them; normally it empties within the request that wrote them.
 */
export type AuditPendingTable = Omit<AuditLogTable, 'seq' | 'prev_hash' | 'hash'>;

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  audit_pending: AuditPendingTable;
}
