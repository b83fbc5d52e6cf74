package io.pekkomule.persistence.identity;

/** Where a node identity's KadID came from. */
public enum IdentityOrigin {
  /** Fresh random values on the first start. */
  GENERATED,
  /** The KadID of an iMule {@code preferencesKad.dat} found in the data directory. */
  IMPORTED_PREFERENCES_KAD,
  /** An operator-confirmed rotation replaced the previous identity. */
  ROTATED
}
