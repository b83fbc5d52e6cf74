package io.pekkomule.node.kad.routing;

/** Which HELLO_REQ the small timer sends to keep a contact alive (spec §9 "Small timer"). */
public enum HelloKind {
  /** Kad2 HELLO_REQ obfuscated with the peer's KadID and verify key (version ≥ 6). */
  KAD2_ENCRYPTED,
  /** Kad2 HELLO_REQ in plain (version 2–5). */
  KAD2_PLAIN,
  /** Kad1 HELLO_REQ (version 0–1). */
  KAD1,
  /** Kad1 HELLO_REQ plus the one-off plain Kad2 HELLO_REQ in "version 1" form (first ping only). */
  KAD1_WITH_KAD2_PROBE;

  static HelloKind forVersion(int version, boolean kad2Probe) {
    if (version >= 6) {
      return KAD2_ENCRYPTED;
    }
    if (version >= 2) {
      return KAD2_PLAIN;
    }
    return kad2Probe ? KAD1_WITH_KAD2_PROBE : KAD1;
  }
}
