package io.pekkomule.persistence.index;

import io.pekkomule.persistence.Blob;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry another node published to us: under {@code key} (keyword hash or file id), the entry
 * {@code entryId} (file, source or note publisher), its tags as encoded on the wire, who sent it and
 * when it expires. A republication replaces the entry with the same kind, key and entry id.
 */
public record IndexEntry(IndexKind kind, KadId key, KadId entryId, I2pDestination publisher,
    Blob tags, Instant stored, Instant expires) {

  public IndexEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(stored, "stored");
    Objects.requireNonNull(expires, "expires");
  }

  /** Stored now, expiring after the kind's lifetime. */
  public static IndexEntry storedAt(IndexKind kind, KadId key, KadId entryId,
      I2pDestination publisher, Blob tags, Instant now) {
    return new IndexEntry(kind, key, entryId, publisher, tags, now, now.plus(kind.lifetime()));
  }

  /** The slot a republication replaces: kind, key and entry id. */
  public String slot() {
    return slot(kind, key, entryId);
  }

  static String slot(IndexKind kind, KadId key, KadId entryId) {
    return kind.name() + '/' + key.toHex() + '/' + entryId.toHex();
  }

  public boolean expiredAt(Instant now) {
    return !expires.isAfter(now);
  }
}
