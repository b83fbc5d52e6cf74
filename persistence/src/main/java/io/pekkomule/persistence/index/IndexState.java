package io.pekkomule.persistence.index;

import io.pekkomule.persistence.CborSerializable;
import io.pekkomule.persistence.PersistentMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stored index: entries by {@link IndexEntry#slot()}. Immutable; an event makes a new state
 * sharing structure with the old ({@link PersistentMap}: a stored entry costs O(log n), an expiry
 * O(n) to find the expired ones plus O(log n) per removal — never a copy of up to 60,000 entries
 * per event). To Jackson the map is an ordinary map: the stored form is unchanged.
 */
public record IndexState(Map<String, IndexEntry> entries) implements CborSerializable {
  public static final IndexState EMPTY = new IndexState(Map.of());

  public IndexState {
    entries = PersistentMap.copyOf(entries);
  }

  IndexState apply(IndexEvent event) {
    PersistentMap<String, IndexEntry> m = PersistentMap.copyOf(entries);
    if (event instanceof IndexEvent.EntryStored e) {
      m = m.plus(e.entry().slot(), e.entry());
    } else if (event instanceof IndexEvent.EntriesExpired e) {
      List<String> gone = new ArrayList<>();
      for (Map.Entry<String, IndexEntry> x : m.entrySet()) {
        if (x.getValue().expiredAt(e.at())) {
          gone.add(x.getKey());
        }
      }
      for (String slot : gone) {
        m = m.minus(slot);
      }
    } else {
      throw new IllegalArgumentException("unknown event " + event);
    }
    return m == entries ? this : new IndexState(m);
  }

  long expiredCount(Instant now) {
    return entries.values().stream().filter(e -> e.expiredAt(now)).count();
  }
}
