package io.pekkomule.persistence.buckets;

import io.pekkomule.persistence.CborSerializable;
import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What happened to the persisted routing buckets; persisted with Jackson CBOR (schema v1). */
public sealed interface BucketEvent extends CborSerializable {

  /** The time the event carries; the latest one is the store's last activity. */
  Instant at();

  /** A contact entered the table (new, or promoted from the replacement cache). */
  record ContactAdded(StoredContact contact) implements BucketEvent {
    @Override
    public Instant at() {
      return contact.lastSeen();
    }
  }

  /** Destination, version, verify key or flag of a contact changed. */
  record ContactUpdated(StoredContact contact) implements BucketEvent {
    @Override
    public Instant at() {
      return contact.lastSeen();
    }
  }

  /** Coalesced sign of life: at most one per contact per {@code seen-coalesce-window}. */
  record ContactSeen(KadId id, Instant at, int type, Optional<Instant> expires)
      implements BucketEvent {}

  /** The contact proved its endpoint. */
  record ContactVerified(KadId id, Instant at) implements BucketEvent {}

  /** The contact's liveness class got worse (missed hellos); written only when the class changes. */
  record ContactAged(KadId id, int type, Optional<Instant> expires, Instant at)
      implements BucketEvent {}

  record ContactEvicted(KadId id, EvictionReason reason, Instant at) implements BucketEvent {}

  /** A candidate waits in the replacement cache (a full bin could not take it). */
  record CandidateCached(StoredContact candidate) implements BucketEvent {
    @Override
    public Instant at() {
      return candidate.lastSeen();
    }
  }

  /** The replacement cache was full: its worst candidate made room. */
  record CandidateDropped(KadId id, Instant at) implements BucketEvent {}

  /** The node was alive at {@code at} (sent periodically and at graceful shutdown). */
  record Checkpointed(Instant at) implements BucketEvent {}

  /**
   * Downtime ageing on recovery, recorded as its outcome so that replay never depends on the
   * ageing code of a later version: the classes that changed, the contacts removed; every other
   * contact keeps its class. All surviving contacts lose their expiry and await re-verification.
   */
  record DowntimeApplied(Instant lastActivity, Instant at, Duration downtime,
      List<AgedContact> aged, List<KadId> removed) implements BucketEvent {
    public DowntimeApplied {
      aged = List.copyOf(aged);
      removed = List.copyOf(removed);
    }
  }

  /** One contact's class after downtime ageing. */
  record AgedContact(KadId id, int type) {}
}
