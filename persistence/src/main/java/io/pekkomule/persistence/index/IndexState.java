package io.pekkomule.persistence.index;

import io.pekkomule.persistence.CborSerializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The stored index: entries by {@link IndexEntry#slot()}. Immutable; events make copies. */
public record IndexState(Map<String, IndexEntry> entries) implements CborSerializable {
  public static final IndexState EMPTY = new IndexState(Map.of());

  public IndexState {
    entries = Map.copyOf(entries);
  }

  IndexState apply(IndexEvent event) {
    Map<String, IndexEntry> m = new HashMap<>(entries);
    if (event instanceof IndexEvent.EntryStored e) {
      m.put(e.entry().slot(), e.entry());
    } else if (event instanceof IndexEvent.EntriesExpired e) {
      m.values().removeIf(x -> x.expiredAt(e.at()));
    } else {
      throw new IllegalArgumentException("unknown event " + event);
    }
    return new IndexState(m);
  }

  long expiredCount(Instant now) {
    return entries.values().stream().filter(e -> e.expiredAt(now)).count();
  }
}
