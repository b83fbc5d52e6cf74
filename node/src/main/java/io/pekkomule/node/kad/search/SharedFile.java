package io.pekkomule.node.kad.search;

import io.pekkomule.protocol.KadId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One file this node shares, as far as Kad publishing needs it (spec §12.1).
 *
 * @param fileId the file's ed2k hash as a KadId
 * @param name the file name (keywords are its words, extension stripped)
 * @param size bytes, &gt; 0
 * @param complete only complete files have their keywords published (iMule)
 * @param fileType iMule's type string ("Audio", "Video", "Image", "Doc", "Pro") when known
 * @param rating a notes rating 1..5 when the user gave one
 * @param comment a notes comment when the user wrote one; a file with neither has no notes
 */
public record SharedFile(KadId fileId, String name, long size, boolean complete,
    Optional<String> fileType, OptionalInt rating, Optional<String> comment) {

  public SharedFile {
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fileType, "fileType");
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(comment, "comment");
    if (size <= 0) {
      throw new IllegalArgumentException("file size must be positive");
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("file name must not be empty");
    }
  }

  /** A complete file without type or notes. */
  public static SharedFile complete(KadId fileId, String name, long size) {
    return new SharedFile(fileId, name, size, true, Optional.empty(), OptionalInt.empty(),
        Optional.empty());
  }

  public SharedFile withNotes(int rating, String comment) {
    return new SharedFile(fileId, name, size, complete, fileType, OptionalInt.of(rating),
        Optional.of(comment));
  }

  public boolean hasNotes() {
    return rating.isPresent() || comment.isPresent();
  }
}
