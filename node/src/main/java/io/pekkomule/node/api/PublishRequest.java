package io.pekkomule.node.api;

import io.pekkomule.protocol.KadId;
import java.util.Objects;

/** A publication the operator asked for ({@code POST /api/v1/publications}); validated by the API. */
public sealed interface PublishRequest {
  LookupKind kind();

  KadId fileHash();

  /** Publish the file under the keywords of its name ({@code KeywordHasher.publishWords}). */
  record Keyword(KadId fileHash, String fileName, long fileSize) implements PublishRequest {
    public Keyword {
      Objects.requireNonNull(fileHash, "fileHash");
      Objects.requireNonNull(fileName, "fileName");
    }

    @Override
    public LookupKind kind() {
      return LookupKind.PUBLISH_KEYWORD;
    }
  }

  /** Publish this node as a source of the file. */
  record Source(KadId fileHash, long fileSize) implements PublishRequest {
    public Source {
      Objects.requireNonNull(fileHash, "fileHash");
    }

    @Override
    public LookupKind kind() {
      return LookupKind.PUBLISH_SOURCE;
    }
  }

  /**
   * Publish a note about the file.
   *
   * @param rating 0 (none) … 5
   * @param comment at most {@link #MAX_COMMENT} characters, may be empty
   */
  record Notes(KadId fileHash, String fileName, int rating, String comment)
      implements PublishRequest {
    /** iMule's comment limit (characters). */
    public static final int MAX_COMMENT = 128;

    public Notes {
      Objects.requireNonNull(fileHash, "fileHash");
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(comment, "comment");
    }

    @Override
    public LookupKind kind() {
      return LookupKind.PUBLISH_NOTES;
    }
  }
}
