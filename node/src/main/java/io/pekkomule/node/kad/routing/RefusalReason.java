package io.pekkomule.node.kad.routing;

/** Why the table did not apply an offered contact. */
public enum RefusalReason {
  /** The contact carries our own KadID. */
  SELF,
  /** The destination hash is 0, which iMule treats as invalid. */
  INVALID_DESTINATION,
  /** Same full destination as a known contact but a different KadID: suspicious, not applied. */
  IDENTITY_FLIP,
  /** Another KadID already holds this destination hash (one contact per hash, globally). */
  HASH_TAKEN,
  /** The stored verify key is non-empty and the update carries a different one. */
  KEY_MISMATCH,
  /** A legacy (version 1–5) contact that already sent a HELLO may only refresh its timer. */
  LEGACY_LOCKED,
  /** The update would lower the contact's Kad version. */
  VERSION_DOWNGRADE,
  /** The bin is full, cannot split, and the replacement cache is disabled (iMule drops it). */
  BIN_FULL,
  /** The bin or the table already holds the subnet's limit (kad4: aMule's /24 rules). */
  SUBNET_LIMIT
}
