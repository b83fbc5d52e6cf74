package io.pekkomule.persistence.buckets;

/** Why a contact left the persisted table. */
public enum EvictionReason {
  /** Type 4 and its expiry passed (the routing table's small timer). */
  DEAD,
  /** The node asked for it (misbehaviour, identity conflict…). */
  REQUESTED
}
