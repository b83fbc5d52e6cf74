package io.pekkomule.node.kad.lookup;

import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Endpoint;
import java.util.List;

/** Inputs of {@link Lookup#advance}; time comes from the lookup's clock. */
public sealed interface LookupEvent {

  /**
   * Seeds the lookup (from {@code RoutingTable.lookupSeeds}); data types also ask themselves.
   * {@code far}: exploration candidates ({@code RoutingTable.exploreSeeds}), asked only by
   * exploration REQs.
   */
  record Start(List<KadContact> seeds, List<KadContact> far) implements LookupEvent {
    public Start(List<KadContact> seeds) {
      this(seeds, List.of());
    }
  }

  /** One JumpStart step; the shell sends it about every 2 s (jittered). */
  record Tick() implements LookupEvent {}

  /** A KADEMLIA2_RES (or Kad1 RES) from {@code from}, already parsed and filtered by the shell. */
  record NodesReceived(Endpoint from, List<KadContact> contacts) implements LookupEvent {}

  /**
   * A SEARCH_RES packet of a FILE/KEYWORD/NOTES lookup.
   *
   * @param entries entries in the packet (counted against the sender's maxAnswers)
   * @param accepted entries the shell kept as results
   */
  record SearchResultsReceived(Endpoint from, int entries, int accepted)
      implements LookupEvent {}

  /** A PUBLISH_RES of a STORE* lookup; {@code load} is the node's load byte or -1 when absent. */
  record PublishAcknowledged(Endpoint from, int load) implements LookupEvent {}

  record Cancel() implements LookupEvent {}
}
