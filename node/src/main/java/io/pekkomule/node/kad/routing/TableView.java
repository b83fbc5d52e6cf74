package io.pekkomule.node.kad.routing;

import io.pekkomule.protocol.KadId;
import java.util.List;

/**
 * The whole routing table for operators (the management API's routing view): every leaf zone
 * with its bin and replacement cache.
 *
 * @param atMillis when it was taken, in epoch milliseconds of the table's clock (ages of the
 *     contacts are {@code atMillis - createdMillis})
 */
public record TableView(KadId own, long atMillis, List<ZoneView> zones) {
  public TableView {
    zones = List.copyOf(zones);
  }
}
