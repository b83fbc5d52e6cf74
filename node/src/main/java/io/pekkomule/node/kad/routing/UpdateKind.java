package io.pekkomule.node.kad.routing;

/** What an accepted update of an existing contact changed. */
public enum UpdateKind {
  /** Destination, version and verify key replaced, and the contact marked alive. */
  FULL,
  /** Only the liveness timer was refreshed (legacy contacts after their first HELLO). */
  TIMER_ONLY
}
