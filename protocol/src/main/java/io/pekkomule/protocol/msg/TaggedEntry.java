package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.tag.TagList;
import java.util.Objects;

/**
 * {@code UInt128 · TagList}: one result of a SEARCH_RES (answer id + tags) or one file of a
 * PUBLISH_KEY_REQ / Kad1 PUBLISH_REQ (file or source id + tags).
 */
public record TaggedEntry(KadId id, TagList tags) {
  public TaggedEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tags, "tags");
  }
}
