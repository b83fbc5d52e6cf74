package io.pekkomule.node.api;

import java.util.List;

/**
 * Whether the node can serve Kad traffic now (answers {@code /health/ready}).
 *
 * @param reasons why not, one short phrase each; empty when ready
 */
public record Readiness(boolean ready, List<String> reasons) {
  public Readiness {
    reasons = List.copyOf(reasons);
  }

  public static Readiness isReady() {
    return new Readiness(true, List.of());
  }

  public static Readiness notReady(String... reasons) {
    return new Readiness(false, List.of(reasons));
  }
}
