package io.pekkomule.node.api;

import java.util.List;
import java.util.Objects;

/**
 * The node's durable routing state ({@code GET /api/v1/persistence}).
 *
 * @param journal {@code h2} or {@code postgres}
 * @param acknowledgedContacts routing contacts the journal acknowledged: they survive a crash
 * @param pendingWrites routing-table writes waiting for the journal
 * @param contacts the acknowledged contacts' KadIDs (32 hex digits), sorted
 */
public record PersistenceView(String journal, int acknowledgedContacts, int pendingWrites,
    List<String> contacts) {
  public PersistenceView {
    Objects.requireNonNull(journal, "journal");
    contacts = List.copyOf(contacts);
  }
}
