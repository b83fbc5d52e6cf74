package io.pekkomule.persistence.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Schema history of {@link IdentityEvent.IdentityCreated}:
 *
 * <ul>
 *   <li>v1: {@code kadId, udpKeySecret (signed int), createdAt}
 *   <li>v2: the secret is an unsigned u32 held in a long and named {@code udpVerifySecret} (spec
 *       §4.3 calls it the UDP verify-key secret); {@code origin} added, v1 identities were all
 *       {@link IdentityOrigin#GENERATED}.
 * </ul>
 */
public final class IdentityCreatedMigration extends JacksonMigration {
  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    ObjectNode node = (ObjectNode) json;
    if (fromVersion < 2) {
      JsonNode old = node.remove("udpKeySecret");
      long u32 = old == null ? 0 : old.asLong() & 0xFFFF_FFFFL;
      node.put("udpVerifySecret", u32);
      node.put("origin", IdentityOrigin.GENERATED.name());
    }
    return node;
  }
}
