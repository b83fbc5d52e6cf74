package io.pekkomule.node.kad.routing;

/**
 * Tunables of the table that iMule does not fix. iMule's own numbers live in {@link KadConstants}.
 *
 * @param replacementCacheSize candidates kept per leaf zone when its bin is full (Lane A; 0 = iMule)
 * @param keepContacts dead contacts are only removed while the table holds more than this
 *     (iMule's {@code KeepKadContacts}, default 0)
 */
public record RoutingConfig(int replacementCacheSize, int keepContacts) {
  public static final RoutingConfig DEFAULT = new RoutingConfig(KadConstants.K, 0);

  public RoutingConfig {
    if (replacementCacheSize < 0 || keepContacts < 0) {
      throw new IllegalArgumentException("negative setting");
    }
  }
}
