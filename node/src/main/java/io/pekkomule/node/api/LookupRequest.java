package io.pekkomule.node.api;

import io.pekkomule.protocol.KadId;
import java.util.Objects;

/** A lookup the operator asked for ({@code POST /api/v1/lookups}); validated by the API. */
public sealed interface LookupRequest {
  LookupKind kind();

  /** Find the nodes closest to {@code target}. */
  record Node(KadId target) implements LookupRequest {
    public Node {
      Objects.requireNonNull(target, "target");
    }

    @Override
    public LookupKind kind() {
      return LookupKind.NODE;
    }
  }

  /**
   * Keyword search; the node targets the first word ({@code KeywordHasher.searchTarget}).
   *
   * @param query at least one word of 3 or more UTF-8 bytes (checked by the API)
   */
  record Keyword(String query) implements LookupRequest {
    public Keyword {
      Objects.requireNonNull(query, "query");
    }

    @Override
    public LookupKind kind() {
      return LookupKind.KEYWORD;
    }
  }

  /**
   * Who offers the file with this hash.
   *
   * @param fileSize sent in SEARCH_SOURCE_REQ; 0 when unknown
   */
  record Source(KadId fileHash, long fileSize) implements LookupRequest {
    public Source {
      Objects.requireNonNull(fileHash, "fileHash");
    }

    @Override
    public LookupKind kind() {
      return LookupKind.SOURCE;
    }
  }

  /**
   * Notes (comments, ratings) of the file with this hash.
   *
   * @param fileSize sent in SEARCH_NOTES_REQ; 0 when unknown
   */
  record Notes(KadId fileHash, long fileSize) implements LookupRequest {
    public Notes {
      Objects.requireNonNull(fileHash, "fileHash");
    }

    @Override
    public LookupKind kind() {
      return LookupKind.NOTES;
    }
  }
}
