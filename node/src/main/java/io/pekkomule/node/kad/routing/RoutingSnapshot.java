package io.pekkomule.node.kad.routing;

import io.pekkomule.protocol.KadId;
import java.util.List;

/**
 * A read-only view of one node's routing table for status pages, tests and the lab.
 *
 * @param zones leaf zones of the table
 * @param leaves bucket actors running (one per leaf zone)
 * @param contactIds every contact in the bins (not the replacement caches)
 * @param verifiedIds the verified ones among them
 * @param publishing a self lookup completed with results (iMule's {@code SetPublish(true)})
 */
public record RoutingSnapshot(
    KadId own,
    int size,
    int verified,
    int zones,
    int leaves,
    List<KadId> contactIds,
    List<KadId> verifiedIds,
    boolean publishing) {}
