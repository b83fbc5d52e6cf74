package io.pekkomule.node.kad.search;

import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.keyword.KeywordHasher;
import java.util.List;
import java.util.Objects;

/**
 * What to search for (spec §11): a KEYWORD search for a query (targets the first word, the other
 * words go as a restrictive expression, results filtered by iMule's name rule), a FILE search for
 * the sources of a file, or a NOTES search for the notes of a file.
 *
 * @param words the query's words (KEYWORD), empty otherwise
 * @param size the file size (FILE, NOTES), 0 for KEYWORD
 */
public record SearchRequest(LookupType type, KadId target, List<String> words, long size) {
  public SearchRequest {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    words = List.copyOf(words);
    if (type != LookupType.KEYWORD && type != LookupType.FILE && type != LookupType.NOTES) {
      throw new IllegalArgumentException("not a search type: " + type);
    }
  }

  /** A keyword search; {@link IllegalArgumentException} when the query has no word of 3 bytes. */
  public static SearchRequest keyword(String query) {
    List<String> words = KeywordHasher.searchWords(query);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("the query has no word of at least 3 bytes: " + query);
    }
    return new SearchRequest(LookupType.KEYWORD, KeywordHasher.hash(words.get(0)), words, 0);
  }

  public static SearchRequest sources(KadId fileId, long size) {
    return new SearchRequest(LookupType.FILE, fileId, List.of(), size);
  }

  public static SearchRequest notes(KadId fileId, long size) {
    return new SearchRequest(LookupType.NOTES, fileId, List.of(), size);
  }
}
