package io.pekkomule.persistence;

import io.pekkomule.persistence.buckets.BucketEvent;
import io.pekkomule.persistence.buckets.EvictionReason;
import io.pekkomule.persistence.buckets.StoredContact;
import io.pekkomule.persistence.identity.DestinationKeys;
import io.pekkomule.persistence.identity.IdentityEvent;
import io.pekkomule.persistence.identity.IdentityOrigin;
import io.pekkomule.persistence.index.IndexEntry;
import io.pekkomule.persistence.index.IndexEvent;
import io.pekkomule.persistence.index.IndexKind;
import io.pekkomule.persistence.index.Publication;
import io.pekkomule.persistence.index.PublicationEvent;
import io.pekkomule.persistence.index.PublicationKind;
import io.pekkomule.persistence.index.SharedFileRecord;
import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One sample of every persisted event in its current schema, named {@code <event>-v<version>}.
 * {@link GoldenEventWriter} wrote them to {@code src/test/resources/golden/}; the files are kept for
 * ever and must keep reading as these values ({@code EventSchemaCompatibilityTest}). A schema
 * change means: a new version number, a migration, and new golden files beside the old ones.
 */
final class GoldenSamples {
  private GoldenSamples() {}

  static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
  static final KadId ID = KadId.fromHex("0123456789ABCDEF0011223344556677");
  static final KadId ID2 = KadId.fromHex("FEDCBA98765432100123456789ABCDEF");

  static StoredContact contact() {
    return new StoredContact(ID2, TestValues.destination(2), 8, 0xDEADBEEFL, 0x1234,
        true, 2, T.minusSeconds(7200), Optional.of(T.plusSeconds(3600)), T, false);
  }

  /** A small routing-buckets state: two contacts (with and without expiry), one candidate. */
  static io.pekkomule.persistence.buckets.BucketState bucketState() {
    StoredContact a = contact();
    StoredContact b = new StoredContact(ID, TestValues.destination(4), 6, 0, 0, false, 4,
        T.minusSeconds(60), Optional.empty(), T.minusSeconds(30), true);
    StoredContact cand = new StoredContact(KadId.fromHex("00000000000000000000000000000001"),
        TestValues.destination(5), 8, 0xFFFFFFFFL, -7, false, 3, T, Optional.of(T), T, false);
    return new io.pekkomule.persistence.buckets.BucketState(Map.of(a.id(), a, b.id(), b),
        Map.of(cand.id(), cand), Optional.of(T));
  }

  /**
   * One sample of every snapshot form, named {@code <form>-v<format>}: {@code bucket-state-v0} is
   * the routing buckets' snapshot before {@code BucketSnapshot} (the state record itself), {@code
   * bucket-snapshot-v1} the columns blob of format 1. Both must keep reading as {@link
   * #bucketState()}.
   */
  static Map<String, Object> snapshots() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bucket-state-v0", bucketState());
    m.put("bucket-snapshot-v1", io.pekkomule.persistence.buckets.BucketSnapshot.of(bucketState()));
    return m;
  }

  static Map<String, Object> current() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("identity-created-v2",
        new IdentityEvent.IdentityCreated(ID, 0xCAFEF00DL, T, IdentityOrigin.GENERATED));
    m.put("destination-keys-stored-v1", new IdentityEvent.DestinationKeysStored(
        new DestinationKeys(TestValues.destination(1), TestValues.privateKeys(1)), T));
    m.put("node-started-v1", new IdentityEvent.NodeStarted(T, "0.1.0"));
    m.put("identity-rotated-v1", new IdentityEvent.IdentityRotated(ID2, 0x12345678L, T));

    m.put("contact-added-v1", new BucketEvent.ContactAdded(contact()));
    m.put("contact-updated-v1", new BucketEvent.ContactUpdated(contact()));
    m.put("contact-seen-v1", new BucketEvent.ContactSeen(ID2, T, 1, Optional.of(T.plusSeconds(5400))));
    m.put("contact-verified-v1", new BucketEvent.ContactVerified(ID2, T));
    m.put("contact-aged-v1", new BucketEvent.ContactAged(ID2, 4, Optional.empty(), T));
    m.put("contact-evicted-v1", new BucketEvent.ContactEvicted(ID2, EvictionReason.DEAD, T));
    m.put("candidate-cached-v1", new BucketEvent.CandidateCached(contact()));
    m.put("candidate-dropped-v1", new BucketEvent.CandidateDropped(ID2, T));
    m.put("checkpointed-v1", new BucketEvent.Checkpointed(T));
    m.put("downtime-applied-v1", new BucketEvent.DowntimeApplied(T.minusSeconds(36000), T,
        Duration.ofHours(10), List.of(new BucketEvent.AgedContact(ID2, 4)), List.of(ID)));

    m.put("entry-stored-v1", new IndexEvent.EntryStored(IndexEntry.storedAt(IndexKind.KEYWORD, ID,
        ID2, TestValues.destination(3), Blob.of(new byte[] {3, 1, 4, 1, 5}), T)));
    m.put("entries-expired-v1", new IndexEvent.EntriesExpired(T));

    m.put("publication-registered-v1", new PublicationEvent.PublicationRegistered(new Publication(
        PublicationKind.SOURCE, ID, ID, T, Optional.empty(), T.plusSeconds(60))));
    m.put("publication-published-v1", new PublicationEvent.PublicationPublished(
        PublicationKind.KEYWORD, ID2, ID, T, T.plus(Duration.ofHours(24))));
    m.put("publication-withdrawn-v1",
        new PublicationEvent.PublicationWithdrawn(PublicationKind.NOTES, ID, ID, T));
    m.put("file-shared-v1", new PublicationEvent.FileShared(ID, new SharedFileRecord("a b.avi",
        1000, true, Optional.of("Video"), Optional.of(4), Optional.of("good")), T));
    m.put("file-unshared-v1", new PublicationEvent.FileUnshared(ID, T));
    return m;
  }
}
