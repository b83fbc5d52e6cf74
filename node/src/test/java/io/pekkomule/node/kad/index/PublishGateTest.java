package io.pekkomule.node.kad.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.AddressFamily;
import io.pekkomule.protocol.endpoint.AddressKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PublishGateTest {
  static final AddressKey A = new AddressKey(AddressFamily.I2P, 1);
  static final AddressKey B = new AddressKey(AddressFamily.I2P, 2);
  static final KadId K1 = new KadId(1, 1);
  static final KadId K2 = new KadId(2, 2);

  @Test
  void limitsPerAddressOpcodeAndKey() {
    PublishGate g = new PublishGate(3, Duration.ofMinutes(10), 100);
    for (int i = 0; i < 3; i++) {
      assertTrue(g.admit(A, 0x18, K1, 0));
    }
    assertFalse(g.admit(A, 0x18, K1, 0), "burst of 3 used");
    assertTrue(g.admit(A, 0x18, K2, 0), "other key");
    assertTrue(g.admit(A, 0x19, K1, 0), "other opcode");
    assertTrue(g.admit(B, 0x18, K1, 0), "other address");
    assertFalse(g.admit(A, 0x18, K1, Duration.ofMinutes(10).toMillis() - 1));
    assertTrue(g.admit(A, 0x18, K1, Duration.ofMinutes(10).toMillis()), "one drained");
  }

  @Test
  void boundedAndSwept() {
    PublishGate g = new PublishGate(2, Duration.ofMinutes(1), 2);
    assertTrue(g.admit(A, 0x18, K1, 0));
    assertTrue(g.admit(A, 0x18, K2, 0));
    assertFalse(g.admit(B, 0x18, K1, 0), "table full: new keys refused");
    g.sweep(Duration.ofMinutes(1).toMillis());
    assertEquals(0, g.size());
    assertTrue(g.admit(B, 0x18, K1, Duration.ofMinutes(1).toMillis()));
  }
}
