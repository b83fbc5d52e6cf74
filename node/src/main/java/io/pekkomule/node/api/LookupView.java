package io.pekkomule.node.api;

import io.pekkomule.node.kad.lookup.Termination;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.Objects;

/**
 * One lookup (search or publish), running or recently finished.
 *
 * @param id the node's id for it, unique while the node runs ({@code [A-Za-z0-9._-]{1,64}})
 * @param target the KadID looked up (for a keyword search: the first word's keyword id)
 * @param keyword the query of a keyword search, else null
 * @param termination why it ended; null while running
 * @param finishedAt null while running
 * @param requests requests sent so far
 * @param results results so far (nodes, files, sources, notes, or store acknowledgements)
 */
public record LookupView(
    String id,
    LookupKind type,
    KadId target,
    String keyword,
    State state,
    Termination termination,
    Instant startedAt,
    Instant finishedAt,
    int requests,
    int results) {

  /** Whether the lookup still runs. */
  public enum State {
    RUNNING,
    FINISHED
  }

  public LookupView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
