package io.pekkomule.persistence;

import io.pekkomule.persistence.identity.IdentityEvent;
import io.pekkomule.persistence.identity.IdentityOrigin;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sample of every persisted event in its current schema, named {@code <event>-v<version>}.
 * {@link GoldenEventWriter} writes them; the files it wrote are kept and must keep reading as the
 * same values ({@code EventSchemaCompatibilityTest}).
 */
final class GoldenSamples {
  private GoldenSamples() {}

  static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
  static final KadId ID = KadId.fromHex("0123456789ABCDEF0011223344556677");

  static Map<String, Object> current() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("identity-created-v2",
        new IdentityEvent.IdentityCreated(ID, 0xCAFEF00DL, T, IdentityOrigin.GENERATED));
    return m;
  }
}
