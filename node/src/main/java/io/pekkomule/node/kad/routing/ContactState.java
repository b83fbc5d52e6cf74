package io.pekkomule.node.kad.routing;

/**
 * Endpoint-proof state of a contact (seed 004 Lane A), kept beside iMule's liveness type. It never
 * changes what iMule peers see; it decides when to challenge and what to prefer.
 */
public enum ContactState {
  /** Known from hearsay (RES lists, nodes.dat, replacement cache); no proof and no challenge yet. */
  SEEN,
  /** A challenge was issued and is awaiting its answer (valid for 180 s). */
  CHALLENGED,
  /** The endpoint proved it receives at its destination. */
  VERIFIED,
  /** Verified and alive for at least an hour (iMule type 0 or 1). */
  STABLE,
  /** Challenge unanswered, or the contact fell to type 4 after missed hellos. */
  DECAYED
}
