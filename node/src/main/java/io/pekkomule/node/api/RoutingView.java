package io.pekkomule.node.api;

import io.pekkomule.node.kad.routing.RoutingContact;
import io.pekkomule.node.kad.routing.TableView;
import io.pekkomule.node.kad.routing.ZoneView;
import java.util.ArrayList;
import java.util.List;

/** The routing table in detail: every bucket with its contacts and replacement cache. */
public record RoutingView(List<BucketView> buckets) {
  public RoutingView {
    buckets = List.copyOf(buckets);
  }

  public static RoutingView empty() {
    return new RoutingView(List.of());
  }

  /** The API's form of a node's routing table: zones in tree order, ages as of the table's clock. */
  public static RoutingView of(TableView table) {
    List<BucketView> buckets = new ArrayList<>(table.zones().size());
    for (ZoneView z : table.zones()) {
      buckets.add(new BucketView(z.level(), prefix(z.level(), z.index()),
          contacts(z.contacts(), table.atMillis()), contacts(z.replacements(), table.atMillis())));
    }
    return new RoutingView(buckets);
  }

  private static List<ContactView> contacts(List<RoutingContact> cs, long atMillis) {
    List<ContactView> out = new ArrayList<>(cs.size());
    for (RoutingContact c : cs) {
      out.add(ContactView.of(c.id(), c.dest(), c.state(), c.type(), c.verified(),
          c.version(), Math.max(0, atMillis - c.createdMillis()) / 1000));
    }
    return out;
  }

  /** The first {@code level} bits of the zone index as 0s and 1s. */
  static String prefix(int level, long index) {
    StringBuilder sb = new StringBuilder(level);
    for (int i = level - 1; i >= 0; i--) {
      sb.append(i < 64 && (index >>> i & 1) == 1 ? '1' : '0');
    }
    return sb.toString();
  }
}
