package io.pekkomule.node.api;

import java.util.List;

/** The routing table in detail: every bucket with its contacts and replacement cache. */
public record RoutingView(List<BucketView> buckets) {
  public RoutingView {
    buckets = List.copyOf(buckets);
  }

  public static RoutingView empty() {
    return new RoutingView(List.of());
  }
}
