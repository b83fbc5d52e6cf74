package io.pekkomule.node.kad.lookup;

import io.pekkomule.protocol.contact.KadContact;
import java.util.List;

/** Where a lookup stands after an event. */
public sealed interface LookupState {

  /** Created, waiting for {@link LookupEvent.Start}. */
  record NotStarted() implements LookupState {}

  /**
   * @param inFlight requests awaiting an answer and not yet hard-timed-out
   * @param capacity how many may be in flight now (alpha plus soft-timed-out ones, capped)
   * @param askable candidates waiting for a REQ or a data request
   */
  record Running(int inFlight, int capacity, int askable, int results, int completed)
      implements LookupState {}

  /**
   * @param completedPeers the best-completed list, closest to the target first
   * @param nodeLoad average load reported by PUBLISH_RES answers, or -1 when none reported
   */
  record Finished(Termination reason, int results, int completed, List<KadContact> completedPeers,
      int nodeLoad) implements LookupState {}
}
