package io.pekkomule.persistence.index;

import java.util.Objects;
import java.util.Optional;

/**
 * A file we share, as far as publishing needs it: restored at start so its publications resume.
 *
 * @param complete only complete files have their keywords published
 */
public record SharedFileRecord(String name, long size, boolean complete, Optional<String> fileType,
    Optional<Integer> rating, Optional<String> comment) {
  public SharedFileRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fileType, "fileType");
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(comment, "comment");
  }
}
