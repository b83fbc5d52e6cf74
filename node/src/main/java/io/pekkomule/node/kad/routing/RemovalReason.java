package io.pekkomule.node.kad.routing;

/** Why a contact left the table. */
public enum RemovalReason {
  /** Type 4 and its expiry passed (small timer). */
  DEAD,
  /** The shell asked for it (e.g. a contact that misbehaved in a lookup). */
  REQUESTED
}
