package io.pekkomule.persistence.index;

import java.time.Duration;

/** What other nodes published to us, with iMule's lifetimes (spec §12.2, §10). */
public enum IndexKind {
  /** key = keyword hash, entry = file id; lives 24 h. */
  KEYWORD(Duration.ofHours(24)),
  /** key = file id, entry = source id; lives 5 h. */
  SOURCE(Duration.ofHours(5)),
  /** key = file id, entry = publisher's KadID; lives 24 h. */
  NOTES(Duration.ofHours(24));

  private final Duration lifetime;

  IndexKind(Duration lifetime) {
    this.lifetime = lifetime;
  }

  /** How long a stored entry lives after its (re)publication. */
  public Duration lifetime() {
    return lifetime;
  }
}
