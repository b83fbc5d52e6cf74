package io.pekkomule.node.kad.routing;

/** Why the table asks the shell to start a lookup. */
public enum LookupPurpose {
  /** Big-timer refresh of a zone: a NODE lookup for a random id inside it. */
  ZONE_REFRESH,
  /** Periodic self lookup: a NODECOMPLETE lookup for our own id; success enables publishing. */
  SELF_LOOKUP
}
