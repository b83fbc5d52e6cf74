package io.pekkomule.persistence.buckets;

import io.pekkomule.persistence.buckets.Reverification.ReverifyAt;
import java.time.Duration;
import java.util.List;

/**
 * What the node gets back after recovery: the downtime applied, the contacts to load into its
 * routing table (best first), how many the downtime removed, and when to re-verify each contact.
 */
public record RecoveryReport(Duration downtime, List<StoredContact> contacts,
    List<StoredContact> candidates, int removed, List<ReverifyAt> reverify) {
  public RecoveryReport {
    contacts = List.copyOf(contacts);
    candidates = List.copyOf(candidates);
    reverify = List.copyOf(reverify);
  }
}
