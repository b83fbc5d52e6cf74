package io.pekkomule.node.api;

import java.util.Locale;
import java.util.Optional;

/** What a lookup is for, as the API names it (iMule's NODE, KEYWORD, FILE, NOTES and STORE* types). */
public enum LookupKind {
  /** Find the nodes closest to a KadID. */
  NODE,
  /** Keyword search: files published under the first word of a query. */
  KEYWORD,
  /** Source search: who offers a file (iMule's FILE lookup). */
  SOURCE,
  /** Notes search: comments and ratings of a file. */
  NOTES,
  /** Publishing a file under its keywords. */
  PUBLISH_KEYWORD,
  /** Publishing ourselves as a source of a file. */
  PUBLISH_SOURCE,
  /** Publishing a note about a file. */
  PUBLISH_NOTES;

  /** The lower-case name used in JSON and metric tags. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kinds {@code POST /api/v1/lookups} starts. */
  public static Optional<LookupKind> searchKind(String key) {
    for (LookupKind k : new LookupKind[] {NODE, KEYWORD, SOURCE, NOTES}) {
      if (k.key().equals(key)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
