package io.pekkomule.persistence.index;

import io.pekkomule.persistence.CborSerializable;
import java.time.Instant;

/** What happened to the stored index; persisted with Jackson CBOR (schema v1). */
public sealed interface IndexEvent extends CborSerializable {

  /** An entry was stored or republished (replacing its slot). */
  record EntryStored(IndexEntry entry) implements IndexEvent {}

  /** Every entry expired at {@code at} was dropped. */
  record EntriesExpired(Instant at) implements IndexEvent {}
}
