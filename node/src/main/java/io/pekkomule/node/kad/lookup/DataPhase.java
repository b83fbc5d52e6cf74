package io.pekkomule.node.kad.lookup;

import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.msg.Kad2PublishRes;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.msg.TaggedEntry;
import java.util.List;

/**
 * What a search or publish lookup does once the {@link Lookup} machine picks a node for its data
 * request (spec §11): the packets of that request, what to keep from the SEARCH_RES answers, and
 * what a PUBLISH_RES means. The {@link LookupActor} is the same for every lookup; a search or
 * publish is a lookup actor given one of these. Called on the lookup actor's thread only.
 */
public interface DataPhase {

  /**
   * The data request for one node (SEARCH_*_REQ, or a PUBLISH_*_REQ in one or more packets);
   * may be addressed to ourselves. Empty when that node cannot be asked (it is then left charged
   * until the hard timeout, as iMule leaves an unanswered node).
   */
  List<KadMessage> requests(KadContact to);

  /** One SEARCH_RES packet for this lookup; returns how many entries were kept as results. */
  default int results(List<TaggedEntry> entries) {
    return 0;
  }

  /**
   * Whether a PUBLISH_RES for this lookup's key answers this lookup: a source and a notes publish
   * of one file share the key, and answers are matched by key (iMule); the shape tells them apart.
   */
  default boolean accepts(Kad2PublishRes res) {
    return true;
  }

  /** One PUBLISH_RES for this lookup (one it {@link #accepts}). */
  default void published(Kad2PublishRes res) {}

  /** The lookup ended (exactly once). */
  default void finished(LookupOutcome outcome) {}
}
