package io.pekkomule.persistence.buckets;

import io.pekkomule.persistence.CborSerializable;
import io.pekkomule.persistence.PersistentMap;
import io.pekkomule.persistence.buckets.BucketEvent.AgedContact;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The persisted routing buckets: table contacts and replacement-cache candidates by KadID, and the
 * time of the last recorded activity (the start of a downtime). Immutable; an event makes a new
 * state sharing structure with the old ({@link PersistentMap}: O(log n), not a copy).
 */
public record BucketState(
    Map<KadId, StoredContact> contacts,
    Map<KadId, StoredContact> candidates,
    Optional<Instant> lastActivity) implements CborSerializable {

  public static final BucketState EMPTY = new BucketState(Map.of(), Map.of(), Optional.empty());

  /** The maps are persistent (structure-sharing) maps: an event costs O(log n), not a copy. */
  public BucketState {
    contacts = PersistentMap.copyOf(contacts);
    candidates = PersistentMap.copyOf(candidates);
    Objects.requireNonNull(lastActivity, "lastActivity");
  }

  /** Contacts best first ({@link StoredContact#BEST_FIRST}). */
  public List<StoredContact> contactsBestFirst() {
    return contacts.values().stream().sorted(StoredContact.BEST_FIRST).toList();
  }

  /** The candidate the cache gives up first: the last in {@link StoredContact#BEST_FIRST}. */
  Optional<StoredContact> worstCandidate() {
    return candidates.values().stream().max(StoredContact.BEST_FIRST);
  }

  BucketState apply(BucketEvent event) {
    Map<KadId, StoredContact> table = contacts;
    Map<KadId, StoredContact> cache = candidates;
    if (event instanceof BucketEvent.ContactAdded e) {
      table = put(table, e.contact());
      cache = remove(cache, e.contact().id());
    } else if (event instanceof BucketEvent.ContactUpdated e) {
      table = put(table, e.contact());
    } else if (event instanceof BucketEvent.ContactSeen e) {
      StoredContact c = table.get(e.id());
      if (c != null) {
        table = put(table, c.seen(e.type(), e.expires(), e.at()));
      } else if (cache.containsKey(e.id())) {
        cache = put(cache, cache.get(e.id()).seen(e.type(), e.expires(), e.at()));
      }
    } else if (event instanceof BucketEvent.ContactVerified e) {
      StoredContact c = table.get(e.id());
      if (c != null) {
        table = put(table, c.withVerified());
      }
    } else if (event instanceof BucketEvent.ContactAged e) {
      StoredContact c = table.get(e.id());
      if (c != null) {
        table = put(table, c.aged(e.type(), e.expires()));
      }
    } else if (event instanceof BucketEvent.ContactEvicted e) {
      table = remove(table, e.id());
    } else if (event instanceof BucketEvent.CandidateCached e) {
      cache = put(cache, e.candidate());
    } else if (event instanceof BucketEvent.CandidateDropped e) {
      cache = remove(cache, e.id());
    } else if (event instanceof BucketEvent.DowntimeApplied e) {
      table = afterDowntime(table, e);
    } else if (!(event instanceof BucketEvent.Checkpointed)) {
      throw new IllegalArgumentException("unknown event " + event);
    }
    Instant last = lastActivity.filter(t -> t.isAfter(event.at())).orElse(event.at());
    return new BucketState(table, cache, Optional.of(last));
  }

  private static Map<KadId, StoredContact> afterDowntime(
      Map<KadId, StoredContact> table, BucketEvent.DowntimeApplied e) {
    Map<KadId, StoredContact> m = new HashMap<>(table);
    e.removed().forEach(m::remove);
    Map<KadId, Integer> types = new HashMap<>();
    for (AgedContact a : e.aged()) {
      types.put(a.id(), a.type());
    }
    m.replaceAll((id, c) -> c.afterDowntime(types.getOrDefault(id, c.type())));
    return m;
  }

  private static Map<KadId, StoredContact> put(Map<KadId, StoredContact> m, StoredContact c) {
    return PersistentMap.copyOf(m).plus(c.id(), c);
  }

  private static Map<KadId, StoredContact> remove(Map<KadId, StoredContact> m, KadId id) {
    return PersistentMap.copyOf(m).minus(id);
  }
}
