package io.pekkomule.persistence.identity;

import io.pekkomule.persistence.CborSerializable;
import io.pekkomule.protocol.KadId;
import java.time.Instant;

/**
 * What happened to the node identity; persisted with Jackson CBOR. Changing a record's fields
 * needs a {@code JacksonMigration} (see docs/persistence.md, "Versioning").
 */
public sealed interface IdentityEvent extends CborSerializable {

  /**
   * The identity was created (once per data directory). Schema v2; v1 had a signed {@code int
   * udpKeySecret} and no origin ({@link IdentityCreatedMigration}).
   */
  record IdentityCreated(KadId kadId, long udpVerifySecret, Instant createdAt, IdentityOrigin origin)
      implements IdentityEvent {
    @Override
    public String toString() {
      return "IdentityCreated[kadId=" + kadId.toHex() + ", createdAt=" + createdAt + ", origin="
          + origin + ", udpVerifySecret=redacted]";
    }
  }

  /** The transport created our destination; its keys are kept from now on. */
  record DestinationKeysStored(DestinationKeys keys, Instant at) implements IdentityEvent {}

  /** The node started with this identity (the restart history). */
  record NodeStarted(Instant at, String softwareVersion) implements IdentityEvent {}

  /**
   * An operator-confirmed rotation: new KadID and secret; the destination keys are dropped so the
   * transport creates a fresh destination (an old destination would link the two identities).
   */
  record IdentityRotated(KadId kadId, long udpVerifySecret, Instant at) implements IdentityEvent {
    @Override
    public String toString() {
      return "IdentityRotated[kadId=" + kadId.toHex() + ", at=" + at + ", udpVerifySecret=redacted]";
    }
  }
}
