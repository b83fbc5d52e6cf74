package io.pekkomule.node.kad.routing;

/** How the shell proves a contact's endpoint, by the contact's version (spec §8). */
public enum ChallengeKind {
  /** Version ≥ 8: HELLO exchange with the HELLO_RES_ACK three-way handshake. */
  HELLO_ACK,
  /** Version 7: a PING whose PONG must come back within 180 s. */
  PING,
  /** Versions 0–6: a REQ with a random non-zero target that must be echoed within 180 s. */
  LEGACY_REQ;

  public static ChallengeKind forVersion(int version) {
    if (version >= 8) {
      return HELLO_ACK;
    }
    return version == 7 ? PING : LEGACY_REQ;
  }
}
