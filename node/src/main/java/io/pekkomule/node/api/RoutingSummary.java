package io.pekkomule.node.api;

/**
 * Routing-table counts for status lines.
 *
 * @param contacts contacts in the bins (not the replacement caches)
 * @param verified the verified ones among them
 * @param buckets leaf zones
 * @param replacements candidates in all replacement caches
 */
public record RoutingSummary(int contacts, int verified, int buckets, int replacements) {
  public static RoutingSummary of(RoutingView routing) {
    int contacts = 0;
    int verified = 0;
    int replacements = 0;
    for (BucketView b : routing.buckets()) {
      contacts += b.contacts().size();
      verified += (int) b.contacts().stream().filter(ContactView::verified).count();
      replacements += b.replacements().size();
    }
    return new RoutingSummary(contacts, verified, routing.buckets().size(), replacements);
  }
}
