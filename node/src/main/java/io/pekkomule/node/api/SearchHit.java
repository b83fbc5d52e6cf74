package io.pekkomule.node.api;

import io.pekkomule.protocol.KadId;
import java.util.Map;

/**
 * One result of a keyword, source or notes search.
 *
 * @param key the file hash (keyword and notes results) or the source's KadID
 * @param b32 the source's destination ({@code .b32.i2p}), else null
 * @param name file name, else null
 * @param size file size in bytes, else null
 * @param tags further tags by iMule name (e.g. {@code "availability"}, {@code "rating"})
 */
public record SearchHit(KadId key, String b32, String name, Long size, Map<String, Object> tags) {
  public SearchHit {
    tags = Map.copyOf(tags);
  }
}
