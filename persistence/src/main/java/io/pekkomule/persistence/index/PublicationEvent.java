package io.pekkomule.persistence.index;

import io.pekkomule.persistence.CborSerializable;
import io.pekkomule.protocol.KadId;
import java.time.Instant;

/** What happened to our own publications; persisted with Jackson CBOR (schema v1). */
public sealed interface PublicationEvent extends CborSerializable {

  record PublicationRegistered(Publication publication) implements PublicationEvent {}

  /** A publish round succeeded; the next one is due at {@code nextRepublish}. */
  record PublicationPublished(PublicationKind kind, KadId target, KadId fileId, Instant at,
      Instant nextRepublish) implements PublicationEvent {}

  record PublicationWithdrawn(PublicationKind kind, KadId target, KadId fileId, Instant at)
      implements PublicationEvent {}

  /** A file is shared (its description, so its publications resume after a restart). */
  record FileShared(KadId fileId, SharedFileRecord file, Instant at) implements PublicationEvent {}

  /** A file is no longer shared: it and its publications are forgotten. */
  record FileUnshared(KadId fileId, Instant at) implements PublicationEvent {}
}
