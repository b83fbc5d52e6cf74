package io.pekkomule.persistence;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import scala.Tuple2;
import scala.collection.immutable.HashMap;

/**
 * An immutable {@link Map} whose {@link #plus} and {@link #minus} return a new map sharing almost
 * all of its structure (Scala's hash array mapped trie, on the classpath through Pekko): O(log n)
 * per change instead of copying the whole table, so replaying events after a snapshot costs
 * O(events · log n). To Jackson and to {@code equals} it is an ordinary map, so the stored form
 * does not change. Null keys and values are refused. Used by the entities' states
 * ({@code BucketState}, {@code IndexState}); not an API for the node.
 */
public final class PersistentMap<K, V> extends AbstractMap<K, V> {
  private static final PersistentMap<?, ?> EMPTY = new PersistentMap<>(emptyTrie());

  private final HashMap<K, V> trie;
  private Set<Entry<K, V>> entries;

  private PersistentMap(HashMap<K, V> trie) {
    this.trie = trie;
  }

  private static <K, V> HashMap<K, V> emptyTrie() {
    return scala.collection.immutable.HashMap$.MODULE$.<K, V>empty();
  }

  @SuppressWarnings("unchecked")
  public static <K, V> PersistentMap<K, V> empty() {
    return (PersistentMap<K, V>) EMPTY;
  }

  /** {@code m} itself when it already is one, else a copy. */
  public static <K, V> PersistentMap<K, V> copyOf(Map<K, V> m) {
    if (m instanceof PersistentMap<K, V> p) {
      return p;
    }
    HashMap<K, V> t = emptyTrie();
    for (Entry<K, V> e : m.entrySet()) {
      t = t.updated(Objects.requireNonNull(e.getKey()), Objects.requireNonNull(e.getValue()));
    }
    return new PersistentMap<>(t);
  }

  public PersistentMap<K, V> plus(K key, V value) {
    return new PersistentMap<>(trie.updated(Objects.requireNonNull(key),
        Objects.requireNonNull(value)));
  }

  public PersistentMap<K, V> minus(K key) {
    return trie.contains(key) ? new PersistentMap<>(trie.removed(key)) : this;
  }

  @Override
  public int size() {
    return trie.size();
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    if (key == null) {
      return null;
    }
    scala.Option<V> v = trie.get((K) key);
    return v.isDefined() ? v.get() : null;
  }

  @Override
  public Set<Entry<K, V>> entrySet() {
    Set<Entry<K, V>> s = entries;
    if (s == null) {
      s = new AbstractSet<>() {
        @Override
        public Iterator<Entry<K, V>> iterator() {
          scala.collection.Iterator<Tuple2<K, V>> it = trie.iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Entry<K, V> next() {
              Tuple2<K, V> t = it.next();
              return new SimpleImmutableEntry<>(t._1(), t._2());
            }
          };
        }

        @Override
        public int size() {
          return trie.size();
        }
      };
      entries = s;
    }
    return s;
  }
}
