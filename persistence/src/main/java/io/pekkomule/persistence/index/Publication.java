package io.pekkomule.persistence.index;

import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One of our own publications: {@code fileId} published under {@code target} (keyword hash for
 * keywords, the file id for sources and notes), and when it is next due.
 */
public record Publication(PublicationKind kind, KadId target, KadId fileId, Instant registered,
    Optional<Instant> lastPublished, Instant nextRepublish) {

  public Publication {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(registered, "registered");
    Objects.requireNonNull(lastPublished, "lastPublished");
    Objects.requireNonNull(nextRepublish, "nextRepublish");
  }

  public String slot() {
    return slot(kind, target, fileId);
  }

  static String slot(PublicationKind kind, KadId target, KadId fileId) {
    return kind.name() + '/' + target.toHex() + '/' + fileId.toHex();
  }
}
