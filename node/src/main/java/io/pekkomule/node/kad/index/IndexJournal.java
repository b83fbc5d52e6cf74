package io.pekkomule.node.kad.index;

import io.pekkomule.protocol.endpoint.Endpoint;
import java.util.List;

/**
 * Where the entries the {@link IndexStore} accepted are kept across restarts: the node tells it
 * every accepted (or refreshed) entry with its sender, and takes the recovered entries once at
 * start. {@link #NONE} keeps nothing (the lab's many in-memory nodes, tests).
 */
public interface IndexJournal {

  /** An entry the store accepted from {@code from} (called on the dispatcher's thread). */
  void accepted(IndexStore.Accepted entry, Endpoint from);

  /** The entries recovered at start, oldest first (expired ones are dropped by the store). */
  List<IndexStore.Accepted> recovered();

  IndexJournal NONE = new IndexJournal() {
    @Override
    public void accepted(IndexStore.Accepted entry, Endpoint from) {}

    @Override
    public List<IndexStore.Accepted> recovered() {
      return List.of();
    }
  };
}
