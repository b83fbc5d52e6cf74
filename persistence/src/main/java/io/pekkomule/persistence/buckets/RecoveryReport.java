package io.pekkomule.persistence.buckets;

import java.time.Duration;
import java.util.List;

/**
 * What the node gets back after recovery: the downtime applied, the contacts to load into its
 * routing table (best first), the replacement-cache candidates, and how many the downtime removed.
 * The survivors carry {@code reverifyPending} and no expiry: the node's routing table re-verifies
 * them as iMule does after loading nodes.dat — its jittered per-zone small timer (~1 min) pings one
 * contact per zone at a time — so there is no start-up burst and no schedule of our own on the wire.
 */
public record RecoveryReport(Duration downtime, List<StoredContact> contacts,
    List<StoredContact> candidates, int removed) {
  public RecoveryReport {
    contacts = List.copyOf(contacts);
    candidates = List.copyOf(candidates);
  }
}
