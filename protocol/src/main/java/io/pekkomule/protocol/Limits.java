package io.pekkomule.protocol;

/**
 * Bounds every decoder checks before allocating anything proportional to attacker input. The
 * defaults follow iMule's own limits (spec §2, §7.2, §7.3) with a little slack where iMule has
 * none; every field can be tightened per deployment.
 *
 * @param maxDatagram largest SAM datagram, header, compression and obfuscation included (10 240)
 * @param maxKadPayload largest Kad payload after the 2-byte header, after inflation (10 238)
 * @param maxHelloTags tags accepted in a HELLO tag list (iMule sends at most 1)
 * @param maxEntryTags tags accepted per search-result, publish or notes entry
 * @param maxTagValueBytes largest string, blob or bool-array value inside one tag or term
 * @param maxExpressionDepth nesting depth of a search expression (iMule: 24)
 * @param maxKad2Contacts contacts accepted in a Kad2 RES or BOOTSTRAP_RES (iMule sends ≤ 25)
 * @param maxKad1Contacts contacts accepted in a Kad1 RES or BOOTSTRAP_RES (iMule sends ≤ 12)
 * @param maxSearchResults entries accepted in one SEARCH_RES packet (iMule answers ≤ 300)
 * @param maxPublishEntries entries accepted in one PUBLISH_KEY_REQ / Kad1 PUBLISH_REQ (iMule ≤ 150)
 */
public record Limits(
    int maxDatagram,
    int maxKadPayload,
    int maxHelloTags,
    int maxEntryTags,
    int maxTagValueBytes,
    int maxExpressionDepth,
    int maxKad2Contacts,
    int maxKad1Contacts,
    int maxSearchResults,
    int maxPublishEntries) {

  /** iMule's SAM datagram limit (spec §2). */
  public static final int SAM_DATAGRAM_MAX = 10_240;
  /** iMule's {@code UDPPacketMaxDataSize}: the datagram limit minus the 2-byte header. */
  public static final int KAD_PAYLOAD_MAX = SAM_DATAGRAM_MAX - 2;
  /** iMule's search-expression depth limit ({@code CreateSearchExpressionTree}). */
  public static final int EXPRESSION_DEPTH_MAX = 24;

  public static final Limits DEFAULT =
      new Limits(SAM_DATAGRAM_MAX, KAD_PAYLOAD_MAX, 8, 32, 1024, EXPRESSION_DEPTH_MAX, 25, 12, 300, 150);

  public Limits {
    if (maxDatagram < 1
        || maxKadPayload < 0
        || maxHelloTags < 0
        || maxHelloTags > 255
        || maxEntryTags < 0
        || maxEntryTags > 255
        || maxTagValueBytes < 0
        || maxExpressionDepth < 1
        || maxKad2Contacts < 0
        || maxKad1Contacts < 0
        || maxSearchResults < 0
        || maxPublishEntries < 0) {
      throw new IllegalArgumentException("invalid limits");
    }
  }
}
