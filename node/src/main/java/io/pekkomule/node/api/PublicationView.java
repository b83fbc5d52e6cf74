package io.pekkomule.node.api;

import io.pekkomule.node.kad.lookup.Termination;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One of our shared files as {@code GET /api/v1/publications} lists it: what is published and
 * when each of its items next goes out.
 *
 * @param complete whether its keywords are published (a keyword publication)
 * @param rating the notes rating, null without notes
 * @param sharedAt when it was shared while the node runs; null for a file resumed from the journal
 * @param items its source, notes and keyword items, by kind then next time
 */
public record PublicationView(
    KadId fileHash,
    String name,
    long size,
    boolean complete,
    Integer rating,
    String comment,
    Instant sharedAt,
    List<Item> items) {

  public PublicationView {
    Objects.requireNonNull(fileHash, "fileHash");
    items = List.copyOf(items);
  }

  /** The kinds of publish items (iMule's three store lookups). */
  public enum Kind {
    SOURCE,
    KEYWORD,
    NOTES
  }

  /** Whether an item waits for its next time or its store lookup runs now. */
  public enum State {
    SCHEDULED,
    RUNNING
  }

  /**
   * One publish item.
   *
   * @param target the key it is stored under: the file hash (source, notes) or the keyword id
   * @param nextPublishAt when it next goes out (a running item: when it was due)
   * @param last its last finished store lookup, null before the first
   */
  public record Item(Kind kind, KadId target, State state, Instant nextPublishAt, Job last) {}

  /**
   * One finished store lookup.
   *
   * @param stored storing nodes that acknowledged it (PUBLISH_RES); notes are never acknowledged
   *     by iMule, so 0
   * @param success what the schedule counts as published (at least one acknowledgement; notes:
   *     always)
   * @param nextPublishAt when the item goes out again; null when it is no longer scheduled
   */
  public record Job(
      Kind kind,
      KadId target,
      int stored,
      boolean success,
      Termination termination,
      int requests,
      Instant finishedAt,
      Instant nextPublishAt) {}
}
