package io.pekkomule.node.api;

import java.util.List;

/**
 * One leaf zone (bucket) of the routing table.
 *
 * @param level depth in the zone tree (0 = the root)
 * @param prefix the first {@code level} bits of (own KadID XOR contact KadID) shared by its
 *     contacts, as a string of 0 and 1 ("" for the root)
 * @param contacts the bin, oldest first
 * @param replacements the replacement cache, best candidate first
 */
public record BucketView(
    int level, String prefix, List<ContactView> contacts, List<ContactView> replacements) {
  public BucketView {
    contacts = List.copyOf(contacts);
    replacements = List.copyOf(replacements);
  }
}
