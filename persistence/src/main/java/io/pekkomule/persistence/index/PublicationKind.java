package io.pekkomule.persistence.index;

import java.time.Duration;

/** What we publish ourselves, with iMule's republish intervals (spec §10). */
public enum PublicationKind {
  KEYWORD(Duration.ofHours(24)),
  SOURCE(Duration.ofHours(5)),
  NOTES(Duration.ofHours(24));

  private final Duration republishInterval;

  PublicationKind(Duration republishInterval) {
    this.republishInterval = republishInterval;
  }

  public Duration republishInterval() {
    return republishInterval;
  }
}
