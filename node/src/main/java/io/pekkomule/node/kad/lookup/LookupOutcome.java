package io.pekkomule.node.kad.lookup;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import java.util.List;

/**
 * What a lookup actor reports once, when it ends.
 *
 * @param completedPeers the nodes that answered, closest to the target first (NODECOMPLETE's
 *     result; for NODE the closest answering node)
 * @param closestKnown the closest contacts the lookup heard of, answering or not (NODE's result)
 * @param requests requests sent: the lookup's step count
 */
public record LookupOutcome(
    long lookupId,
    LookupType type,
    KadId target,
    Termination termination,
    int results,
    List<KadContact> completedPeers,
    List<KadContact> closestKnown,
    int requests,
    long startedMillis,
    long finishedMillis) {

  public long durationMillis() {
    return finishedMillis - startedMillis;
  }
}
