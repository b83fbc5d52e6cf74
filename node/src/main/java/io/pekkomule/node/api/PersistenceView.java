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
 * @param acknowledgedIndexEntries entries others published to us that the journal acknowledged
 *     and that have not expired: they survive a crash
 * @param indexEntries those entries as {@code KIND/key/entry} (KEYWORD, SOURCE or NOTES; key and
 *     entry id in 32 hex digits), sorted
 */
public record PersistenceView(String journal, int acknowledgedContacts, int pendingWrites,
    List<String> contacts, int acknowledgedIndexEntries, List<String> indexEntries) {
  public PersistenceView {
    Objects.requireNonNull(journal, "journal");
    contacts = List.copyOf(contacts);
    indexEntries = List.copyOf(indexEntries);
  }

  /** Without index entries. */
  public PersistenceView(String journal, int acknowledgedContacts, int pendingWrites,
      List<String> contacts) {
    this(journal, acknowledgedContacts, pendingWrites, contacts, 0, List.of());
  }
}
