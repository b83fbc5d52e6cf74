package io.pekkomule.node.kad.routing;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.AddressKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing table's lookup maps (contact by KadID, contact by address key) as open-addressing
 * hash tables with linear probing, instead of {@code HashMap}s: no node object and no boxed key
 * per contact, so a table of a few hundred contacts costs a few KB less per node (a lab holds
 * thousands of nodes in one JVM; docs/benchmarks.md, "Lab", heap per node). Not thread-safe.
 */
final class EntryIndex {
  private EntryIndex() {}

  private static int mix(long h) {
    h *= 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** Entries by their (final) id; an entry is its own key. */
  static final class ById {
    private Entry[] slots = new Entry[16];
    private int size;

    int size() {
      return size;
    }

    private int slot(KadId id) {
      return mix(id.hashCode()) & (slots.length - 1);
    }

    Entry get(KadId id) {
      Entry[] s = slots;
      int mask = s.length - 1;
      for (int i = mix(id.hashCode()) & mask; s[i] != null; i = (i + 1) & mask) {
        if (s[i].id.equals(id)) {
          return s[i];
        }
      }
      return null;
    }

    boolean containsKey(KadId id) {
      return get(id) != null;
    }

    /** Maps {@code e.id} to {@code e}, replacing an entry with the same id. */
    void put(Entry e) {
      if ((size + 1) * 4 > slots.length * 3) {
        resize(slots.length * 2);
      }
      int mask = slots.length - 1;
      int i = slot(e.id);
      while (slots[i] != null) {
        if (slots[i].id.equals(e.id)) {
          slots[i] = e;
          return;
        }
        i = (i + 1) & mask;
      }
      slots[i] = e;
      size++;
    }

    Entry remove(KadId id) {
      int mask = slots.length - 1;
      for (int i = slot(id); slots[i] != null; i = (i + 1) & mask) {
        if (slots[i].id.equals(id)) {
          Entry old = slots[i];
          deleteAt(i);
          return old;
        }
      }
      return null;
    }

    /** Backward-shift deletion keeps every probe chain unbroken without tombstones. */
    private void deleteAt(int hole) {
      int mask = slots.length - 1;
      slots[hole] = null;
      size--;
      for (int i = (hole + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
        int home = slot(slots[i].id);
        if (((i - home) & mask) >= ((i - hole) & mask)) {
          slots[hole] = slots[i];
          slots[i] = null;
          hole = i;
        }
      }
    }

    private void resize(int capacity) {
      Entry[] old = slots;
      slots = new Entry[capacity];
      size = 0;
      for (Entry e : old) {
        if (e != null) {
          put(e);
        }
      }
    }

    /** The entries, in no particular order. */
    List<Entry> values() {
      List<Entry> out = new ArrayList<>(size);
      for (Entry e : slots) {
        if (e != null) {
          out.add(e);
        }
      }
      return out;
    }
  }

  /**
   * Entries by address key: the 32-bit value in an {@code int[]}, the family checked on the
   * entry's endpoint (an entry is always indexed under its current endpoint's key).
   */
  static final class ByAddress {
    private int[] keys = new int[16];
    private Entry[] values = new Entry[16];
    private int size;

    int size() {
      return size;
    }

    private int slot(int key) {
      return mix(key) & (keys.length - 1);
    }


    Entry get(AddressKey key) {
      int k = (int) key.value();
      int mask = keys.length - 1;
      for (int i = slot(k); values[i] != null; i = (i + 1) & mask) {
        if (keys[i] == k && values[i].dest.family() == key.family()) {
          return values[i];
        }
      }
      return null;
    }

    boolean containsKey(AddressKey key) {
      return get(key) != null;
    }

    /** Maps {@code key} (which must be {@code e}'s endpoint's key) to {@code e}. */
    void put(AddressKey key, Entry e) {
      if ((size + 1) * 4 > keys.length * 3) {
        resize(keys.length * 2);
      }
      int k = (int) key.value();
      int mask = keys.length - 1;
      int i = slot(k);
      while (values[i] != null) {
        if (keys[i] == k && values[i].dest.family() == key.family()) {
          values[i] = e;
          return;
        }
        i = (i + 1) & mask;
      }
      keys[i] = k;
      values[i] = e;
      size++;
    }

    void remove(AddressKey key) {
      remove(key, null);
    }

    /** Removes the mapping of {@code key}, only if it maps to {@code only} when that is given. */
    void remove(AddressKey key, Entry only) {
      int k = (int) key.value();
      int mask = keys.length - 1;
      for (int i = slot(k); values[i] != null; i = (i + 1) & mask) {
        if (keys[i] == k && values[i].dest.family() == key.family()) {
          if (only == null || values[i] == only) {
            deleteAt(i);
          }
          return;
        }
      }
    }

    private void deleteAt(int hole) {
      int mask = keys.length - 1;
      values[hole] = null;
      keys[hole] = 0;
      size--;
      for (int i = (hole + 1) & mask; values[i] != null; i = (i + 1) & mask) {
        int home = slot(keys[i]);
        if (((i - home) & mask) >= ((i - hole) & mask)) {
          keys[hole] = keys[i];
          values[hole] = values[i];
          keys[i] = 0;
          values[i] = null;
          hole = i;
        }
      }
    }

    private void resize(int capacity) {
      int[] oldKeys = keys;
      Entry[] oldValues = values;
      keys = new int[capacity];
      values = new Entry[capacity];
      size = 0;
      int mask = capacity - 1;
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldValues[j] != null) {
          int i = slot(oldKeys[j]);
          while (values[i] != null) {
            i = (i + 1) & mask;
          }
          keys[i] = oldKeys[j];
          values[i] = oldValues[j];
          size++;
        }
      }
    }
  }
}
